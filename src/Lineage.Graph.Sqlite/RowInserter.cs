using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// Inserts rows into an AUTOINCREMENT table many to a statement. Each run of an INSERT pays fixed
/// costs besides its rows (starting the statement, reading and writing the table's id counter in
/// <c>sqlite_sequence</c>); with one row per run, an ingest of 1M entities paid them over four
/// million times.
/// </summary>
/// <remarks>
/// The rows of one statement get consecutive ids, the last of them <c>last_insert_rowid</c>:
/// AUTOINCREMENT gives each new row one more than the largest id the table ever had, and the
/// caller holds the write transaction, so no other row comes between.
/// </remarks>
internal static class RowInserter
{
    /// <summary>Rows per statement: past a few dozen, a statement's fixed costs are lost in its rows' own.</summary>
    public const int RowsPerStatement = 32;

    /// <summary>
    /// Inserts <paramref name="rows"/> rows and returns their ids, in order. The first parameters are
    /// <paramref name="shared"/>'s values, the same for every row; <paramref name="bind"/> binds the
    /// values of a row (by its position) from the parameter number it is given on, one for each of
    /// <paramref name="rowValues"/>' columns.
    /// </summary>
    public static long[] Insert(
        SqliteConnection connection, string table, string[] rowValues, (string Column, long Value)[] shared, int rows,
        Action<RawStatement, int, int> bind)
    {
        var ids = new long[rows];
        var full = rows / RowsPerStatement * RowsPerStatement;
        using (var wide = full > 0 ? Compile(connection, table, rowValues, shared, RowsPerStatement) : null)
        {
            for (var first = 0; first < full; first += RowsPerStatement)
            {
                Run(wide!, first, RowsPerStatement);
            }
        }

        if (full < rows)
        {
            using var rest = Compile(connection, table, rowValues, shared, rows - full);
            Run(rest, full, rows - full);
        }

        return ids;

        void Run(RawStatement statement, int first, int count)
        {
            for (var i = 0; i < count; i++)
            {
                bind(statement, shared.Length + 1 + (i * rowValues.Length), first + i);
            }

            var last = statement.Insert();
            for (var i = 0; i < count; i++)
            {
                ids[first + i] = last - count + 1 + i;
            }
        }
    }

    private static RawStatement Compile(SqliteConnection connection, string table, string[] rowValues, (string Column, long Value)[] shared, int rows)
    {
        var columns = string.Join(", ", rowValues.Concat(shared.Select(s => s.Column)));
        var values = Enumerable.Range(0, rows).Select(row => "(" + string.Join(", ",
            Enumerable.Range(0, rowValues.Length).Select(c => $"?{shared.Length + 1 + (row * rowValues.Length) + c}")
                .Concat(shared.Select((_, s) => $"?{s + 1}"))) + ")");
        var statement = new RawStatement(connection, $"INSERT INTO {table}({columns}) VALUES {string.Join(", ", values)}");
        for (var s = 0; s < shared.Length; s++)
        {
            statement.Bind(s + 1, shared[s].Value);
        }

        return statement;
    }
}
