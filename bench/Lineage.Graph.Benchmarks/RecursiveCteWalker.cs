using System.Diagnostics;
using System.Globalization;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The baseline: the same walk as a recursive CTE over the store's own tables, the way Marquez and
/// ML Metadata walk lineage in SQL. It dedups (node, depth) pairs with UNION, keeps each node's
/// smallest depth, and reads the answer's entity rows into <see cref="Entity"/> records and its
/// edge rows into <see cref="Edge"/> records, so that both sides of the comparison materialise the
/// same answer.
/// </summary>
/// <remarks>
/// Synchronous on purpose: Microsoft.Data.Sqlite runs every command synchronously underneath, and
/// its async wrappers would only add a task per row to the baseline.
/// </remarks>
internal sealed class RecursiveCteWalker : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<(Direction, int), SqliteCommand> _commands = [];
    private readonly Dictionary<(Direction, int), (RawStatement Reach, RawStatement Edges)> _walks = [];
    private readonly Dictionary<(Direction, int), RawStatement> _nodeWalks = [];
    private readonly RawStatement _begin;
    private readonly RawStatement _clear;
    private readonly RawStatement _nodes;
    private readonly RawStatement _commit;

    public RecursiveCteWalker(string databasePath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();

        // A read-only connection still writes its own temporary tables. They are kept in memory, and
        // the page cache is 64 MiB rather than SQLite's 2 MiB, as a SQL lineage store tuned for its
        // walks would run: the settings a competent engineer gives the baseline, not SQLite's defaults.
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = """
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -65536;
                CREATE TEMP TABLE cte_answer(id INTEGER PRIMARY KEY, depth INTEGER NOT NULL, key TEXT NOT NULL);
                """;
            create.ExecuteNonQuery();
        }

        _begin = new RawStatement(_connection, "BEGIN");
        _clear = new RawStatement(_connection, "DELETE FROM temp.cte_answer");
        _nodes = new RawStatement(_connection, $"""
            SELECT {NodeColumns}, r.depth
            FROM temp.cte_answer r CROSS JOIN entities n ON n.id = r.id
            ORDER BY r.depth, r.key
            """);
        _commit = new RawStatement(_connection, "COMMIT");
    }

    /// <summary>
    /// Gives the file the indexes a recursive CTE needs to find its start by key and to follow
    /// edges from either end: a SQL lineage store would have them, and without them the start would
    /// be found by a scan of the entities and every step of the recursion would scan the edges. Both
    /// edge indexes cover what a step reads (the far end and the relation, current edges only), so
    /// that the recursion never reads an edge's row in either direction.
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
            CREATE INDEX IF NOT EXISTS cte_edges_to ON edges(to_id, from_id, relation) WHERE retired_at IS NULL;
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

    /// <summary>
    /// The whole answer of a walk from <paramref name="start"/>, as the store's walk gives it: the start's
    /// entity; the nodes reachable along lineage relations, start excluded, in (depth, key) order; and the
    /// edges the walk followed between them (from a node fewer than <paramref name="maxDepth"/> hops from
    /// the start to a node of the answer or the start), in (from key, to key, relation name) order. The recursion runs once, into a temporary
    /// table that the node and edge queries both read, all in one read transaction. Null when the start
    /// does not exist.
    /// </summary>
    public CteAnswer? Walk(EntityKey start, Direction direction, int maxDepth)
    {
        var statements = Statements(direction, maxDepth);
        _begin.Run();
        try
        {
            _clear.Run();
            statements.Reach.Bind(1, start.ToString());
            statements.Reach.Run();

            // The start's row comes first (depth 0 sorts first), then the answer's nodes; the ids
            // give the edges their ends' keys without parsing a key per edge.
            var keys = new Dictionary<long, EntityKey>();
            Entity? startEntity = null;
            var nodes = new List<WalkNode>();
            while (_nodes.Read())
            {
                // The store's own mapping of its rows, so that neither side skips work the other does.
                var entity = Rows.ReadEntity(_nodes);
                keys.Add(_nodes.Int64(0), entity.Key);
                var depth = checked((int)_nodes.Int64(15));
                if (depth == 0)
                {
                    startEntity = entity;
                }
                else
                {
                    nodes.Add(new WalkNode(entity, depth));
                }
            }

            if (startEntity is null)
            {
                return null;
            }

            var edges = new List<Edge>();
            var read = statements.Edges;
            while (read.Read())
            {
                edges.Add(new Edge
                {
                    From = keys[read.Int64(0)],
                    To = keys[read.Int64(1)],
                    Relation = (RelationKind)read.Int64(2),
                    Role = read.NullableString(3),
                    Properties = SharedValues.Properties(read.Utf8(4)),
                    RecordedAt = Rows.Time(read.Int64(5)),
                    RetiredAt = read.IsNull(6) ? null : Rows.Time(read.Int64(6)),
                });
            }

            return new CteAnswer(startEntity, nodes, edges);
        }
        finally
        {
            statements.Reach.Reset();
            _nodes.Reset();
            statements.Edges.Reset();
            _commit.Run();
        }
    }

    /// <summary>
    /// The answer's nodes alone, in (depth, key) order, from one statement: the baseline as it was before
    /// it returned the edges too, kept to show what the edges cost it.
    /// </summary>
    public List<WalkNode> WalkNodes(EntityKey start, Direction direction, int maxDepth)
    {
        if (!_nodeWalks.TryGetValue((direction, maxDepth), out var statement))
        {
            statement = new RawStatement(_connection, $"""
                {Recursion(direction, maxDepth)}
                SELECT {NodeColumns}, reached.depth
                FROM reached JOIN entities n ON n.id = reached.id
                WHERE reached.depth > 0 AND n.retired_at IS NULL
                ORDER BY reached.depth, n.key
                """);
            _nodeWalks[(direction, maxDepth)] = statement;
        }

        statement.Bind(1, start.ToString());
        var nodes = new List<WalkNode>();
        while (statement.Read())
        {
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
        if (!_commands.TryGetValue((direction, maxDepth), out var command))
        {
            // Without the join to entities a retired node reached over a current edge would count, which
            // the generated graphs (nothing retired) never have; the run checks the counts against the store's.
            command = _connection.CreateCommand();
            command.CommandText = Recursion(direction, maxDepth) + "\nSELECT id, depth FROM reached WHERE depth > 0";
            command.Parameters.Add("$start", SqliteType.Text);
            command.Prepare();
            _commands[(direction, maxDepth)] = command;
        }

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

        foreach (var (reach, edges) in _walks.Values)
        {
            reach.Dispose();
            edges.Dispose();
        }

        foreach (var statement in _nodeWalks.Values)
        {
            statement.Dispose();
        }

        _begin.Dispose();
        _clear.Dispose();
        _nodes.Dispose();
        _commit.Dispose();
        _connection.Dispose();
    }

    /// <summary>
    /// The statements of a full walk: the recursion into the temporary table, with each node's key, and
    /// the edges the walk followed between the nodes there, sorted by SQLite in the model's edge order.
    /// </summary>
    /// <remarks>
    /// The joins are CROSS JOINs, which SQLite takes in the order written: with no statistics on the
    /// temporary table its planner scanned every edge or every entity key instead (3.6 s for an
    /// answer of 6,907 edges at 1M), which would have made the baseline slow for a reason no SQL
    /// lineage store would ship with.
    /// </remarks>
    private (RawStatement Reach, RawStatement Edges) Statements(Direction direction, int maxDepth)
    {
        if (_walks.TryGetValue((direction, maxDepth), out var statements))
        {
            return statements;
        }

        var (near, far) = Ends(direction);
        var (from, to) = direction == Direction.Downstream ? ("r", "x") : ("x", "r");
        var relationNames = string.Join(" ", Relations.All.Select(r => string.Create(CultureInfo.InvariantCulture, $"WHEN {(int)r} THEN '{Relations.Name(r)}'")));
        statements = (
            new RawStatement(_connection, $"""
                INSERT INTO temp.cte_answer(id, depth, key)
                {Recursion(direction, maxDepth)}
                SELECT reached.id, reached.depth, n.key
                FROM reached JOIN entities n ON n.id = reached.id
                WHERE n.retired_at IS NULL
                """),
            new RawStatement(_connection, $"""
                SELECT e.from_id, e.to_id, e.relation, e.role, e.properties, e.recorded_at, e.retired_at
                FROM temp.cte_answer r
                CROSS JOIN edges e ON e.{near} = r.id
                CROSS JOIN temp.cte_answer x ON x.id = e.{far}
                WHERE r.depth < {maxDepth} AND e.relation IN ({LineageRelations}) AND e.retired_at IS NULL
                ORDER BY {from}.key, {to}.key, CASE e.relation {relationNames} END
                """));
        _walks[(direction, maxDepth)] = statements;
        return statements;
    }

    /// <summary>The store's <see cref="Schema.EntityColumns"/> of the entity row <c>n</c>, as <see cref="Rows.ReadEntity"/> reads them.</summary>
    private static string NodeColumns => string.Join(", ", Schema.EntityColumns.Split(", ").Select(c => "n." + c));

    private static string LineageRelations => string.Join(", ", Relations.Lineage.Select(r => ((int)r).ToString(CultureInfo.InvariantCulture)));

    private static (string Near, string Far) Ends(Direction direction) => direction switch
    {
        Direction.Downstream => ("from_id", "to_id"),
        Direction.Upstream => ("to_id", "from_id"),
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "The baseline walks one direction."),
    };

    /// <summary>The recursion from the start (<c>$start</c>, the only parameter): <c>reached</c> holds each node's id and smallest depth, the start's 0.</summary>
    private static string Recursion(Direction direction, int maxDepth)
    {
        var (near, far) = Ends(direction);
        return $"""
            WITH RECURSIVE walk(id, depth) AS (
                SELECT id, 0 FROM entities WHERE key = $start AND retired_at IS NULL
                UNION
                SELECT e.{far}, walk.depth + 1
                FROM walk JOIN edges e ON e.{near} = walk.id
                WHERE walk.depth < {maxDepth} AND e.relation IN ({LineageRelations}) AND e.retired_at IS NULL
            ),
            reached(id, depth) AS (SELECT id, min(depth) FROM walk GROUP BY id)
            """;
    }
}
