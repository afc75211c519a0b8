using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// lineage-model.md, "Traversal": direction, maxDepth, relations, kinds, asOf, limit, cycles, order.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Walk_downstream_returns_what_an_entity_feeds_at_its_shortest_depth()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var walk = await WalkAsync(g.RawEvents, Direction.Downstream);

        Assert.Equal(
            [
                (g.EtlRun.ToString(), 1),
                (g.CleanEvents.ToString(), 2),
                (g.FeatureRun.ToString(), 3),
                (g.TrainRun.ToString(), 3),
                (g.TxnCount.ToString(), 4),
                (g.Model.ToString(), 4),
                (g.Deployment.ToString(), 5),
                (g.EvalRun.ToString(), 5),
            ],
            NodesOf(walk));
        Assert.False(walk.Truncated);
    }

    [SkippableFact]
    public async Task Walk_upstream_returns_what_made_an_entity()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var walk = await WalkAsync(g.Model, Direction.Upstream);

        Assert.Equal(
            [
                (g.TrainRun.ToString(), 1),
                (g.TrainCode.ToString(), 2),
                (g.Labels.ToString(), 2),
                (g.CleanEvents.ToString(), 2),
                (g.TxnCount.ToString(), 2),
                (g.Hyperparameters.ToString(), 2),
                (g.EtlRun.ToString(), 3),
                (g.FeatureRun.ToString(), 3),
                (g.EtlCode.ToString(), 4),
                (g.FeatureCode.ToString(), 4),
                (g.RawEvents.ToString(), 4),
            ],
            NodesOf(walk));
        Assert.False(walk.Truncated);
    }

    [SkippableFact]
    public async Task Walk_answer_holds_the_start_apart_from_its_nodes_and_whole_entities()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var walk = await WalkAsync(g.TrainRun, Direction.Both);

        AssertSameEntity(await GetRequiredAsync(g.TrainRun), walk.Start);
        Assert.DoesNotContain(walk.Nodes, n => n.Entity.Key == g.TrainRun);
        foreach (var node in walk.Nodes)
        {
            AssertSameEntity(await GetRequiredAsync(node.Entity.Key), node.Entity);
        }

        var model = Assert.Single(walk.Nodes, n => n.Entity.Key == g.Model).Entity;
        Assert.Equal(new Dictionary<string, double> { ["auc"] = 0.75 }, Assert.IsType<ModelFields>(model.Fields).Metrics);
        Assert.Equal(["fraud"], model.Tags);
    }

    [SkippableFact]
    public async Task Walk_from_a_source_upstream_returns_nothing()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var walk = await WalkAsync(g.RawEvents, Direction.Upstream);

        Assert.Equal(g.RawEvents, walk.Start.Key);
        Assert.Empty(walk.Nodes);
        Assert.Empty(walk.Edges);
        Assert.False(walk.Truncated);
        Assert.Equal((1, 0), (walk.NodesVisited, walk.EdgesVisited));
    }

    [SkippableFact]
    public async Task Walk_from_an_unknown_entity_fails_with_not_found()
    {
        await WriteAsync(Graphs.Entity(Graphs.Dataset("a")));

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(Graphs.Dataset("missing"), Direction.Downstream));

        Assert.Equal(ErrorCodes.NotFound, ex.Code);
    }

    [SkippableFact]
    public async Task Walk_upstream_stops_at_max_depth()
    {
        var d = Graphs.Datasets(6);
        await WriteGraphAsync(d, Graphs.Chain(d));

        var walk = await WalkAsync(d[5], Direction.Upstream, maxDepth: 2);

        Assert.Equal([(d[4].ToString(), 1), (d[3].ToString(), 2)], NodesOf(walk));
        Assert.False(walk.Truncated);
    }

    [SkippableFact]
    public async Task Walk_downstream_stops_at_max_depth()
    {
        var d = Graphs.Datasets(6);
        await WriteGraphAsync(d, Graphs.Chain(d));

        var one = await WalkAsync(d[0], Direction.Downstream, maxDepth: 1);
        var three = await WalkAsync(d[1], Direction.Downstream, maxDepth: 3);

        Assert.Equal([(d[1].ToString(), 1)], NodesOf(one));
        Assert.Equal([(d[2].ToString(), 1), (d[3].ToString(), 2), (d[4].ToString(), 3)], NodesOf(three));
    }

    [SkippableFact]
    public async Task Walk_without_max_depth_goes_to_the_default_depth()
    {
        var d = Graphs.Datasets(Limits.MaxDepthIfUnasked + 3);
        await WriteGraphAsync(d, Graphs.Chain(d));

        var walk = await WalkAsync(d[0], Direction.Downstream);

        Assert.Equal(20, Limits.MaxDepthIfUnasked);
        Assert.Equal(d.Skip(1).Take(20).Select((k, i) => (k.ToString(), i + 1)), NodesOf(walk));
    }

    [SkippableFact]
    public async Task Walk_default_depth_and_depth_cap_come_from_the_limits()
    {
        await UseLimitsAsync(new TraversalLimits { DefaultMaxDepth = 2, MaxDepthCap = 4 });
        var d = Graphs.Datasets(7);
        await WriteGraphAsync(d, Graphs.Chain(d));

        var byDefault = await WalkAsync(d[0], Direction.Downstream);
        var atCap = await WalkAsync(d[0], Direction.Downstream, maxDepth: 4);
        var ex = await Assert.ThrowsAsync<DepthLimitException>(() => WalkAsync(d[0], Direction.Downstream, maxDepth: 5));

        Assert.Equal([(d[1].ToString(), 1), (d[2].ToString(), 2)], NodesOf(byDefault));
        Assert.Equal(4, atCap.Nodes.Count);
        Assert.Equal(ErrorCodes.DepthLimit, ex.Code);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task Walk_rejects_a_max_depth_outside_one_to_the_cap(int maxDepth)
    {
        var d = Graphs.Datasets(2);
        await WriteGraphAsync(d, Graphs.Chain(d));

        var ex = await Assert.ThrowsAsync<DepthLimitException>(() => WalkAsync(d[0], Direction.Downstream, maxDepth: maxDepth));

        Assert.Equal(ErrorCodes.DepthLimit, ex.Code);
        Assert.Equal(100, Limits.MaxDepthCap);
    }

    [SkippableFact]
    public async Task Walk_accepts_a_max_depth_equal_to_the_cap()
    {
        var d = Graphs.Datasets(3);
        await WriteGraphAsync(d, Graphs.Chain(d));

        var walk = await WalkAsync(d[0], Direction.Both, maxDepth: Limits.MaxDepthCap);

        Assert.Equal([(d[1].ToString(), 1), (d[2].ToString(), 2)], NodesOf(walk));
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10_001)]
    public async Task Walk_rejects_a_limit_outside_one_to_the_cap(int limit)
    {
        var d = Graphs.Datasets(2);
        await WriteGraphAsync(d, Graphs.Chain(d));

        var ex = await Assert.ThrowsAsync<LimitExceededException>(() => WalkAsync(d[0], Direction.Downstream, limit: limit));

        Assert.Equal(ErrorCodes.LimitExceeded, ex.Code);
    }

    [SkippableFact]
    public async Task Walk_depth_is_the_shortest_distance_when_a_longer_path_also_exists()
    {
        // s -> a -> b -> c -> t and s -> t: t is one hop away, and so is what t feeds next.
        var (s, a, b, c, t, u) = (Graphs.Dataset("s"), Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"), Graphs.Dataset("t"), Graphs.Dataset("u"));
        await WriteGraphAsync([s, a, b, c, t, u], [.. Graphs.Chain(s, a, b, c, t), Graphs.Edge(s, t), Graphs.Edge(t, u)]);

        var down = await WalkAsync(s, Direction.Downstream);
        var up = await WalkAsync(u, Direction.Upstream);

        Assert.Equal([(a.ToString(), 1), (t.ToString(), 1), (b.ToString(), 2), (u.ToString(), 2), (c.ToString(), 3)], NodesOf(down));
        Assert.Equal([(t.ToString(), 1), (c.ToString(), 2), (s.ToString(), 2), (b.ToString(), 3), (a.ToString(), 4)], NodesOf(up));
    }

    [SkippableFact]
    public async Task Walk_reaches_past_a_node_that_a_longer_path_finds_first()
    {
        // s -> a -> b -> t and s -> t -> u: with maxDepth 2, u is reached through the short way to t
        // even if a depth-first walk met t at depth 3 first.
        var (s, a, b, t, u) = (Graphs.Dataset("s"), Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("t"), Graphs.Dataset("u"));
        await WriteGraphAsync([s, a, b, t, u], [.. Graphs.Chain(s, a, b, t, u), Graphs.Edge(s, t)]);

        var walk = await WalkAsync(s, Direction.Downstream, maxDepth: 2);

        Assert.Equal([(a.ToString(), 1), (t.ToString(), 1), (b.ToString(), 2), (u.ToString(), 2)], NodesOf(walk));
    }

    [SkippableFact]
    public async Task Walk_follows_only_lineage_relations_by_default()
    {
        var g = new MlGraph();
        var (job, child, next) = (g.EtlJob, Graphs.Run("clean_events_part", 5, "acme.etl"), EntityKey.Create(EntityKind.Dataset, "s3://lake/raw", "events", "2026-01-02"));
        await Store.WriteAsync(g.Batch);
        await WriteGraphAsync(
            [child, next, g.EtlRun, g.RawEvents],
            Graphs.Edge(child, g.EtlRun, RelationKind.ChildOf),
            Graphs.Edge(g.RawEvents, next, RelationKind.NextVersion));

        var fromRun = await WalkAsync(g.EtlRun, Direction.Both, maxDepth: 1);
        var fromRaw = await WalkAsync(g.RawEvents, Direction.Downstream, maxDepth: 1);

        Assert.Equal([(g.EtlCode.ToString(), 1), (g.CleanEvents.ToString(), 1), (g.RawEvents.ToString(), 1)], NodesOf(fromRun));
        Assert.DoesNotContain(fromRun.Nodes, n => n.Entity.Key == job || n.Entity.Key == child);
        Assert.Equal([(g.EtlRun.ToString(), 1)], NodesOf(fromRaw));
    }

    [SkippableFact]
    public async Task Walk_follows_structural_relations_when_asked()
    {
        var g = new MlGraph();
        var (child, next) = (Graphs.Run("clean_events_part", 5, "acme.etl"), EntityKey.Create(EntityKind.Dataset, "s3://lake/raw", "events", "2026-01-02"));
        await Store.WriteAsync(g.Batch);
        await WriteGraphAsync(
            [child, next, g.EtlRun, g.RawEvents],
            Graphs.Edge(child, g.EtlRun, RelationKind.ChildOf),
            Graphs.Edge(g.RawEvents, next, RelationKind.NextVersion));

        var structure = await WalkAsync(g.EtlRun, Direction.Both, relations: [RelationKind.InstanceOf, RelationKind.ChildOf, RelationKind.NextVersion]);
        var versions = await WalkAsync(g.RawEvents, Direction.Downstream, relations: [RelationKind.NextVersion]);
        var everything = await WalkAsync(g.RawEvents, Direction.Downstream, maxDepth: 2, relations: Relations.All);

        Assert.Equal([(g.EtlJob.ToString(), 1), (child.ToString(), 1)], NodesOf(structure));
        Assert.Equal([(next.ToString(), 1)], NodesOf(versions));
        Assert.Equal(
            [(next.ToString(), 1), (g.EtlRun.ToString(), 1), (g.CleanEvents.ToString(), 2), (g.EtlJob.ToString(), 2)],
            NodesOf(everything));
    }

    [SkippableFact]
    public async Task Walk_follows_only_the_requested_relations()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var produced = await WalkAsync(g.Model, Direction.Upstream, relations: [RelationKind.Produced]);
        var code = await WalkAsync(g.TrainRun, Direction.Upstream, relations: [RelationKind.ExecutedIn, RelationKind.Configured]);
        var inputs = await WalkAsync(g.Model, Direction.Upstream, relations: [RelationKind.Produced, RelationKind.InputTo]);

        Assert.Equal([(g.TrainRun.ToString(), 1)], NodesOf(produced));
        Assert.Equal([(g.TrainCode.ToString(), 1), (g.Hyperparameters.ToString(), 1)], NodesOf(code));
        Assert.Equal(
            [
                (g.TrainRun.ToString(), 1),
                (g.Labels.ToString(), 2),
                (g.CleanEvents.ToString(), 2),
                (g.TxnCount.ToString(), 2),
                (g.EtlRun.ToString(), 3),
                (g.FeatureRun.ToString(), 3),
                (g.RawEvents.ToString(), 4),
            ],
            NodesOf(inputs));
    }

    [SkippableFact]
    public async Task Walk_kinds_filter_returns_only_those_kinds_but_walks_through_the_others()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var deployments = await WalkAsync(g.RawEvents, Direction.Downstream, kinds: [EntityKind.Deployment]);
        var modelsAndDatasets = await WalkAsync(g.RawEvents, Direction.Downstream, kinds: [EntityKind.Model, EntityKind.Dataset]);

        Assert.Equal([(g.Deployment.ToString(), 5)], NodesOf(deployments));
        Assert.Equal([(g.CleanEvents.ToString(), 2), (g.Model.ToString(), 4)], NodesOf(modelsAndDatasets));
        Assert.True(deployments.NodesVisited >= 2);
    }

    [SkippableFact]
    public async Task Walk_as_of_sees_the_graph_as_it_stood()
    {
        var (a, b, c) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"));
        var first = Clock.GetUtcNow();
        await WriteGraphAsync([a, b], Graphs.Edge(a, b));
        var second = Tick();
        await WriteGraphAsync([c]);
        var third = Tick();
        await WriteEdgesAsync(Graphs.Edge(b, c));

        Assert.Equal([(b.ToString(), 1)], NodesOf(await WalkAsync(a, Direction.Downstream, asOf: first)));
        Assert.Equal([(b.ToString(), 1)], NodesOf(await WalkAsync(a, Direction.Downstream, asOf: second)));
        Assert.Equal([(b.ToString(), 1)], NodesOf(await WalkAsync(a, Direction.Downstream, asOf: third.AddSeconds(-1))));
        Assert.Equal([(b.ToString(), 1), (c.ToString(), 2)], NodesOf(await WalkAsync(a, Direction.Downstream, asOf: third)));
        Assert.Equal([(b.ToString(), 1), (c.ToString(), 2)], NodesOf(await WalkAsync(a, Direction.Downstream)));
        Assert.Empty((await WalkAsync(c, Direction.Upstream, asOf: second)).Nodes);
    }

    [SkippableFact]
    public async Task Walk_as_of_before_the_start_existed_fails_with_not_found()
    {
        var before = Clock.GetUtcNow();
        Tick();
        var a = Graphs.Dataset("a");
        await WriteAsync(Graphs.Entity(a));

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(a, Direction.Downstream, asOf: before));

        Assert.Equal(ErrorCodes.NotFound, ex.Code);
    }

    [SkippableFact]
    public async Task Walk_limit_returns_the_first_nodes_in_order_and_says_truncated()
    {
        var s = Graphs.Dataset("s");
        var d = Graphs.Datasets(5);
        await WriteGraphAsync([s, .. d], [.. d.Select(k => Graphs.Edge(s, k))]);

        var walk = await WalkAsync(s, Direction.Downstream, limit: 3);

        Assert.Equal(d.Take(3).Select(k => (k.ToString(), 1)), NodesOf(walk));
        Assert.True(walk.Truncated);

        // The walk stops at depth 1, where the limit was passed, having seen all five there.
        Assert.Equal((6, 5), (walk.NodesVisited, walk.EdgesVisited));
    }

    [SkippableFact]
    public async Task Walk_limit_equal_to_what_is_reachable_is_not_truncated()
    {
        var s = Graphs.Dataset("s");
        var d = Graphs.Datasets(5);
        await WriteGraphAsync([s, .. d], [.. d.Select(k => Graphs.Edge(s, k))]);

        var exact = await WalkAsync(s, Direction.Downstream, limit: 5);
        var more = await WalkAsync(s, Direction.Downstream, limit: 6);

        Assert.Equal((5, false), (exact.Nodes.Count, exact.Truncated));
        Assert.Equal((5, false), (more.Nodes.Count, more.Truncated));
    }

    [SkippableFact]
    public async Task Walk_limit_cuts_across_depths_in_node_order()
    {
        // s -> x1, x2 (depth 1); each of them -> y1..y3 (depth 2).
        var s = Graphs.Dataset("s");
        var x = Graphs.Datasets(2, "x");
        var y = Graphs.Datasets(3, "y");
        await WriteGraphAsync([s, .. x, .. y], [.. x.Select(k => Graphs.Edge(s, k)), .. x.SelectMany(p => y.Select(k => Graphs.Edge(p, k)))]);

        var walk = await WalkAsync(s, Direction.Downstream, limit: 3);

        Assert.Equal([(x[0].ToString(), 1), (x[1].ToString(), 1), (y[0].ToString(), 2)], NodesOf(walk));
        Assert.True(walk.Truncated);
    }

    [SkippableFact]
    public async Task Walk_limit_counts_only_nodes_of_the_requested_kinds()
    {
        // d -> run -> m1, m2 and the run's output dataset: two models are reachable, and the run is not counted.
        var (d, run, m1, m2, o) = (Graphs.Dataset("d"), Graphs.Run("train", 1), Graphs.Model("m1"), Graphs.Model("m2"), Graphs.Dataset("o"));
        await WriteGraphAsync(
            [d, run, m1, m2, o],
            Graphs.Edge(d, run, RelationKind.InputTo),
            Graphs.Edge(run, m1, RelationKind.Produced),
            Graphs.Edge(run, m2, RelationKind.Produced),
            Graphs.Edge(run, o, RelationKind.Produced));

        var two = await WalkAsync(d, Direction.Downstream, kinds: [EntityKind.Model], limit: 2);
        var one = await WalkAsync(d, Direction.Downstream, kinds: [EntityKind.Model], limit: 1);

        Assert.Equal([(m1.ToString(), 2), (m2.ToString(), 2)], NodesOf(two));
        Assert.False(two.Truncated);
        Assert.Equal([(m1.ToString(), 2)], NodesOf(one));
        Assert.True(one.Truncated);
    }

    [SkippableFact]
    public async Task Walk_without_limit_uses_the_default_limit_and_the_cap_bounds_it()
    {
        await UseLimitsAsync(new TraversalLimits { DefaultLimit = 3, LimitCap = 5 });
        var s = Graphs.Dataset("s");
        var d = Graphs.Datasets(6);
        await WriteGraphAsync([s, .. d], [.. d.Select(k => Graphs.Edge(s, k))]);

        var byDefault = await WalkAsync(s, Direction.Downstream);
        var atCap = await WalkAsync(s, Direction.Downstream, limit: 5);
        var ex = await Assert.ThrowsAsync<LimitExceededException>(() => WalkAsync(s, Direction.Downstream, limit: 6));

        Assert.Equal(d.Take(3).Select(k => (k.ToString(), 1)), NodesOf(byDefault));
        Assert.True(byDefault.Truncated);
        Assert.Equal((5, true), (atCap.Nodes.Count, atCap.Truncated));
        Assert.Equal(ErrorCodes.LimitExceeded, ex.Code);
    }

    [SkippableFact]
    public async Task Walk_visits_every_node_of_a_cycle_once_and_ends()
    {
        var d = Graphs.Datasets(4);
        await WriteGraphAsync(d, [.. Graphs.Chain(d), Graphs.Edge(d[3], d[0]), Graphs.Edge(d[2], d[1])]);

        var down = await WalkAsync(d[0], Direction.Downstream, maxDepth: Limits.MaxDepthCap);
        var up = await WalkAsync(d[0], Direction.Upstream, maxDepth: Limits.MaxDepthCap);
        var both = await WalkAsync(d[1], Direction.Both, maxDepth: Limits.MaxDepthCap);

        Assert.Equal([(d[1].ToString(), 1), (d[2].ToString(), 2), (d[3].ToString(), 3)], NodesOf(down));
        Assert.Equal([(d[3].ToString(), 1), (d[2].ToString(), 2), (d[1].ToString(), 3)], NodesOf(up));
        Assert.Equal([(d[0].ToString(), 1), (d[2].ToString(), 1), (d[3].ToString(), 2)], NodesOf(both));
    }

    [SkippableFact]
    public async Task Walk_never_returns_the_start_of_a_self_loop()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        await WriteGraphAsync([a, b], Graphs.Edge(a, a), Graphs.Edge(a, b), Graphs.Edge(b, b));

        var down = await WalkAsync(a, Direction.Downstream);
        var up = await WalkAsync(b, Direction.Upstream);
        var both = await WalkAsync(a, Direction.Both);

        Assert.Equal([(b.ToString(), 1)], NodesOf(down));
        Assert.Equal([(a.ToString(), 1)], NodesOf(up));
        Assert.Equal([(b.ToString(), 1)], NodesOf(both));
        Assert.Empty((await WalkAsync(a, Direction.Upstream)).Nodes);
    }

    [SkippableFact]
    public async Task Walk_both_is_the_union_of_the_upstream_and_downstream_walks()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var up = await WalkAsync(g.CleanEvents, Direction.Upstream);
        var down = await WalkAsync(g.CleanEvents, Direction.Downstream);
        var both = await WalkAsync(g.CleanEvents, Direction.Both);

        var expected = up.Nodes.Concat(down.Nodes)
            .Select(n => (Key: n.Entity.Key, n.Depth))
            .OrderBy(n => n.Depth).ThenBy(n => n.Key)
            .Select(n => (n.Key.ToString(), n.Depth));
        Assert.Equal(expected, NodesOf(both));
        Assert.Equal(
            [
                (g.EtlRun.ToString(), 1),
                (g.FeatureRun.ToString(), 1),
                (g.TrainRun.ToString(), 1),
                (g.EtlCode.ToString(), 2),
                (g.RawEvents.ToString(), 2),
                (g.TxnCount.ToString(), 2),
                (g.Model.ToString(), 2),
                (g.Deployment.ToString(), 3),
                (g.EvalRun.ToString(), 3),
            ],
            NodesOf(both));
    }

    [SkippableFact]
    public async Task Walk_both_never_returns_siblings_reached_by_going_up_then_down()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        // Labels and the train code feed the same run as the feature, but they are its siblings.
        var walk = await WalkAsync(g.TxnCount, Direction.Both);

        var keys = walk.Nodes.Select(n => n.Entity.Key).ToList();
        Assert.DoesNotContain(g.Labels, keys);
        Assert.DoesNotContain(g.TrainCode, keys);
        Assert.DoesNotContain(g.Hyperparameters, keys);
        Assert.Equal(
            [
                (g.FeatureRun.ToString(), 1),
                (g.TrainRun.ToString(), 1),
                (g.FeatureCode.ToString(), 2),
                (g.CleanEvents.ToString(), 2),
                (g.Model.ToString(), 2),
                (g.Deployment.ToString(), 3),
                (g.EtlRun.ToString(), 3),
                (g.EvalRun.ToString(), 3),
                (g.EtlCode.ToString(), 4),
                (g.RawEvents.ToString(), 4),
            ],
            NodesOf(walk));
    }

    [SkippableFact]
    public async Task Walk_both_keeps_the_smaller_depth_of_a_node_found_on_both_sides()
    {
        // s -> a -> b -> c -> s: downstream a=1, b=2, c=3; upstream c=1, b=2, a=3.
        var (s, a, b, c) = (Graphs.Dataset("s"), Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"));
        await WriteGraphAsync([s, a, b, c], Graphs.Chain(s, a, b, c, s));

        var walk = await WalkAsync(s, Direction.Both);

        Assert.Equal([(a.ToString(), 1), (c.ToString(), 1), (b.ToString(), 2)], NodesOf(walk));
    }

    [SkippableFact]
    public async Task Walk_both_limit_cuts_the_union_in_node_order()
    {
        var (p1, p2, s, c1, c2) = (Graphs.Dataset("p1"), Graphs.Dataset("p2"), Graphs.Dataset("s"), Graphs.Dataset("c1"), Graphs.Dataset("c2"));
        await WriteGraphAsync([p1, p2, s, c1, c2], Graphs.Edge(p1, s), Graphs.Edge(p2, s), Graphs.Edge(s, c1), Graphs.Edge(s, c2));

        var three = await WalkAsync(s, Direction.Both, limit: 3);
        var four = await WalkAsync(s, Direction.Both, limit: 4);

        Assert.Equal([(c1.ToString(), 1), (c2.ToString(), 1), (p1.ToString(), 1)], NodesOf(three));
        Assert.True(three.Truncated);
        Assert.Equal((4, false), (four.Nodes.Count, four.Truncated));
    }

    [SkippableFact]
    public async Task Walk_orders_nodes_by_depth_then_kind_then_key()
    {
        var run = Graphs.Run("train", 1);
        var outputs = new[]
        {
            Graphs.Model("zeta"), Graphs.Model("Alpha"), Graphs.Feature("b"), Graphs.Feature("B"),
            Graphs.Dataset("z", @namespace: "a"), Graphs.Dataset("a", @namespace: "z"), Graphs.Dataset("a", "v2", "a"), Graphs.Dataset("a", "v10", "a"),
        };
        var deployment = Graphs.Deployment("api");
        var input = Graphs.Dataset("input");
        await WriteGraphAsync(
            [run, deployment, input, .. outputs],
            [
                .. outputs.Select(o => Graphs.Edge(run, o, RelationKind.Produced)),
                Graphs.Edge(outputs[0], deployment, RelationKind.DeployedAs),
                Graphs.Edge(input, run, RelationKind.InputTo),
            ]);

        var walk = await WalkAsync(input, Direction.Downstream);

        Assert.Equal(
            [
                ($"run:jobs:train@{Graphs.RunId(1)}", 1),
                ("dataset:a:a@v10", 2),
                ("dataset:a:a@v2", 2),
                ("dataset:a:z@v1", 2),
                ("dataset:z:a@v1", 2),
                ("feature:features:B@v1", 2),
                ("feature:features:b@v1", 2),
                ("model:registry:Alpha@1", 2),
                ("model:registry:zeta@1", 2),
                ("deployment:prod:api@rev-1", 3),
            ],
            NodesOf(walk));
    }

    [SkippableFact]
    public async Task Walk_counts_the_nodes_and_edges_of_its_breadth_first_walk_alike_in_every_store()
    {
        // d0 -> d1, d0 -> d2, d1 -> d3, d2 -> d3 (a diamond), d3 -> d3 (a self-loop), d3 -> d1 (a
        // cycle), d3 -> d4, d1 -> feature; d0 -> d5 retired later; d0 -NEXT_VERSION-> d0@v2.
        var d = Graphs.Datasets(6);
        var feature = Graphs.Feature("f");
        var next = Graphs.Dataset("d00", "v2");
        await WriteGraphAsync([.. d, feature, next],
            Graphs.Edge(d[0], d[1]), Graphs.Edge(d[0], d[2]), Graphs.Edge(d[1], d[3]), Graphs.Edge(d[2], d[3]),
            Graphs.Edge(d[3], d[3]), Graphs.Edge(d[3], d[1]), Graphs.Edge(d[3], d[4]), Graphs.Edge(d[1], feature),
            Graphs.Edge(d[0], d[5]), Graphs.Edge(d[0], next, RelationKind.NextVersion));
        var before = Tick();
        Tick();
        await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(d[0], d[5], RelationKind.Derives)] });

        static (int, int) Visited(WalkResult walk) => (walk.NodesVisited, walk.EdgesVisited);

        // The start and every node reached; every allowed edge leaving a node above the depth bound,
        // those that lead to a node already reached (the diamond's second edge, the self-loop, the
        // cycle) too. A kind filter changes what is returned, not what is walked.
        Assert.Equal((6, 8), Visited(await WalkAsync(d[0], Direction.Downstream)));
        Assert.Equal((6, 8), Visited(await WalkAsync(d[0], Direction.Downstream, kinds: [EntityKind.Feature])));
        Assert.Equal((5, 7), Visited(await WalkAsync(d[4], Direction.Upstream)));

        // Nothing is followed from the bound: its nodes count, the edges leaving them do not.
        Assert.Equal((3, 2), Visited(await WalkAsync(d[0], Direction.Downstream, maxDepth: 1)));
        Assert.Equal((5, 5), Visited(await WalkAsync(d[0], Direction.Downstream, maxDepth: 2)));

        // A walk cut by its limit stops at the depth of the first node past it, which deeper nodes
        // cannot precede: d2, at depth 1, is the second dataset.
        var cut = await WalkAsync(d[0], Direction.Downstream, kinds: [EntityKind.Dataset], limit: 1);
        Assert.True(cut.Truncated);
        Assert.Equal((3, 2), Visited(cut));
        Assert.Equal((5, 5), Visited(await WalkAsync(d[0], Direction.Downstream, kinds: [EntityKind.Dataset], limit: 2)));

        // Only allowed edges current at the walk's instant count.
        Assert.Equal((7, 9), Visited(await WalkAsync(d[0], Direction.Downstream, asOf: before)));
        Assert.Equal((7, 9), Visited(await WalkAsync(d[0], Direction.Downstream, relations: [RelationKind.Derives, RelationKind.NextVersion])));

        // BOTH adds its two walks', the start once: upstream of d3 are d1, d2, d0 over 6 edges,
        // downstream d1, d4, feature over 5.
        Assert.Equal((7, 11), Visited(await WalkAsync(d[3], Direction.Both)));
    }

    [SkippableFact]
    public async Task As_of_kinds_and_limit_together_cut_the_graph_of_then_to_the_kinds_asked_for()
    {
        // d0 -> d1 -> d2 -> d3 -> d4 with a feature off d1; d2 -> d3 is retired later.
        var d = Graphs.Datasets(5);
        var feature = EntityKey.Create(EntityKind.Feature, "features", "f", "v1");
        await WriteGraphAsync([.. d, feature], [.. Graphs.Chain(d), Graphs.Edge(d[1], feature)]);
        var before = Tick();
        Tick();
        await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(d[2], d[3], RelationKind.Derives)] });

        var then = await WalkAsync(d[0], Direction.Downstream, kinds: [EntityKind.Dataset], asOf: before, limit: 3);
        var now = await WalkAsync(d[0], Direction.Downstream, kinds: [EntityKind.Dataset], asOf: null, limit: 3);
        var thenBoth = await WalkAsync(d[2], Direction.Both, kinds: [EntityKind.Dataset], asOf: before, limit: 3);

        Assert.Equal([(d[1].ToString(), 1), (d[2].ToString(), 2), (d[3].ToString(), 3)], NodesOf(then));
        Assert.True(then.Truncated);
        Assert.Equal([(d[1].ToString(), 1), (d[2].ToString(), 2)], NodesOf(now));
        Assert.False(now.Truncated);
        Assert.Equal([(d[1].ToString(), 1), (d[3].ToString(), 1), (d[0].ToString(), 2)], NodesOf(thenBoth));
        Assert.True(thenBoth.Truncated);
    }
}
