using System.Diagnostics;
using System.Globalization;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The baseline: the same walk as a recursive CTE over the store's own tables, the way Marquez and
/// ML Metadata walk lineage in SQL. It dedups (node, depth) pairs with UNION, keeps each node's
/// smallest depth, and reads the entity rows of the answer into <see cref="Entity"/> records, so
/// that both sides of the comparison materialise the same answer.
/// </summary>
/// <remarks>
/// Synchronous on purpose: Microsoft.Data.Sqlite runs every command synchronously underneath, and
/// its async wrappers would only add a task per row to the baseline.
/// </remarks>
internal sealed class RecursiveCteWalker : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<(Direction, int, bool), SqliteCommand> _commands = [];
    private readonly Dictionary<(Direction, int), RawStatement> _walks = [];

    public RecursiveCteWalker(string databasePath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
    }

    /// <summary>
    /// Gives the file the indexes a recursive CTE needs to find its start by key and to follow
    /// edges from either end, the ones the store's schema had before its in-memory index took over
    /// their work: a SQL lineage store would have them, and without them the start would be found
    /// by a scan of the entities and every step of the recursion would scan the edges.
    /// Returns the seconds it took.
    /// </summary>
    public static double CreateIndexes(string databasePath)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE UNIQUE INDEX IF NOT EXISTS cte_edges_from ON edges(from_id, to_id, relation) WHERE retired_at IS NULL;
            CREATE INDEX IF NOT EXISTS cte_edges_to ON edges(to_id);
            CREATE INDEX IF NOT EXISTS cte_entities_key ON entities(key);
            """;
        command.ExecuteNonQuery();
        return clock.Elapsed.TotalSeconds;
    }

    public string SqliteVersion
    {
        get
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT sqlite_version()";
            return (string)command.ExecuteScalar()!;
        }
    }

    /// <summary>The nodes reachable from <paramref name="start"/> along lineage relations, start excluded, in (depth, key) order.</summary>
    public List<WalkNode> Walk(EntityKey start, Direction direction, int maxDepth)
    {
        if (direction == Direction.Both)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "The baseline walks one direction.");
        }

        if (!_walks.TryGetValue((direction, maxDepth), out var statement))
        {
            statement = new RawStatement(_connection, Sql(direction, maxDepth, idsOnly: false));
            _walks[(direction, maxDepth)] = statement;
        }

        statement.Bind(1, start.ToString());
        var nodes = new List<WalkNode>();
        while (statement.Read())
        {
            // The store's own mapping of its rows, so that neither side skips work the other does.
            nodes.Add(new WalkNode(Rows.ReadEntity(statement), checked((int)statement.Int64(15))));
        }

        return nodes;
    }

    /// <summary>
    /// The same recursion, but only the ids and smallest depths of the nodes reached, start excluded:
    /// no entity row is read, so this is SQLite's traversal alone, the counterpart of a store walk that
    /// returns nothing.
    /// </summary>
    public List<(long Id, int Depth)> WalkIds(EntityKey start, Direction direction, int maxDepth)
    {
        if (direction == Direction.Both)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "The baseline walks one direction.");
        }

        var command = Command(direction, maxDepth, idsOnly: true);
        command.Parameters["$start"].Value = start.ToString();
        var reached = new List<(long, int)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            reached.Add((reader.GetInt64(0), reader.GetInt32(1)));
        }

        return reached;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var statement in _walks.Values)
        {
            statement.Dispose();
        }

        _connection.Dispose();
    }

    private SqliteCommand Command(Direction direction, int maxDepth, bool idsOnly)
    {
        if (_commands.TryGetValue((direction, maxDepth, idsOnly), out var cached))
        {
            return cached;
        }

        var command = _connection.CreateCommand();
        command.CommandText = Sql(direction, maxDepth, idsOnly);
        command.Parameters.Add("$start", SqliteType.Text);
        command.Prepare();
        _commands[(direction, maxDepth, idsOnly)] = command;
        return command;
    }

    /// <summary>The recursion from <c>$start</c>, answering ids and depths, or whole entity rows (the store's <see cref="Schema.EntityColumns"/>, then the depth).</summary>
    private static string Sql(Direction direction, int maxDepth, bool idsOnly)
    {
        var (near, far) = direction == Direction.Downstream ? ("from_id", "to_id") : ("to_id", "from_id");
        var relations = string.Join(", ", Relations.Lineage.Select(r => ((int)r).ToString(CultureInfo.InvariantCulture)));
        var recursion = $"""
            WITH RECURSIVE walk(id, depth) AS (
                SELECT id, 0 FROM entities WHERE key = $start AND retired_at IS NULL
                UNION
                SELECT e.{far}, walk.depth + 1
                FROM walk JOIN edges e ON e.{near} = walk.id
                WHERE walk.depth < {maxDepth} AND e.relation IN ({relations}) AND e.retired_at IS NULL
            ),
            reached(id, depth) AS (SELECT id, min(depth) FROM walk GROUP BY id)
            """;

        // Ids only: without the join to entities a retired node reached over a current edge would count,
        // which the generated graphs (nothing retired) never have; the run checks the counts against the store's.
        var columns = string.Join(", ", Schema.EntityColumns.Split(", ").Select(c => "n." + c));
        var answer = idsOnly
            ? "SELECT id, depth FROM reached WHERE depth > 0"
            : $"""
              SELECT {columns}, reached.depth
              FROM reached JOIN entities n ON n.id = reached.id
              WHERE reached.depth > 0 AND n.retired_at IS NULL
              ORDER BY reached.depth, n.key
              """;
        return recursion + "\n" + answer;
    }
}
