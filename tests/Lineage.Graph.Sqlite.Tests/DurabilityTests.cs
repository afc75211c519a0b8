using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite.TestWriter;

namespace Lineage.Graph.Sqlite.Tests;

public sealed class DurabilityTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-durability-").FullName;

    private string Database => Path.Combine(_folder, "lineage.db");

    [Fact]
    public async Task Acknowledged_batches_survive_a_killed_writer_and_no_batch_is_stored_in_part()
    {
        var acknowledged = new List<int>();
        var next = 0;

        // Three kills at different points, each while the writer is in the middle of its stream of batches.
        foreach (var batches in new[] { 30, 45, 60 })
        {
            using var writer = WriterProcess.Start(Database, next, 0);
            await writer.WaitForAcknowledgementsAsync(batches, Patience);
            await writer.KillAsync();
            acknowledged.AddRange(writer.Acknowledged);
            next = writer.Acknowledged.Max() + 10;
        }

        Assert.Equal("ok", Query("PRAGMA integrity_check"));

        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), TimeProvider.System);
        var stored = await CountByBatchAsync(store);
        var whole = 0;
        for (var batch = 0; batch < next; batch++)
        {
            var count = stored.GetValueOrDefault(batch);
            Assert.True(count is 0 or DurabilityBatch.Size, $"Batch {batch} is stored in part: {count} of {DurabilityBatch.Size} entities.");
            if (count == 0)
            {
                Assert.DoesNotContain(batch, acknowledged);
                continue;
            }

            whole++;
            var chain = await store.WalkAsync(new WalkRequest { Start = DurabilityBatch.Key(batch, 0), MaxDepth = DurabilityBatch.Size });
            Assert.Equal(DurabilityBatch.Size - 1, chain.Nodes.Count);
            Assert.Equal(DurabilityBatch.Size - 1, chain.Edges.Count);
        }

        Assert.True(whole >= acknowledged.Count, $"{acknowledged.Count} batches were acknowledged but only {whole} are stored.");
    }

    [Fact]
    public async Task Walks_see_batches_that_another_process_committed()
    {
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), TimeProvider.System);
        await store.WriteAsync(DurabilityBatch.Create(0));

        using var writer = WriterProcess.Start(Database, 1, 3);
        Assert.Equal(0, await writer.WaitForExitAsync(Patience));
        Assert.Equal([1, 2, 3], writer.Acknowledged);

        var walk = await store.WalkAsync(new WalkRequest { Start = DurabilityBatch.Key(3, 0), MaxDepth = DurabilityBatch.Size });
        Assert.Equal(DurabilityBatch.Size - 1, walk.Nodes.Count);

        // The other process's entities are live for writes here too: an edge from this store joins both writers' batches.
        await store.WriteAsync(new WriteBatch
        {
            Edges = [new EdgeInput(DurabilityBatch.Key(0, DurabilityBatch.Size - 1), DurabilityBatch.Key(1, 0), RelationKind.Derives)],
        });
        var joined = await store.WalkAsync(new WalkRequest { Start = DurabilityBatch.Key(0, 0), MaxDepth = 2 * DurabilityBatch.Size });
        Assert.Equal((2 * DurabilityBatch.Size) - 1, joined.Nodes.Count);
    }

    [Fact]
    public async Task Walks_see_edges_that_a_second_connection_wrote_and_retired()
    {
        var a = EntityKey.Parse("dataset:two-writers:a@1");
        var b = EntityKey.Parse("dataset:two-writers:b@1");
        var c = EntityKey.Parse("model:two-writers:c@1");
        await using var first = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), TimeProvider.System);
        await first.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = a }, new EntityInput { Key = b }],
            Edges = [new EdgeInput(a, b, RelationKind.Derives)],
        });
        Assert.Single((await first.WalkAsync(new WalkRequest { Start = a })).Nodes);
        var linked = TimeProvider.System.GetUtcNow();

        await using (var second = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), TimeProvider.System))
        {
            await second.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = c }], Edges = [new EdgeInput(b, c, RelationKind.Derives)] });
        }

        var after = await first.WalkAsync(new WalkRequest { Start = a });
        Assert.Equal([b, c], after.Nodes.Select(n => n.Entity.Key));
        Assert.Equal(2, after.Nodes[1].Depth);

        await using (var second = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), TimeProvider.System))
        {
            await second.RetireAsync(new RetireRequest { Edges = [new EdgeRef(a, b, RelationKind.Derives)] });
        }

        Assert.Empty((await first.WalkAsync(new WalkRequest { Start = a })).Nodes);

        await using (var second = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), TimeProvider.System))
        {
            Assert.Equal(new PurgeResult(1, 2), await second.PurgeAsync(new PurgeRequest { Entities = [b] }));
        }

        // The retired a -> b went with b: not even a walk as of before its retirement sees it.
        Assert.Empty((await first.WalkAsync(new WalkRequest { Start = a, AsOf = linked })).Nodes);
        Assert.Null(await first.GetAsync(b));
        Assert.Equal(["dataset:two-writers:a@1", "model:two-writers:c@1"], (await first.ListAsync(new EntityQuery { Namespace = "two-writers" })).Items.Select(e => e.Key.ToString()));
    }

    [Fact]
    public async Task Walk_edges_keep_role_properties_and_retirement_through_catch_up_and_reopen()
    {
        // A walk's edges come from the index (role, times, whether there are properties) and only
        // their properties from rows. They must read the same whether the index learnt the edges
        // from another connection's commit or from loading the file.
        var data = EntityKey.Parse("dataset:edge-detail:events@1");
        var run = EntityKey.Parse("run:edge-detail:train@6f1c3b7e-2f7a-4f55-9f7e-0c2a9d1e4b11");
        var model = EntityKey.Parse("model:edge-detail:churn@1");
        var options = new SqliteStoreOptions { Path = Database };
        await using var first = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        await first.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = data }, new EntityInput { Key = run }, new EntityInput { Key = model }] });
        DateTimeOffset linked;
        await using (var second = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System))
        {
            await second.WriteAsync(new WriteBatch
            {
                Edges =
                [
                    new EdgeInput(data, run, RelationKind.InputTo)
                    {
                        Role = "validation",
                        Properties = new Dictionary<string, JsonElement> { ["columns"] = JsonDocument.Parse("[\"amount\"]").RootElement.Clone() },
                    },
                    new EdgeInput(run, model, RelationKind.Produced),
                ],
            });
            linked = TimeProvider.System.GetUtcNow();
            await second.RetireAsync(new RetireRequest { Edges = [new EdgeRef(run, model, RelationKind.Produced)] });
        }

        var request = new WalkRequest { Start = data, Direction = Direction.Downstream, AsOf = linked };
        var caughtUp = await first.WalkAsync(request);
        await using var reopened = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        var loaded = await reopened.WalkAsync(request);

        Assert.Equal(2, caughtUp.Edges.Count);
        var input = caughtUp.Edges.Single(e => e.Relation == RelationKind.InputTo);
        Assert.Equal(("validation", "{\"columns\":[\"amount\"]}", (DateTimeOffset?)null), (input.Role, JsonSerializer.Serialize(input.Properties), input.RetiredAt));
        var produced = caughtUp.Edges.Single(e => e.Relation == RelationKind.Produced);
        Assert.Equal((null, 0), (produced.Role, produced.Properties.Count));
        Assert.True(produced.RetiredAt > linked && produced.RecordedAt <= linked);
        Assert.Equal(Describe(caughtUp), Describe(loaded));

        static string Describe(WalkResult walk) => string.Join("\n", walk.Edges.Select(e =>
            $"{e.From} -{e.Relation}-> {e.To} role={e.Role} p={JsonSerializer.Serialize(e.Properties)} r={e.RecordedAt:O} x={e.RetiredAt:O}"));
    }

    [Fact]
    public async Task Opening_a_file_of_an_earlier_version_drops_its_edge_indexes_and_keeps_its_edges()
    {
        var (a, b) = (EntityKey.Parse("dataset:earlier:a@1"), EntityKey.Parse("dataset:earlier:b@1"));
        var options = new SqliteStoreOptions { Path = Database };
        await using (var store = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System))
        {
            await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = a }, new EntityInput { Key = b }], Edges = [new EdgeInput(a, b, RelationKind.Derives)] });
        }

        // The indexes the schema had before the in-memory index took over their work.
        Query("""
            CREATE UNIQUE INDEX edges_current ON edges(from_id, to_id, relation) WHERE retired_at IS NULL;
            CREATE INDEX edges_to ON edges(to_id);
            """);

        await using var reopened = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        var again = await reopened.WriteAsync(new WriteBatch { Edges = [new EdgeInput(a, b, RelationKind.Derives)] });

        Assert.Equal("", Query("SELECT group_concat(name) FROM sqlite_master WHERE type = 'index' AND name IN ('edges_current', 'edges_to')"));
        Assert.Equal(new WriteResult(0, 0, 0, 0, 1), again);
        Assert.Equal([b], (await reopened.WalkAsync(new WalkRequest { Start = a })).Nodes.Select(n => n.Entity.Key));
    }

    [Fact]
    public async Task Opening_a_schema_1_file_rebuilds_its_entities_without_the_key_index_and_keeps_every_row_and_id()
    {
        var (a, b, c) = (EntityKey.Parse("dataset:schema1:a@1"), EntityKey.Parse("dataset:schema1:b@1"), EntityKey.Parse("model:schema1:c@1"));
        var options = new SqliteStoreOptions { Path = Database };
        DateTimeOffset linked;
        await using (var store = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System))
        {
            await store.WriteAsync(new WriteBatch
            {
                Entities = [new EntityInput { Key = a, Description = "raw" }, new EntityInput { Key = b }, new EntityInput { Key = c }],
                Edges = [new EdgeInput(a, b, RelationKind.Derives)],
            });
            linked = TimeProvider.System.GetUtcNow();
            await store.RetireAsync(new RetireRequest { Entities = [b] });

            // The largest id goes, so the id counter is all that remembers it.
            await store.PurgeAsync(new PurgeRequest { Entities = [c] });
        }

        // Give the file the entity table of schema 1: the same columns, the key unique.
        var rows = Query("SELECT group_concat(id || ' ' || key || ' ' || coalesce(retired_at, '-'), ', ') FROM (SELECT * FROM entities ORDER BY id)");
        Query("""
            PRAGMA foreign_keys = OFF;
            CREATE TABLE entities_v1(
                id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL, namespace TEXT NOT NULL,
                name TEXT NOT NULL, version TEXT, description TEXT, tags TEXT NOT NULL, owners TEXT NOT NULL, properties TEXT NOT NULL,
                fields TEXT, recorded_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, retired_at INTEGER, seq INTEGER NOT NULL);
            INSERT INTO entities_v1 SELECT * FROM entities;
            CREATE TEMP TABLE counter AS SELECT seq FROM sqlite_sequence WHERE name = 'entities';
            DROP TABLE entities;
            ALTER TABLE entities_v1 RENAME TO entities;
            UPDATE sqlite_sequence SET seq = (SELECT seq FROM temp.counter) WHERE name = 'entities';
            CREATE INDEX entities_seq ON entities(seq);
            CREATE INDEX entities_kind ON entities(kind);
            UPDATE meta SET value = 1 WHERE name = 'schema';
            """);
        Assert.Equal("sqlite_autoindex_entities_1", Query("SELECT group_concat(name) FROM sqlite_master WHERE type = 'index' AND name LIKE 'sqlite_autoindex_entities%'"));

        await using var reopened = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        var d = EntityKey.Parse("dataset:schema1:d@1");
        var again = await reopened.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = a, Description = "raw" }, new EntityInput { Key = d }] });

        Assert.Equal("2", Query("SELECT value FROM meta WHERE name = 'schema'"));
        Assert.Equal(
            "entities_described,entities_seq,entities_tagged",
            Query("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entities' ORDER BY name)"));
        Assert.Equal(rows, Query("SELECT group_concat(id || ' ' || key || ' ' || coalesce(retired_at, '-'), ', ') FROM (SELECT * FROM entities WHERE id < 4 ORDER BY id)"));
        Assert.Equal(new WriteResult(1, 0, 1, 0, 0), again);
        Assert.Equal("4", Query("SELECT id FROM entities WHERE key = 'dataset:schema1:d@1'"));
        Assert.Equal("raw", (await reopened.GetAsync(a))?.Description);
        Assert.Equal([b], (await reopened.WalkAsync(new WalkRequest { Start = a, AsOf = linked })).Nodes.Select(n => n.Entity.Key));
        Assert.Empty((await reopened.WalkAsync(new WalkRequest { Start = a })).Nodes);
    }

    [Fact]
    public async Task Stores_on_one_file_keep_one_row_per_key_through_writes_purges_and_rewrites()
    {
        // The key is unique because every write catches its store up inside SQLite's write lock;
        // a third store that only reads learns of a purge and the key's new row in one catch-up.
        var key = EntityKey.Parse("dataset:shared:orders@1");
        var options = new SqliteStoreOptions { Path = Database };
        await using var first = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        await using var second = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        await using var reader = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        await first.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = key, Description = "first" }] });
        Assert.Equal("first", (await reader.GetAsync(key))?.Description);

        Assert.Equal(new WriteResult(0, 1, 0, 0, 0), await second.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = key, Description = "second" }] }));
        Assert.Equal("1", Query("SELECT count(*) FROM entities WHERE key = 'dataset:shared:orders@1'"));

        Assert.Equal(new PurgeResult(1, 0), await second.PurgeAsync(new PurgeRequest { Entities = [key] }));
        Assert.Equal(new WriteResult(1, 0, 0, 0, 0), await first.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = key, Description = "again" }] }));

        Assert.Equal("2", Query("SELECT id FROM entities WHERE key = 'dataset:shared:orders@1'"));
        Assert.Equal("again", (await reader.GetAsync(key))?.Description);
        Assert.Equal("again", (await second.GetAsync(key))?.Description);
        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), await second.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = key, Description = "again" }] }));
    }

    [Fact]
    public async Task Concurrent_walks_all_answer_and_leave_a_bounded_pool_of_reader_connections()
    {
        var (a, b) = (EntityKey.Parse("dataset:pool:a@1"), EntityKey.Parse("dataset:pool:b@1"));
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), TimeProvider.System);
        await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = a }, new EntityInput { Key = b }], Edges = [new EdgeInput(a, b, RelationKind.Derives)] });

        // A refused request leaves its connection fit for the next read.
        await Assert.ThrowsAsync<NotFoundException>(() => store.WalkAsync(new WalkRequest { Start = EntityKey.Parse("dataset:pool:missing@1") }));
        Assert.Equal(1, store.PooledSessions);

        var walks = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.WalkAsync(new WalkRequest { Start = a }))));

        Assert.All(walks, walk => Assert.Equal([b], walk.Nodes.Select(n => n.Entity.Key)));
        Assert.InRange(store.PooledSessions, 1, 16);
    }

    private string Query(string sql) => SqlFile.Query(Database, sql);

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// How many entities of each batch the store holds, from one pass over the namespace: the
    /// writer may get hundreds of batches in before a kill lands, and a search per batch would
    /// scan the whole file each time.
    /// </summary>
    private static async Task<Dictionary<int, int>> CountByBatchAsync(ILineageStore store)
    {
        var counts = new Dictionary<int, int>();
        string? after = null;
        do
        {
            var page = await store.ListAsync(new EntityQuery { Namespace = DurabilityBatch.Namespace, First = EntityQuery.MaxFirst, After = after });
            foreach (var entity in page.Items)
            {
                var batch = DurabilityBatch.BatchOf(entity.Key);
                counts[batch] = counts.GetValueOrDefault(batch) + 1;
            }

            after = page.HasNextPage ? page.EndCursor : null;
        }
        while (after is not null);

        return counts;
    }
}
