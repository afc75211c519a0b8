using System.Diagnostics;
using System.Text;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The ceiling of ingest on SQLite: the rows the store wrote, commit by commit, inserted again
/// into a fresh file of the store's own schema, 32 rows to a statement as the store writes them,
/// bound through SQLite's own interface as UTF-8 (no upsert lookups, no merging, no JSON, no in-memory
/// index), with the store's connection settings. What the store's ingest costs beyond this is
/// the store's own work; what this costs is SQLite's: its B-trees, its log and the syncs.
/// </summary>
/// <remarks>
/// Each of the store's commits stamped its rows with one change sequence, so the rows of one
/// sequence are one batch of the store's ingest. They are read from the store's file before the
/// clock starts on each batch; only the inserts and the commit are timed.
/// </remarks>
internal static class BareInsertBaseline
{
    private const string EntityColumns = "id, key, kind, namespace, name, version, description, tags, owners, properties, fields, recorded_at, updated_at, retired_at, seq";
    private const string EdgeColumns = "id, from_id, to_id, relation, role, properties, recorded_at, retired_at, seq";

    // As many rows to a statement as the store's RowInserter puts in one.
    private const int RowsPerStatement = 32;

    public static async Task<(double Seconds, long Entities, long Edges)> RunAsync(
        string sourcePath, string targetPath, string synchronous, CancellationToken cancellationToken)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(targetPath + suffix);
        }

        // The store creates the file with its schema; then it is closed and only SQLite writes to it.
        await SqliteLineageStore.Open(new SqliteStoreOptions { Path = targetPath, Synchronous = synchronous }, new TraversalLimits(), TimeProvider.System)
            .DisposeAsync();

        using var source = Open(sourcePath, SqliteOpenMode.ReadOnly);
        using var target = Open(targetPath, SqliteOpenMode.ReadWrite);

        // The settings SqliteLineageStore.Connect gives its writer.
        Execute(target, $"PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = OFF;");
        using var readEntities = Reader(source, $"SELECT {EntityColumns} FROM entities WHERE seq = $seq ORDER BY id");
        using var readEdges = Reader(source, $"SELECT {EdgeColumns} FROM edges WHERE seq = $seq ORDER BY id");
        var db = target.Handle!;
        var insertEntity = Compile(db, Insert("entities", EntityColumns, 15, RowsPerStatement));
        var insertEdge = Compile(db, Insert("edges", EdgeColumns, 9, RowsPerStatement));
        var setSequence = Compile(db, "UPDATE meta SET value = ?1 WHERE name = 'seq'");
        try
        {
            var last = Scalar(source, "SELECT value FROM meta WHERE name = 'seq'");
            var clock = new Stopwatch();
            long entities = 0, edges = 0;
            for (var sequence = 1L; sequence <= last; sequence++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entityRows = Rows(readEntities, sequence, 15);
                var edgeRows = Rows(readEdges, sequence, 9);
                clock.Start();
                Execute(target, "BEGIN IMMEDIATE");
                Run(db, insertEntity, entityRows, "entities", EntityColumns);
                Run(db, insertEdge, edgeRows, "edges", EdgeColumns);
                Run(db, setSequence, [[sequence]]);
                Execute(target, "COMMIT");
                clock.Stop();
                entities += entityRows.Count;
                edges += edgeRows.Count;
            }

            return (clock.Elapsed.TotalSeconds, entities, edges);
        }
        finally
        {
            insertEntity.Dispose();
            insertEdge.Dispose();
            setSequence.Dispose();
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>An INSERT of <paramref name="rows"/> rows of <paramref name="columns"/> values each.</summary>
    private static string Insert(string table, string names, int columns, int rows) =>
        $"INSERT INTO {table}({names}) VALUES " + string.Join(", ", Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", Enumerable.Range(1, columns).Select(c => $"?{(row * columns) + c}")) + ")"));

    private static SqliteCommand Reader(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new SqliteParameter { ParameterName = "$seq" });
        command.Prepare();
        return command;
    }

    private static List<object[]> Rows(SqliteCommand read, long sequence, int columns)
    {
        read.Parameters[0].Value = sequence;
        var rows = new List<object[]>();
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            var row = new object[columns];
            reader.GetValues(row);

            // Text is bound as the UTF-8 SQLite keeps it, encoded here, before the clock starts.
            for (var i = 0; i < columns; i++)
            {
                if (row[i] is string text)
                {
                    row[i] = Encoding.UTF8.GetBytes(text);
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    private static sqlite3_stmt Compile(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    /// <summary>
    /// Inserts the rows <see cref="RowsPerStatement"/> to a run of <paramref name="wide"/>, as the
    /// store does, and the rest through one statement of their number, compiled for the batch.
    /// </summary>
    private static void Run(sqlite3 db, sqlite3_stmt wide, List<object[]> rows, string table, string names)
    {
        var full = rows.Count / RowsPerStatement * RowsPerStatement;
        for (var first = 0; first < full; first += RowsPerStatement)
        {
            Run(db, wide, rows.GetRange(first, RowsPerStatement));
        }

        if (full < rows.Count)
        {
            var rest = Compile(db, Insert(table, names, rows[0].Length, rows.Count - full));
            Run(db, rest, rows.GetRange(full, rows.Count - full));
            rest.Dispose();
        }
    }

    /// <summary>Binds the rows' values one after another (integers, UTF-8 text, nulls: all the store writes) and steps the statement once.</summary>
    private static void Run(sqlite3 db, sqlite3_stmt statement, List<object[]> rows)
    {
        var parameter = 1;
        foreach (var value in rows.SelectMany(row => row))
        {
            Check(db, value switch
            {
                long number => raw.sqlite3_bind_int64(statement, parameter, number),
                byte[] text => raw.sqlite3_bind_text(statement, parameter, text.AsSpan()),
                _ => raw.sqlite3_bind_null(statement, parameter),
            });
            parameter++;
        }

        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(db, result);
        }
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, db);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
