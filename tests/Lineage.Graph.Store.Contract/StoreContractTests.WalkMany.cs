using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// ILineageStore.WalkManyAsync: many walks in one call, each answered as WalkAsync answers it alone.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task WalkMany_answers_each_request_as_its_own_walk_does()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);
        var requests = VariedWalks(g);

        var answers = await Store.WalkManyAsync(requests);

        Assert.Equal(requests.Count, answers.Count);
        Assert.Contains(answers, a => a!.Truncated);
        for (var i = 0; i < requests.Count; i++)
        {
            AssertSameWalk(await Store.WalkAsync(requests[i]), answers[i]);
        }
    }

    [SkippableFact]
    public async Task WalkMany_answers_null_where_the_start_does_not_exist_and_keeps_request_order()
    {
        var (a, b, c, _, requests) = await WriteRetiredChainAsync();

        var answers = await Store.WalkManyAsync(requests);

        Assert.Equal(7, answers.Count);
        Assert.Equal([(c.ToString(), 1)], NodesOf(answers[0]!));
        Assert.Null(answers[1]);
        Assert.Null(answers[2]);
        Assert.Null(answers[3]);
        Assert.Equal([(b.ToString(), 1)], NodesOf(answers[4]!));
        Assert.Equal(NodesOf(answers[0]!), NodesOf(answers[5]!));
        Assert.Equal([(a.ToString(), 1)], NodesOf(answers[6]!));
        Assert.Equal([Graphs.Describe(a, b, RelationKind.Derives)], EdgesOf(answers[6]!));
    }

    [SkippableFact]
    public async Task WalkMany_of_no_requests_answers_none()
    {
        Assert.Empty(await Store.WalkManyAsync([]));
    }

    [SkippableFact]
    public async Task WalkMany_walks_hundreds_of_starts_in_one_call()
    {
        var chain = Graphs.Datasets(601);
        await WriteGraphAsync(chain, Graphs.Chain(chain));

        var answers = await Store.WalkManyAsync([.. chain.Select(d => new WalkRequest { Start = d, Direction = Direction.Both, MaxDepth = 1 })]);

        for (var i = 0; i < chain.Length; i++)
        {
            var expected = new[] { i - 1, i + 1 }.Where(n => n >= 0 && n < chain.Length).Select(n => chain[n].ToString()).Order(StringComparer.Ordinal);
            Assert.Equal(expected, NodesOf(answers[i]!).Select(n => n.Key));
            Assert.Equal(expected.Count(), answers[i]!.Edges.Count);
        }
    }

    [SkippableFact]
    public async Task WalkMany_refuses_the_whole_call_when_one_request_is_out_of_bounds()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        await WriteGraphAsync([a, b], Graphs.Edge(a, b));

        await Assert.ThrowsAsync<DepthLimitException>(() => Store.WalkManyAsync(
            [new WalkRequest { Start = a }, new WalkRequest { Start = b, MaxDepth = Limits.MaxDepthCap + 1 }]));
        await Assert.ThrowsAsync<LimitExceededException>(() => Store.WalkManyAsync(
            [new WalkRequest { Start = a }, new WalkRequest { Start = b, Limit = Limits.LimitCap + 1 }]));
        await Assert.ThrowsAsync<InvalidInputException>(() => Store.WalkManyAsync(
            [new WalkRequest { Start = a, Relations = [] }]));
    }

    /// <summary>
    /// a -> b, then b -> c a minute later, then a retired; and walks from each, now and before c was
    /// written, one from an entity never written, and one asked twice.
    /// </summary>
    private async Task<(EntityKey A, EntityKey B, EntityKey C, DateTimeOffset BeforeC, List<WalkRequest> Requests)> WriteRetiredChainAsync()
    {
        var (a, b, c) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"));
        await WriteGraphAsync([a, b], Graphs.Edge(a, b));
        var beforeC = Clock.GetUtcNow();
        Tick();
        await WriteGraphAsync([c], Graphs.Edge(b, c));
        Tick();
        await Store.RetireAsync(new RetireRequest { Entities = [a] });
        return (a, b, c, beforeC,
        [
            new WalkRequest { Start = b, Direction = Direction.Downstream },
            new WalkRequest { Start = Graphs.Dataset("never-written") },
            new WalkRequest { Start = a, Direction = Direction.Downstream },
            new WalkRequest { Start = c, Direction = Direction.Upstream, AsOf = beforeC },
            new WalkRequest { Start = a, Direction = Direction.Downstream, AsOf = beforeC },
            new WalkRequest { Start = b, Direction = Direction.Downstream },
            new WalkRequest { Start = b, Direction = Direction.Both, AsOf = beforeC },
        ]);
    }

    /// <summary>Walks from every entity of <paramref name="g"/> in each direction, to depth 1, to any depth over every relation, cut by kinds and small limits (at depth 1 too).</summary>
    private static List<WalkRequest> VariedWalks(MlGraph g)
    {
        var requests = new List<WalkRequest>();
        foreach (var start in g.Entities.Select(e => e.Key))
        {
            foreach (var direction in new[] { Direction.Upstream, Direction.Downstream, Direction.Both })
            {
                requests.Add(new WalkRequest { Start = start, Direction = direction, MaxDepth = 1 });
                requests.Add(new WalkRequest { Start = start, Direction = direction, Relations = Relations.All });
                requests.Add(new WalkRequest { Start = start, Direction = direction, MaxDepth = 3, Kinds = [EntityKind.Run, EntityKind.Model], Limit = 2 });
                requests.Add(new WalkRequest { Start = start, Direction = direction, Limit = 3 });
                requests.Add(new WalkRequest { Start = start, Direction = direction, MaxDepth = 1, Relations = Relations.All, Limit = 1 });
                requests.Add(new WalkRequest { Start = start, Direction = direction, MaxDepth = 1, Relations = Relations.All, Kinds = [EntityKind.Dataset, EntityKind.Run] });
            }
        }

        return requests;
    }

    /// <summary>Checks that a walk answered in a batch is the one answered alone: start, nodes and their entities, edges with everything they carry, and the flags.</summary>
    private static void AssertSameWalk(WalkResult expected, WalkResult? actual)
    {
        Assert.NotNull(actual);
        AssertSameEntity(expected.Start, actual.Start);
        Assert.Equal(NodesOf(expected), NodesOf(actual));
        for (var i = 0; i < expected.Nodes.Count; i++)
        {
            AssertSameEntity(expected.Nodes[i].Entity, actual.Nodes[i].Entity);
        }

        Assert.Equal(
            expected.Edges.Select(e => $"{Describe(e)} role={e.Role} p={Json(e.Properties)} r={e.RecordedAt:O} x={e.RetiredAt:O}"),
            actual.Edges.Select(e => $"{Describe(e)} role={e.Role} p={Json(e.Properties)} r={e.RecordedAt:O} x={e.RetiredAt:O}"));
        Assert.Equal(expected.Truncated, actual.Truncated);
        Assert.Equal(expected.NodesVisited, actual.NodesVisited);
        Assert.Equal(expected.EdgesVisited, actual.EdgesVisited);
    }
}
