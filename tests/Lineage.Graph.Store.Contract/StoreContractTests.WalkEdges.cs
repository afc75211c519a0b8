using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// lineage-model.md, "Traversal": the answer holds the edges between returned nodes that the walk
// followed. Downstream, an edge u -> v of an allowed relation is followed when u and v are returned
// (or the start) and u lies nearer than maxDepth; upstream, when v does. BOTH keeps either half's
// edges whose ends both survive. Edges are ordered by (from, to, relation).
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Walk_edges_are_the_followed_edges_between_returned_nodes_in_order()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var walk = await WalkAsync(g.RawEvents, Direction.Downstream);

        Assert.Equal(
            [
                Graphs.Describe(g.CleanEvents, g.FeatureRun, RelationKind.InputTo),
                Graphs.Describe(g.CleanEvents, g.TrainRun, RelationKind.InputTo),
                Graphs.Describe(g.RawEvents, g.EtlRun, RelationKind.InputTo),
                Graphs.Describe(g.TxnCount, g.TrainRun, RelationKind.InputTo),
                Graphs.Describe(g.Model, g.Deployment, RelationKind.DeployedAs),
                Graphs.Describe(g.Model, g.EvalRun, RelationKind.InputTo),
                Graphs.Describe(g.EtlRun, g.CleanEvents, RelationKind.Produced),
                Graphs.Describe(g.FeatureRun, g.TxnCount, RelationKind.Produced),
                Graphs.Describe(g.TrainRun, g.Model, RelationKind.Produced),
            ],
            EdgesOf(walk));
        var validation = Assert.Single(walk.Edges, e => e.From == g.CleanEvents && e.To == g.TrainRun);
        Assert.Equal("validation", validation.Role);
        Assert.All(walk.Edges, e => Assert.Equal((Epoch, (DateTimeOffset?)null), (e.RecordedAt, e.RetiredAt)));
    }

    [SkippableFact]
    public async Task Walk_upstream_edges_are_the_followed_edges_between_returned_nodes()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var walk = await WalkAsync(g.TxnCount, Direction.Upstream);

        Assert.Equal(
            [
                Graphs.Describe(g.EtlCode, g.EtlRun, RelationKind.ExecutedIn),
                Graphs.Describe(g.FeatureCode, g.FeatureRun, RelationKind.ExecutedIn),
                Graphs.Describe(g.CleanEvents, g.FeatureRun, RelationKind.InputTo),
                Graphs.Describe(g.RawEvents, g.EtlRun, RelationKind.InputTo),
                Graphs.Describe(g.EtlRun, g.CleanEvents, RelationKind.Produced),
                Graphs.Describe(g.FeatureRun, g.TxnCount, RelationKind.Produced),
            ],
            EdgesOf(walk));
    }

    [SkippableFact]
    public async Task Walk_downstream_edges_leave_out_edges_from_nodes_at_max_depth()
    {
        var (s, a, b) = (Graphs.Dataset("s"), Graphs.Dataset("a"), Graphs.Dataset("b"));
        await WriteGraphAsync([s, a, b], Graphs.Edge(s, a), Graphs.Edge(s, b), Graphs.Edge(a, b));

        var one = await WalkAsync(s, Direction.Downstream, maxDepth: 1);
        var two = await WalkAsync(s, Direction.Downstream, maxDepth: 2);

        Assert.Equal([(a.ToString(), 1), (b.ToString(), 1)], NodesOf(one));
        Assert.Equal([Graphs.Describe(s, a, RelationKind.Derives), Graphs.Describe(s, b, RelationKind.Derives)], EdgesOf(one));
        Assert.Equal(
            [Graphs.Describe(a, b, RelationKind.Derives), Graphs.Describe(s, a, RelationKind.Derives), Graphs.Describe(s, b, RelationKind.Derives)],
            EdgesOf(two));
    }

    [SkippableFact]
    public async Task Walk_upstream_edges_leave_out_edges_into_nodes_at_max_depth()
    {
        var (s, a, b) = (Graphs.Dataset("s"), Graphs.Dataset("a"), Graphs.Dataset("b"));
        await WriteGraphAsync([s, a, b], Graphs.Edge(a, s), Graphs.Edge(b, s), Graphs.Edge(a, b));

        var one = await WalkAsync(s, Direction.Upstream, maxDepth: 1);
        var two = await WalkAsync(s, Direction.Upstream, maxDepth: 2);

        Assert.Equal([(a.ToString(), 1), (b.ToString(), 1)], NodesOf(one));
        Assert.Equal([Graphs.Describe(a, s, RelationKind.Derives), Graphs.Describe(b, s, RelationKind.Derives)], EdgesOf(one));
        Assert.Equal(
            [Graphs.Describe(a, b, RelationKind.Derives), Graphs.Describe(a, s, RelationKind.Derives), Graphs.Describe(b, s, RelationKind.Derives)],
            EdgesOf(two));
    }

    [SkippableFact]
    public async Task Walk_edges_include_a_cycle_edge_back_to_the_start()
    {
        var (s, a, b) = (Graphs.Dataset("s"), Graphs.Dataset("a"), Graphs.Dataset("b"));
        await WriteGraphAsync([s, a, b], Graphs.Chain(s, a, b, s));

        var down = await WalkAsync(s, Direction.Downstream);
        var up = await WalkAsync(s, Direction.Upstream);
        var shallow = await WalkAsync(s, Direction.Downstream, maxDepth: 2);

        var all = new[] { Graphs.Describe(a, b, RelationKind.Derives), Graphs.Describe(b, s, RelationKind.Derives), Graphs.Describe(s, a, RelationKind.Derives) };
        Assert.Equal(all, EdgesOf(down));
        Assert.Equal(all, EdgesOf(up));

        // b is at the max depth, so its edge back to the start is not followed.
        Assert.Equal([Graphs.Describe(a, b, RelationKind.Derives), Graphs.Describe(s, a, RelationKind.Derives)], EdgesOf(shallow));
    }

    [SkippableFact]
    public async Task Walk_edges_include_self_loops_of_nodes_the_walk_goes_on_from()
    {
        var (s, a) = (Graphs.Dataset("s"), Graphs.Dataset("a"));
        await WriteGraphAsync([s, a], Graphs.Edge(s, s), Graphs.Edge(s, a), Graphs.Edge(a, a));

        var down = await WalkAsync(s, Direction.Downstream);
        var one = await WalkAsync(s, Direction.Downstream, maxDepth: 1);
        var up = await WalkAsync(s, Direction.Upstream);

        Assert.Equal(
            [Graphs.Describe(a, a, RelationKind.Derives), Graphs.Describe(s, a, RelationKind.Derives), Graphs.Describe(s, s, RelationKind.Derives)],
            EdgesOf(down));
        Assert.Equal([Graphs.Describe(s, a, RelationKind.Derives), Graphs.Describe(s, s, RelationKind.Derives)], EdgesOf(one));
        Assert.Empty(up.Nodes);
        Assert.Equal([Graphs.Describe(s, s, RelationKind.Derives)], EdgesOf(up));
    }

    [SkippableFact]
    public async Task Walk_edges_leave_out_edges_touching_nodes_filtered_out_by_kind()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var datasetsAndRuns = await WalkAsync(g.RawEvents, Direction.Downstream, kinds: [EntityKind.Dataset, EntityKind.Run]);
        var deployments = await WalkAsync(g.RawEvents, Direction.Downstream, kinds: [EntityKind.Deployment]);

        Assert.Equal(
            [
                (g.EtlRun.ToString(), 1), (g.CleanEvents.ToString(), 2), (g.FeatureRun.ToString(), 3),
                (g.TrainRun.ToString(), 3), (g.EvalRun.ToString(), 5),
            ],
            NodesOf(datasetsAndRuns));
        Assert.Equal(
            [
                Graphs.Describe(g.CleanEvents, g.FeatureRun, RelationKind.InputTo),
                Graphs.Describe(g.CleanEvents, g.TrainRun, RelationKind.InputTo),
                Graphs.Describe(g.RawEvents, g.EtlRun, RelationKind.InputTo),
                Graphs.Describe(g.EtlRun, g.CleanEvents, RelationKind.Produced),
            ],
            EdgesOf(datasetsAndRuns));
        Assert.Empty(deployments.Edges);
    }

    [SkippableFact]
    public async Task Walk_edges_leave_out_edges_to_nodes_cut_by_the_limit()
    {
        var s = Graphs.Dataset("s");
        var d = Graphs.Datasets(5);
        await WriteGraphAsync([s, .. d], [.. d.Select(k => Graphs.Edge(s, k)), Graphs.Edge(d[0], d[4]), Graphs.Edge(d[0], d[1])]);

        var walk = await WalkAsync(s, Direction.Downstream, limit: 2);

        Assert.Equal(
            [Graphs.Describe(d[0], d[1], RelationKind.Derives), Graphs.Describe(s, d[0], RelationKind.Derives), Graphs.Describe(s, d[1], RelationKind.Derives)],
            EdgesOf(walk));
    }

    [SkippableFact]
    public async Task Walk_edges_are_ordered_by_from_then_to_then_relation()
    {
        var (x1, x2, upper, lower) = (Graphs.Dataset("x", "v1"), Graphs.Dataset("x", "v2"), Graphs.Dataset("B"), Graphs.Dataset("a"));
        await WriteGraphAsync(
            [x1, x2, upper, lower],
            Graphs.Edge(x1, x2, RelationKind.NextVersion),
            Graphs.Edge(x1, lower),
            Graphs.Edge(lower, upper),
            Graphs.Edge(x1, x2),
            Graphs.Edge(upper, lower),
            Graphs.Edge(x1, upper));

        var walk = await WalkAsync(x1, Direction.Downstream, relations: Relations.All);

        Assert.Equal(
            [
                "dataset:s3://lake:B@v1 -DERIVES-> dataset:s3://lake:a@v1",
                "dataset:s3://lake:a@v1 -DERIVES-> dataset:s3://lake:B@v1",
                "dataset:s3://lake:x@v1 -DERIVES-> dataset:s3://lake:B@v1",
                "dataset:s3://lake:x@v1 -DERIVES-> dataset:s3://lake:a@v1",
                "dataset:s3://lake:x@v1 -DERIVES-> dataset:s3://lake:x@v2",
                "dataset:s3://lake:x@v1 -NEXT_VERSION-> dataset:s3://lake:x@v2",
            ],
            EdgesOf(walk));
    }

    [SkippableFact]
    public async Task Edges_between_the_same_ends_are_ordered_by_relation_name_not_by_how_relations_are_numbered()
    {
        var (first, second) = (Graphs.Run("nightly", 1), Graphs.Run("nightly", 2));
        await WriteGraphAsync([first, second], Graphs.Edge(first, second, RelationKind.NextVersion), Graphs.Edge(second, first, RelationKind.ChildOf),
            Graphs.Edge(first, second, RelationKind.ChildOf));

        var walk = await WalkAsync(first, Direction.Downstream, relations: Relations.All);

        Assert.Equal(
            [
                Graphs.Describe(first, second, RelationKind.ChildOf),
                Graphs.Describe(first, second, RelationKind.NextVersion),
                Graphs.Describe(second, first, RelationKind.ChildOf),
            ],
            EdgesOf(walk));
    }

    [SkippableFact]
    public async Task Walk_edges_leave_out_relations_the_walk_does_not_follow()
    {
        var (v1, v2) = (Graphs.Dataset("x", "v1"), Graphs.Dataset("x", "v2"));
        await WriteGraphAsync([v1, v2], Graphs.Edge(v1, v2), Graphs.Edge(v1, v2, RelationKind.NextVersion));

        var lineage = await WalkAsync(v1, Direction.Downstream);
        var structural = await WalkAsync(v1, Direction.Downstream, relations: [RelationKind.NextVersion]);

        Assert.Equal([Graphs.Describe(v1, v2, RelationKind.Derives)], EdgesOf(lineage));
        Assert.Equal([Graphs.Describe(v1, v2, RelationKind.NextVersion)], EdgesOf(structural));
    }

    [SkippableFact]
    public async Task Walk_both_edges_are_those_of_either_half_and_never_reach_siblings()
    {
        // p1, p2 -> s -> c1, c2, with p1 -> p2, c1 -> c2, and p1 -> sibling.
        var (p1, p2, s, c1, c2, sibling) =
            (Graphs.Dataset("p1"), Graphs.Dataset("p2"), Graphs.Dataset("s"), Graphs.Dataset("c1"), Graphs.Dataset("c2"), Graphs.Dataset("sibling"));
        await WriteGraphAsync(
            [p1, p2, s, c1, c2, sibling],
            Graphs.Edge(p1, s), Graphs.Edge(p2, s), Graphs.Edge(s, c1), Graphs.Edge(s, c2),
            Graphs.Edge(p1, p2), Graphs.Edge(c1, c2), Graphs.Edge(p1, sibling));

        var one = await WalkAsync(s, Direction.Both, maxDepth: 1);
        var two = await WalkAsync(s, Direction.Both, maxDepth: 2);

        Assert.Equal([(c1.ToString(), 1), (c2.ToString(), 1), (p1.ToString(), 1), (p2.ToString(), 1)], NodesOf(one));
        Assert.Equal(
            [
                Graphs.Describe(p1, s, RelationKind.Derives), Graphs.Describe(p2, s, RelationKind.Derives),
                Graphs.Describe(s, c1, RelationKind.Derives), Graphs.Describe(s, c2, RelationKind.Derives),
            ],
            EdgesOf(one));
        Assert.Equal(NodesOf(one), NodesOf(two));
        Assert.Equal(
            [
                Graphs.Describe(c1, c2, RelationKind.Derives),
                Graphs.Describe(p1, p2, RelationKind.Derives), Graphs.Describe(p1, s, RelationKind.Derives), Graphs.Describe(p2, s, RelationKind.Derives),
                Graphs.Describe(s, c1, RelationKind.Derives), Graphs.Describe(s, c2, RelationKind.Derives),
            ],
            EdgesOf(two));
    }

    [SkippableFact]
    public async Task Walk_edges_as_of_leave_out_edges_recorded_later()
    {
        var (a, b, c) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"));
        var first = Clock.GetUtcNow();
        await WriteGraphAsync([a, b, c], Graphs.Edge(a, b), Graphs.Edge(a, c));
        var second = Tick();
        await WriteEdgesAsync(Graphs.Edge(b, c));

        var then = await WalkAsync(a, Direction.Downstream, asOf: first);
        var now = await WalkAsync(a, Direction.Downstream);

        Assert.Equal([Graphs.Describe(a, b, RelationKind.Derives), Graphs.Describe(a, c, RelationKind.Derives)], EdgesOf(then));
        Assert.Equal(
            [Graphs.Describe(a, b, RelationKind.Derives), Graphs.Describe(a, c, RelationKind.Derives), Graphs.Describe(b, c, RelationKind.Derives)],
            EdgesOf(now));
        Assert.Equal(second, now.Edges.Single(e => e.From == b).RecordedAt);
    }
}
