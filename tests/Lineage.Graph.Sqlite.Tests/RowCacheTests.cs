using Lineage.Graph.Core;
using Microsoft.Extensions.Time.Testing;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>
/// The cache of decoded rows: alone (a copy is used only at its row's sequence, the newer copy is
/// kept, eviction spares copies in use), and in the store, where a change committed by this store
/// or another one must never be answered from an older copy.
/// </summary>
public sealed class RowCacheTests : IDisposable
{
    private static readonly DateTimeOffset Recorded = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Recorded);
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-cache-").FullName;

    private string Database => Path.Combine(_folder, "lineage.db");

    [Fact]
    public void A_copy_is_used_only_while_its_row_is_at_the_copys_sequence()
    {
        var cache = new RowCache<Entity>(10, long.MaxValue);
        cache.Add([(1, 5, Entity("a"), 1), (2, 5, Entity("b"), 1)]);

        var (found, missing) = Get(cache, [1, 2, 3], [5, 6, 5]);

        Assert.Equal("a", found[1].Description);
        Assert.False(found.ContainsKey(2));
        Assert.Equal([2, 3], missing);
        Assert.Equal((2, 1L, 2L), cache.Statistics);
    }

    [Fact]
    public void The_newer_of_two_copies_is_kept_whichever_comes_last()
    {
        var cache = new RowCache<Entity>(10, long.MaxValue);
        cache.Add([(1, 7, Entity("newer"), 1)]);
        cache.Add([(1, 6, Entity("older, read before the commit of 7"), 1)]);
        Assert.Equal("newer", Get(cache, [1], [7]).Found[1].Description);

        cache.Add([(1, 8, Entity("newest"), 1)]);
        Assert.Equal("newest", Get(cache, [1], [8]).Found[1].Description);
        Assert.Equal(1, cache.Statistics.Count);
    }

    [Fact]
    public void A_full_cache_keeps_its_capacity_and_evicts_copies_not_used_since_the_hand_last_passed()
    {
        var cache = new RowCache<Entity>(4, long.MaxValue);
        cache.Add([.. Enumerable.Range(1, 4).Select(id => (id, 1L, Entity($"e{id}"), 1L))]);
        Get(cache, [2, 4], [1, 1]);

        // Two new copies take the slots of the two copies nobody used, 1 and 3.
        cache.Add([(5, 1, Entity("e5"), 1), (6, 1, Entity("e6"), 1)]);

        var (found, missing) = Get(cache, [1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1]);
        Assert.Equal([2, 4, 5, 6], found.Keys.Order());
        Assert.Equal([1, 3], missing);
        Assert.Equal(4, cache.Statistics.Count);

        // Many more copies than slots: the count stays at the capacity.
        cache.Add([.. Enumerable.Range(100, 50).Select(id => (id, 1L, Entity($"e{id}"), 1L))]);
        Assert.Equal(4, cache.Statistics.Count);
    }

    [Fact]
    public void Forgotten_copies_go_and_the_others_stay_findable_and_evictable()
    {
        var cache = new RowCache<Entity>(4, long.MaxValue);
        cache.Add([.. Enumerable.Range(1, 4).Select(id => (id, 1L, Entity($"e{id}"), 1L))]);

        cache.Forget([2, 9, 4]);

        Assert.Equal(2, cache.Statistics.Count);
        var (found, missing) = Get(cache, [1, 2, 3, 4], [1, 1, 1, 1]);
        Assert.Equal([1, 3], found.Keys.Order());
        Assert.Equal([2, 4], missing);

        // The freed slots take new copies before anything is evicted, and a full cache evicts as before.
        cache.Add([(5, 1, Entity("e5"), 1), (6, 1, Entity("e6"), 1)]);
        Assert.Equal([1, 3, 5, 6], Get(cache, [1, 3, 5, 6], [1, 1, 1, 1]).Found.Keys.Order());
        cache.Add([.. Enumerable.Range(100, 10).Select(id => (id, 1L, Entity($"e{id}"), 1L))]);
        Assert.Equal(4, cache.Statistics.Count);
    }

    [Fact]
    public void Copies_of_ids_far_apart_are_found_forgotten_and_moved_between_slots_by_id()
    {
        var cache = new RowCache<Entity>(3, long.MaxValue);
        cache.Add([(3_000_000, 1, Entity("far"), 1), (1, 1, Entity("near"), 1), (5_000, 1, Entity("middle"), 1)]);

        var (found, missing) = Get(cache, [1, 2, 5_000, 2_999_999, 3_000_000, 3_000_001, 0, -1], [1, 1, 1, 1, 1, 1, 1, 1]);
        Assert.Equal(["near", "middle", "far"], new[] { 1, 5_000, 3_000_000 }.Select(id => found[id].Description));
        Assert.Equal([2, 2_999_999, 3_000_001, 0, -1], missing);

        // Forgetting the first slot's copy moves the last slot's into it: both ids still find their own copy.
        cache.Forget([3_000_000]);
        cache.Add([(7_000_000, 1, Entity("farther"), 1)]);
        (found, missing) = Get(cache, [3_000_000, 1, 5_000, 7_000_000], [1, 1, 1, 1]);
        Assert.Equal(["near", "middle", "farther"], new[] { 1, 5_000, 7_000_000 }.Select(id => found[id].Description));
        Assert.Equal([3_000_000], missing);
        Assert.Equal(3, cache.Statistics.Count);
    }

    [Fact]
    public async Task Purged_entities_leave_the_cache_of_the_store_that_purged_them_and_of_another()
    {
        var (source, a, b) = (Dataset("source"), Dataset("a"), Dataset("b"));
        await using var purger = Open();
        await using var other = Open();
        await purger.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = source }, new EntityInput { Key = a }, new EntityInput { Key = b }],
            Edges = [new EdgeInput(source, a, RelationKind.Derives), new EdgeInput(a, b, RelationKind.Derives)],
        });
        await Downstream(purger, source);
        await Downstream(other, source);
        Assert.Equal((3, 3), (purger.EntityCacheStatistics.Count, other.EntityCacheStatistics.Count));

        await purger.PurgeAsync(new PurgeRequest { Entities = [a, b] });

        Assert.Equal(1, purger.EntityCacheStatistics.Count);
        Assert.Empty((await Downstream(other, source)).Nodes);
        Assert.Equal(1, other.EntityCacheStatistics.Count);
    }

    [Fact]
    public async Task Purged_edges_properties_leave_the_cache_of_the_store_that_purged_them_and_of_another()
    {
        var (source, a, b) = (Dataset("source"), Dataset("a"), Dataset("b"));
        await using var purger = Open();
        await using var other = Open();
        await WriteFanOutAsync(purger, source, a, b, withProperties: true);
        await Downstream(purger, source);
        await Downstream(other, source);
        Assert.Equal((2, 2), (purger.CachedEdgeProperties, other.CachedEdgeProperties));

        await purger.PurgeAsync(new PurgeRequest { Edges = [new EdgeRef(source, a, RelationKind.Derives)] });

        Assert.Equal(1, purger.CachedEdgeProperties);
        var after = await Downstream(other, source);
        Assert.Equal([b], after.Nodes.Select(n => n.Entity.Key));
        Assert.Equal("""{"columns":["b"]}""", LineageJson.SerializeProperties(after.Edges.Single().Properties));
        Assert.Equal(1, other.CachedEdgeProperties);
    }

    [Fact]
    public async Task Entities_read_while_a_purge_of_them_is_applied_are_not_kept()
    {
        var (source, a, b) = (Dataset("source"), Dataset("a"), Dataset("b"));
        await using var store = Open();
        await WriteFanOutAsync(store, source, a, b, withProperties: false);
        Assert.NotNull(await store.GetAsync(source));

        // The start is cached; the walk has read a and b from its snapshot when the purge of a is applied.
        store.RowsRead = () =>
        {
            store.RowsRead = null;
            store.PurgeAsync(new PurgeRequest { Entities = [a] }).GetAwaiter().GetResult();
        };
        var walk = await Downstream(store, source);

        Assert.Equal([a, b], walk.Nodes.Select(n => n.Entity.Key));
        Assert.Equal(2, store.EntityCacheStatistics.Count);
        Assert.Equal([b], (await Downstream(store, source)).Nodes.Select(n => n.Entity.Key));
    }

    [Fact]
    public async Task Edge_properties_read_while_a_purge_of_their_edge_is_applied_are_not_kept()
    {
        var (source, a, b) = (Dataset("source"), Dataset("a"), Dataset("b"));
        await using var store = Open();
        await WriteFanOutAsync(store, source, a, b, withProperties: true);

        // The entities are cached, so the walk reads only the edges' properties, and has read both from its
        // snapshot when the purge of one is applied.
        Assert.Equal(3, (await store.GetManyAsync([source, a, b])).Count);
        store.RowsRead = () =>
        {
            store.RowsRead = null;
            store.PurgeAsync(new PurgeRequest { Edges = [new EdgeRef(source, a, RelationKind.Derives)] }).GetAwaiter().GetResult();
        };
        var walk = await Downstream(store, source);

        Assert.Equal(2, walk.Edges.Count);
        Assert.Equal(1, store.CachedEdgeProperties);
        Assert.Equal([b], (await Downstream(store, source)).Nodes.Select(n => n.Entity.Key));
    }

    [Fact]
    public void A_cache_of_no_entities_keeps_none()
    {
        var cache = new RowCache<Entity>(0, long.MaxValue);
        cache.Add([(1, 1, Entity("a"), 1)]);

        Assert.Equal([1], Get(cache, [1], [1]).Missing);
        Assert.Equal(0, cache.Statistics.Count);
    }

    [Fact]
    public void The_kept_copies_weigh_at_most_the_byte_bound_and_a_copy_heavier_than_it_is_not_kept()
    {
        var cache = new RowCache<Entity>(100, 1_000);
        cache.Add([(1, 1, Entity("a"), 400), (2, 1, Entity("b"), 400)]);
        Get(cache, [1], [1]);

        // 400 more pass the bound: the copy not used since the hand last passed (2) makes room.
        cache.Add([(3, 1, Entity("c"), 400)]);
        Assert.Equal([1, 3], Get(cache, [1, 2, 3], [1, 1, 1]).Found.Keys.Order());
        Assert.Equal(800, cache.Bytes);

        // A copy heavier than the bound is never kept, and takes nothing out.
        cache.Add([(4, 1, Entity("huge"), 1_001)]);
        Assert.Equal([1, 3], Get(cache, [1, 3, 4], [1, 1, 1]).Found.Keys.Order());

        // A newer copy of a kept row is weighed anew; a forgotten one gives its bytes back.
        cache.Add([(1, 2, Entity("a, grown"), 600)]);
        Assert.Equal(600 + 400, cache.Bytes);
        Assert.Equal("a, grown", Get(cache, [1], [2]).Found[1].Description);
        cache.Forget([3]);
        Assert.Equal(600, cache.Bytes);
    }

    [Fact]
    public async Task A_store_keeps_no_more_entity_bytes_than_its_bound_however_many_entities_it_may_keep()
    {
        // Ten entities of a 100 KB string each, 200 KB once decoded (UTF-16): a count of 200,000 would keep them all, the bound of 500 KB two.
        var keys = Enumerable.Range(0, 10).Select(i => Dataset($"big{i}")).ToList();
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database, EntityCacheBytes = 500_000 }, new TraversalLimits(), _clock);
        await store.WriteAsync(new WriteBatch
        {
            Entities = [.. keys.Select(k => new EntityInput { Key = k, Properties = new Dictionary<string, System.Text.Json.JsonElement> { ["blob"] = System.Text.Json.JsonSerializer.SerializeToElement(new string('x', 100_000)) } })],
        });

        var read = await store.GetManyAsync(keys);

        Assert.Equal(10, read.Count);
        Assert.Equal(2, store.EntityCacheStatistics.Count);
    }

    [Fact]
    public async Task An_entity_of_many_small_properties_weighs_what_its_decoded_copy_holds_not_its_stored_text()
    {
        // 2,000 one-digit properties: about 24 KB stored, about 500 KB decoded (a JsonDocument, a name and an
        // entry for each, measured by heap growth). Counted as stored, a bound of 1.2 MB kept all ten.
        var keys = Enumerable.Range(0, 10).Select(i => Dataset($"wide{i}")).ToList();
        var properties = Enumerable.Range(0, 2_000).ToDictionary(p => $"p{p:D4}", p => System.Text.Json.JsonSerializer.SerializeToElement(p % 10));
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database, EntityCacheBytes = 1_200_000 }, new TraversalLimits(), _clock);
        await store.WriteAsync(new WriteBatch { Entities = [.. keys.Select(k => new EntityInput { Key = k, Properties = properties })] });

        var read = await store.GetManyAsync(keys);

        Assert.Equal(10, read.Count);
        Assert.Equal(2_000, read[keys[0]].Properties.Count);
        Assert.Equal(2, store.EntityCacheStatistics.Count);
    }

    [Fact]
    public async Task A_hyperparameter_set_weighs_a_document_for_each_of_its_values()
    {
        // 2,000 values: about 27 KB stored, about 360 KB once read (each value a JsonDocument of its own, as a
        // property is). Counted as three times the stored fields, a bound of 1.2 MB kept all ten.
        var sets = Enumerable.Range(0, 10)
            .Select(i => HyperparameterSets.InputFor(Enumerable.Range(0, 2_000).ToDictionary(p => $"h{p:D4}", p => System.Text.Json.JsonSerializer.SerializeToElement((p * 7) + i))))
            .ToList();
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database, EntityCacheBytes = 1_200_000 }, new TraversalLimits(), _clock);
        await store.WriteAsync(new WriteBatch { Entities = sets });

        var read = await store.GetManyAsync([.. sets.Select(s => s.Key)]);

        Assert.Equal(10, read.Count);
        Assert.Equal(2, store.EntityCacheStatistics.Count);
    }

    [Fact]
    public async Task A_walk_answers_from_cached_copies_the_second_time()
    {
        var (source, a, b) = (Dataset("source"), Dataset("a"), Dataset("b"));
        await using var store = Open();
        await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = source }, new EntityInput { Key = a }, new EntityInput { Key = b }],
            Edges = [new EdgeInput(source, a, RelationKind.Derives), new EdgeInput(a, b, RelationKind.Derives)],
        });

        var first = await Downstream(store, source);
        var before = store.EntityCacheStatistics;
        var second = await Downstream(store, source);
        var after = store.EntityCacheStatistics;

        Assert.Equal(first.Nodes.Select(n => (n.Entity, n.Depth)), second.Nodes.Select(n => (n.Entity, n.Depth)));
        Assert.Equal(3, after.Count);
        Assert.Equal(3, after.Hits - before.Hits);
        Assert.Equal(before.Misses, after.Misses);
    }

    [Fact]
    public async Task An_edges_properties_are_read_once_and_an_edge_linked_again_has_its_own()
    {
        var (source, target) = (Dataset("source"), Dataset("target"));
        await using var reader = Open();
        await using var writer = Open();
        await writer.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = source }, new EntityInput { Key = target }],
            Edges = [new EdgeInput(source, target, RelationKind.Derives) { Properties = Properties("""{"columns":["a"]}""") }],
        });

        var first = (await Downstream(reader, source)).Edges.Single().Properties;
        var second = (await Downstream(reader, source)).Edges.Single().Properties;
        Assert.Equal("""{"columns":["a"]}""", LineageJson.SerializeProperties(first));
        Assert.Same(first, second);

        // Another store retires the edge and links the same ends again with other properties: a new edge row.
        var linked = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await writer.RetireAsync(new RetireRequest { Edges = [new EdgeRef(source, target, RelationKind.Derives)] });
        _clock.Advance(TimeSpan.FromMinutes(1));
        await writer.WriteAsync(new WriteBatch
        {
            Edges = [new EdgeInput(source, target, RelationKind.Derives) { Properties = Properties("""{"columns":["b"]}""") }],
        });

        Assert.Equal("""{"columns":["b"]}""", LineageJson.SerializeProperties((await Downstream(reader, source)).Edges.Single().Properties));
        var before = await reader.WalkAsync(new WalkRequest { Start = source, Direction = Direction.Downstream, AsOf = linked });
        Assert.Same(first, before.Edges.Single().Properties);
    }

    [Fact]
    public async Task A_file_whose_edge_ids_come_back_after_a_purge_reads_edge_properties_every_time()
    {
        var (source, target) = (Dataset("source"), Dataset("target"));
        await CreateWithEdgeIdsReusedAsync();
        await using var store = Open();
        var edge = new EdgeInput(source, target, RelationKind.Derives) { Properties = Properties("""{"columns":["a"]}""") };
        await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = source }, new EntityInput { Key = target }], Edges = [edge] });
        Assert.Equal("""{"columns":["a"]}""", LineageJson.SerializeProperties((await Downstream(store, source)).Edges.Single().Properties));
        var id = SqlFile.Query(Database, "SELECT id FROM edges");

        await store.PurgeAsync(new PurgeRequest { Edges = [new EdgeRef(source, target, RelationKind.Derives)] });
        await store.WriteAsync(new WriteBatch { Edges = [edge with { Properties = Properties("""{"columns":["b"]}""") }] });

        Assert.Equal(id, SqlFile.Query(Database, "SELECT id FROM edges"));
        Assert.Equal("""{"columns":["b"]}""", LineageJson.SerializeProperties((await Downstream(store, source)).Edges.Single().Properties));
    }

    [Fact]
    public async Task Another_store_catching_up_over_a_purge_and_an_edge_given_the_purged_id_walks_the_new_edge()
    {
        var (source, target, other) = (Dataset("source"), Dataset("target"), Dataset("other"));
        await CreateWithEdgeIdsReusedAsync();
        await using var writer = Open();
        await using var reader = Open();
        await writer.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = source }, new EntityInput { Key = target }, new EntityInput { Key = other }],
            Edges = [new EdgeInput(source, target, RelationKind.Derives)],
        });
        Assert.Equal([target], (await Downstream(reader, source)).Nodes.Select(n => n.Entity.Key));
        var id = SqlFile.Query(Database, "SELECT id FROM edges");

        // The reader catches up over both commits at once: the purge of the edge, and the new edge with its id.
        await writer.PurgeAsync(new PurgeRequest { Edges = [new EdgeRef(source, target, RelationKind.Derives)] });
        await writer.WriteAsync(new WriteBatch { Edges = [new EdgeInput(source, other, RelationKind.Derives)] });

        Assert.Equal(id, SqlFile.Query(Database, "SELECT id FROM edges"));
        Assert.Equal([other], (await Downstream(writer, source)).Nodes.Select(n => n.Entity.Key));
        Assert.Equal([other], (await Downstream(reader, source)).Nodes.Select(n => n.Entity.Key));
    }

    [Fact]
    public async Task A_change_committed_by_this_store_is_never_answered_from_an_older_copy()
    {
        var (source, target) = (Dataset("source"), Dataset("target"));
        await using var store = Open();
        await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = source }, new EntityInput { Key = target, Description = "first" }],
            Edges = [new EdgeInput(source, target, RelationKind.Derives)],
        });
        Assert.Equal("first", (await Downstream(store, source)).Nodes.Single().Entity.Description);

        await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = target, Description = "second" }] });

        Assert.Equal("second", (await Downstream(store, source)).Nodes.Single().Entity.Description);
        Assert.Equal("second", (await store.GetAsync(target))!.Description);
    }

    [Fact]
    public async Task Changes_committed_by_another_store_on_the_file_replace_the_cached_copies()
    {
        var (source, changed, retired, purged) = (Dataset("source"), Dataset("changed"), Dataset("retired"), Dataset("purged"));
        await using var reader = Open();
        await using var writer = Open();
        await writer.WriteAsync(new WriteBatch
        {
            Entities =
            [
                new EntityInput { Key = source }, new EntityInput { Key = changed, Description = "first" },
                new EntityInput { Key = retired }, new EntityInput { Key = purged },
            ],
            Edges = [new EdgeInput(source, changed, RelationKind.Derives), new EdgeInput(source, retired, RelationKind.Derives), new EdgeInput(source, purged, RelationKind.Derives)],
        });
        var before = await Downstream(reader, source);
        Assert.Equal(3, before.Nodes.Count);
        Assert.NotNull(await reader.GetAsync(retired));

        await writer.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = changed, Description = "second" }] });
        _clock.Advance(TimeSpan.FromMinutes(1));
        await writer.RetireAsync(new RetireRequest { Entities = [retired] });
        await writer.PurgeAsync(new PurgeRequest { Entities = [purged] });

        var after = await Downstream(reader, source);
        Assert.Equal([changed], after.Nodes.Select(n => n.Entity.Key));
        Assert.Equal("second", after.Nodes.Single().Entity.Description);
        Assert.Null(await reader.GetAsync(retired));
        Assert.Equal(Recorded.AddMinutes(1), (await reader.GetAsync(retired, Recorded.AddSeconds(30)))!.RetiredAt);
        Assert.Null(await reader.GetAsync(purged));
    }

    [Fact]
    public async Task Walks_running_while_this_store_purges_their_nodes_answer_without_them()
    {
        // A walk finds its nodes in the index, then reads their keys (to cut at its limit) and rows:
        // a purge committed in between leaves ids without them, and the walk must answer without
        // those nodes rather than fail.
        var source = Dataset("fan-source");
        var targets = Enumerable.Range(0, 300).Select(i => Dataset($"fan-{i:D3}")).ToList();
        await using var store = Open();
        await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = source }, .. targets.Select(t => new EntityInput { Key = t })],
            Edges = [.. targets.Select(t => new EdgeInput(source, t, RelationKind.Derives))],
        });

        using var done = new CancellationTokenSource();
        var walks = 0;
        var walking = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                // Every other walk is cut at 100 nodes, which reads the keys of the level it cuts.
                var walk = await store.WalkAsync(new WalkRequest { Start = source, Direction = Direction.Downstream, MaxDepth = 10, Limit = walks % 2 == 0 ? 100 : 1_000 });
                Assert.All(walk.Nodes, n => Assert.Contains(n.Entity.Key, targets));
                Assert.All(walk.Edges, e => Assert.Contains(walk.Nodes, n => n.Entity.Key == e.To));
                Interlocked.Increment(ref walks);
            }
        });
        while (Volatile.Read(ref walks) == 0 && !walking.IsCompleted)
        {
            await Task.Delay(1);
        }

        foreach (var target in targets)
        {
            await store.PurgeAsync(new PurgeRequest { Entities = [target] });
        }

        await done.CancelAsync();
        await walking;

        Assert.True(walks > 1);
        Assert.Empty((await Downstream(store, source)).Nodes);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SqliteLineageStore Open() => SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), _clock);

    private static Task<WalkResult> Downstream(SqliteLineageStore store, EntityKey start) =>
        store.WalkAsync(new WalkRequest { Start = start, Direction = Direction.Downstream, MaxDepth = 10 });

    /// <summary>Creates the file with the edges table files made before purging existed have: ids without AUTOINCREMENT, so a purged last edge's id is given again.</summary>
    private async Task CreateWithEdgeIdsReusedAsync()
    {
        await Open().DisposeAsync();
        SqlFile.Query(Database, """
            CREATE TABLE edges_old(
                id INTEGER PRIMARY KEY, from_id INTEGER NOT NULL REFERENCES entities(id), to_id INTEGER NOT NULL REFERENCES entities(id),
                relation INTEGER NOT NULL, role TEXT, properties TEXT NOT NULL, recorded_at INTEGER NOT NULL, retired_at INTEGER, seq INTEGER NOT NULL);
            DROP TABLE edges;
            ALTER TABLE edges_old RENAME TO edges;
            CREATE INDEX edges_seq ON edges(seq);
            """);
    }

    /// <summary>Writes source -> a and source -> b; with properties, each edge names its target's column.</summary>
    private static Task<WriteResult> WriteFanOutAsync(SqliteLineageStore store, EntityKey source, EntityKey a, EntityKey b, bool withProperties) =>
        store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = source }, new EntityInput { Key = a }, new EntityInput { Key = b }],
            Edges =
            [
                new EdgeInput(source, a, RelationKind.Derives) { Properties = withProperties ? Properties("""{"columns":["a"]}""") : null },
                new EdgeInput(source, b, RelationKind.Derives) { Properties = withProperties ? Properties("""{"columns":["b"]}""") : null },
            ],
        });

    private static EntityKey Dataset(string name) => EntityKey.Parse($"dataset:cache:{name}@1");

    private static IReadOnlyDictionary<string, System.Text.Json.JsonElement> Properties(string json) => LineageJson.DeserializeProperties(json);

    private static Entity Entity(string description) => new()
    {
        Key = Dataset("any"),
        Description = description,
        RecordedAt = Recorded,
        UpdatedAt = Recorded,
    };

    /// <summary>The copies found, by id, and the ids missing.</summary>
    private static (Dictionary<int, Entity> Found, List<int> Missing) Get(RowCache<Entity> cache, int[] ids, long[] sequences)
    {
        var found = new Entity?[ids.Length];
        var missing = new List<int>();
        cache.Get(ids, sequences, found, missing);
        Assert.All(missing, position => Assert.Null(found[position]));
        return (
            Enumerable.Range(0, ids.Length).Where(i => found[i] is not null).ToDictionary(i => ids[i], i => found[i]!),
            missing.ConvertAll(position => ids[position]));
    }
}
