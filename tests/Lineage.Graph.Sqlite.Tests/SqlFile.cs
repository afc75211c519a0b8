using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>SQL run on a store's file outside any store, to see what the store wrote.</summary>
internal static class SqlFile
{
    /// <summary>Runs the statements through a connection of their own; returns the first value as text, "" for none or NULL.</summary>
    public static string Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }
}
