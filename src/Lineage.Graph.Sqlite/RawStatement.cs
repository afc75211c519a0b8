using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// A statement compiled once and run once per row through SQLite's own interface. Ingest writes
/// thousands of rows per batch; through <see cref="SqliteCommand"/> each row paid for a data
/// reader and parameter objects, about as much as SQLite's own work for the row. Walks read
/// thousands of entity rows the same way, their text read in place as UTF-8, so that what many
/// rows share (namespaces, names, empty label lists and property maps) makes no string at all.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    // Texts up to this many characters are encoded without counting their bytes first: the
    // buffer takes the most they can need, three bytes to a character. Made at the first text
    // bound, since most statements that read bind none.
    private const int ShortText = 1_024;
    private byte[] _utf8 = [];

    // The most the buffer grows to: statements of pooled read sessions live as long as the store,
    // and a text past this (the ids of a large walk, a long description) is encoded into a rented
    // array instead, rather than leave each session holding megabytes.
    private const int MaxKeptBuffer = 64 * 1_024;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds a value to the 1-based parameter <paramref name="index"/>; null binds SQL NULL.</summary>
    /// <remarks>
    /// The text is encoded into this statement's own buffer, which SQLite copies from at once, with
    /// its bytes counted only when it is long. The string overload of the binding counts every
    /// text's bytes, then encodes it into a fresh buffer of its own; ingest binds five texts this
    /// way to an entity row (key, namespace, name, version, description) and one to an edge's (its
    /// role), and a 1M ingest's inserts took about 0.9 s less this way. <see cref="JsonColumns"/> writes
    /// the JSON ones as UTF-8.
    /// </remarks>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        var most = value.Length <= ShortText ? Encoding.UTF8.GetMaxByteCount(value.Length) : Encoding.UTF8.GetByteCount(value);
        if (most > MaxKeptBuffer)
        {
            var rented = ArrayPool<byte>.Shared.Rent(most);
            try
            {
                Bind(index, rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            return;
        }

        if (most > _utf8.Length)
        {
            _utf8 = new byte[Math.Min(MaxKeptBuffer, Math.Max(Math.Max(most, 256), _utf8.Length * 2))];
        }

        Bind(index, _utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, _utf8)));
    }

    /// <summary>Binds UTF-8 text, which SQLite copies before this returns.</summary>
    public void Bind(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds a text, a whole number or null to the parameter of that name (<c>@name</c>).</summary>
    public void Bind(string name, object? value)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        switch (value)
        {
            case null:
                Bind(index, (string?)null);
                break;
            case string text:
                Bind(index, text);
                break;
            case int number:
                Bind(index, number);
                break;
            case long number:
                Bind(index, number);
                break;
            default:
                throw new ArgumentException($"Cannot bind a {value.GetType().Name} to {name}.", nameof(value));
        }
    }

    /// <summary>Runs the statement with the values bound, then readies it for the next row.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }

    /// <summary>Runs an insert with the values bound and returns the new row's id.</summary>
    public long Insert()
    {
        Run();
        return raw.sqlite3_last_insert_rowid(_db);
    }

    /// <summary>Steps to the next result row: true while there is one; after the last, the statement is ready to run again.</summary>
    public bool Read()
    {
        var result = raw.sqlite3_step(_statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }

        return false;
    }

    /// <summary>Ends a read before its last row, readying the statement to run again.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>A text column's UTF-8 bytes as SQLite holds them, valid until the next step.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(_statement, column);

    public string String(int column) => Encoding.UTF8.GetString(Utf8(column));

    public string? NullableString(int column) => IsNull(column) ? null : String(column);

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }
}
