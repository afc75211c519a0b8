using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// ILineageStore.WalkKeysManyAsync: WalkManyAsync's answers as keys alone.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task WalkKeysMany_answers_the_keys_of_each_full_walk()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);
        var requests = VariedWalks(g);

        var keys = await Store.WalkKeysManyAsync(requests);
        var full = await Store.WalkManyAsync(requests);

        Assert.Equal(requests.Count, keys.Count);
        Assert.Contains(keys, k => k!.Truncated);
        Assert.Contains(keys, k => k!.Edges.Count > 1);
        AssertKeysOf(full, keys);
    }

    [SkippableFact]
    public async Task WalkKeysMany_answers_null_where_the_start_does_not_exist_and_follows_asOf()
    {
        var (a, b, c, _, requests) = await WriteRetiredChainAsync();

        var keys = await Store.WalkKeysManyAsync(requests);
        var full = await Store.WalkManyAsync(requests);

        Assert.Equal([c], keys[0]!.Nodes.Select(n => n.Key));
        Assert.Null(keys[1]);
        Assert.Null(keys[2]);
        Assert.Null(keys[3]);
        Assert.Equal([(b, 1)], keys[4]!.Nodes);
        Assert.Equal([new EdgeRef(a, b, RelationKind.Derives)], keys[6]!.Edges);
        AssertKeysOf(full, keys);
    }

    [SkippableFact]
    public async Task WalkKeysMany_one_hop_answers_keep_loops_both_ways_and_follow_asOf_and_retirement()
    {
        // a -> b, b -> b (a loop), then a run c that read b and wrote it, then c retired and the
        // b -> b loop retired: every one-hop answer from each, in each direction and at each instant,
        // is the full walk's.
        var (a, b, c) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Run("nightly", 1));
        await WriteGraphAsync([a, b], Graphs.Edge(a, b), Graphs.Edge(b, b));
        var before = Clock.GetUtcNow();
        Tick();
        await WriteGraphAsync([c], Graphs.Edge(b, c, RelationKind.InputTo), Graphs.Edge(c, b, RelationKind.Produced));
        var written = Tick();
        await Store.RetireAsync(new RetireRequest { Entities = [c], Edges = [new EdgeRef(b, b, RelationKind.Derives)] });
        var requests = (
            from start in new[] { a, b, c }
            from direction in new[] { Direction.Upstream, Direction.Downstream, Direction.Both }
            from asOf in new DateTimeOffset?[] { null, before, written }
            from limit in new[] { 1, 10 }
            select new WalkRequest { Start = start, Direction = direction, MaxDepth = 1, Relations = Relations.All, AsOf = asOf, Limit = limit }).ToList();

        var keys = await Store.WalkKeysManyAsync(requests);
        var full = await Store.WalkManyAsync(requests);

        Assert.Contains(keys, k => k is not null && k.Edges.Any(e => e.From == e.To));
        AssertKeysOf(full, keys);
    }

    [SkippableFact]
    public async Task WalkKeysMany_refuses_the_whole_call_when_one_request_is_out_of_bounds()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        await WriteGraphAsync([a, b], Graphs.Edge(a, b));

        Assert.Empty(await Store.WalkKeysManyAsync([]));
        await Assert.ThrowsAsync<DepthLimitException>(() => Store.WalkKeysManyAsync(
            [new WalkRequest { Start = a }, new WalkRequest { Start = b, MaxDepth = Limits.MaxDepthCap + 1 }]));
        await Assert.ThrowsAsync<LimitExceededException>(() => Store.WalkKeysManyAsync(
            [new WalkRequest { Start = a }, new WalkRequest { Start = b, Limit = Limits.LimitCap + 1 }]));
    }

    /// <summary>Checks each keys answer against its full walk's keys, and null against null.</summary>
    private static void AssertKeysOf(IReadOnlyList<WalkResult?> full, IReadOnlyList<WalkKeys?> keys)
    {
        Assert.Equal(full.Count, keys.Count);
        for (var i = 0; i < full.Count; i++)
        {
            if (full[i] is null)
            {
                Assert.Null(keys[i]);
            }
            else
            {
                AssertSameKeys(WalkKeys.Of(full[i]!), keys[i]);
            }
        }
    }

    private static void AssertSameKeys(WalkKeys expected, WalkKeys? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Start, actual.Start);
        Assert.Equal(expected.Nodes, actual.Nodes);
        Assert.Equal(expected.Edges, actual.Edges);
        Assert.Equal(expected.Truncated, actual.Truncated);
    }
}
