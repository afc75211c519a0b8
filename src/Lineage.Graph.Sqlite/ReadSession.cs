using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// A reader connection with the statements of a walk compiled on it once. Reads rent one from the
/// store's pool, so that a walk pays neither for opening a connection nor for compiling its
/// statements: together those were most of the time of a walk that returns little.
/// </summary>
internal sealed class ReadSession : IDisposable
{
    public ReadSession(string connectionString)
    {
        Connection = new SqliteConnection(connectionString);
        Connection.Open();

        // SQLite's lower() folds ASCII letters only; text search ignores case the way .NET (and
        // Neo4j's toLower) do, in every script.
        Connection.CreateFunction(Schema.LowerFunction, (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
        // Statements run through SQLite's own interface (RawStatement) get no retries from
        // Microsoft.Data.Sqlite when the file is busy (another process recovering the WAL, say):
        // SQLite waits itself, as long as the connection's commands would.
        using (var busy = Connection.CreateCommand())
        {
            busy.CommandText = $"PRAGMA busy_timeout = {Connection.DefaultTimeout * 1000}";
            busy.ExecuteNonQuery();
        }

        EntitiesById = new RawStatement(Connection, Schema.EntitiesById);
    }

    public SqliteConnection Connection { get; }

    /// <summary>Entity rows by id, from a JSON array of ids (<c>@ids</c>).</summary>
    public RawStatement EntitiesById { get; }

    public void Dispose()
    {
        EntitiesById.Dispose();
        Connection.Dispose();
    }
}
