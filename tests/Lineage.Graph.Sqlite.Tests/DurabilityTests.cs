using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite.TestWriter;
using Microsoft.Data.Sqlite;

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

    /// <summary>Runs SQL on the file through a connection of its own, outside any store; returns the first value as text.</summary>
    private string Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string ?? "";
    }

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
