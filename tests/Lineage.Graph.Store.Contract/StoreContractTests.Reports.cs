using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// lineage-model.md, "Built on the same walk": paths, impact, provenance and diff, through LineageReports over the store.
public abstract partial class StoreContractTests
{
    private static string PathOf(LineagePath path) =>
        string.Join(" ", path.Entities.Select(e => e.Key.ToString())) + " | " + string.Join(" ", path.Edges.Select(Describe));

    private static string PathOf(params (EntityKey Key, RelationKind? Next)[] steps)
    {
        var edges = steps.Zip(steps.Skip(1), (a, b) => Graphs.Describe(a.Key, b.Key, a.Next!.Value));
        return string.Join(" ", steps.Select(s => s.Key.ToString())) + " | " + string.Join(" ", edges);
    }

    [SkippableFact]
    public async Task Paths_finds_the_shortest_path_downstream()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var result = await Reports.PathsAsync(g.RawEvents, g.Deployment);

        Assert.Equal((Direction.Downstream, false), (result.Direction, result.Truncated));
        Assert.Equal((g.RawEvents, g.Deployment), (result.From.Key, result.To.Key));
        var path = Assert.Single(result.Paths);
        Assert.Equal(
            PathOf(
                (g.RawEvents, RelationKind.InputTo),
                (g.EtlRun, RelationKind.Produced),
                (g.CleanEvents, RelationKind.InputTo),
                (g.TrainRun, RelationKind.Produced),
                (g.Model, RelationKind.DeployedAs),
                (g.Deployment, null)),
            PathOf(path));
    }

    [SkippableFact]
    public async Task Paths_looks_upstream_when_the_target_feeds_the_start()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var result = await Reports.PathsAsync(g.Model, g.RawEvents);

        Assert.Equal(Direction.Upstream, result.Direction);
        var path = Assert.Single(result.Paths);
        Assert.Equal(
            PathOf(
                (g.RawEvents, RelationKind.InputTo),
                (g.EtlRun, RelationKind.Produced),
                (g.CleanEvents, RelationKind.InputTo),
                (g.TrainRun, RelationKind.Produced),
                (g.Model, null)),
            PathOf(path));
    }

    [SkippableFact]
    public async Task Paths_returns_up_to_k_shortest_paths_and_no_longer_ones()
    {
        // a -> b -> d, a -> c -> d, and the longer a -> x -> y -> d.
        var (a, b, c, d, x, y) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"), Graphs.Dataset("d"), Graphs.Dataset("x"), Graphs.Dataset("y"));
        await WriteGraphAsync([a, b, c, d, x, y], [.. Graphs.Chain(a, b, d), .. Graphs.Chain(a, c, d), .. Graphs.Chain(a, x, y, d)]);

        var three = await Reports.PathsAsync(a, d, k: 3);
        var one = await Reports.PathsAsync(a, d, k: 1);

        var viaB = PathOf((a, RelationKind.Derives), (b, RelationKind.Derives), (d, null));
        var viaC = PathOf((a, RelationKind.Derives), (c, RelationKind.Derives), (d, null));
        Assert.Equal([viaB, viaC], three.Paths.Select(PathOf).Order(StringComparer.Ordinal));
        Assert.Contains(PathOf(Assert.Single(one.Paths)), new[] { viaB, viaC });
    }

    [SkippableFact]
    public async Task Paths_on_a_cycle_take_the_shorter_way_round_and_an_entity_reaches_itself_alone()
    {
        // a -> b -> c -> d -> a: d is three hops downstream of a, and one upstream (d feeds a).
        var (a, b, c, d) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"), Graphs.Dataset("d"));
        await WriteGraphAsync([a, b, c, d], Graphs.Chain(a, b, c, d, a));

        var toD = await Reports.PathsAsync(a, d);
        var toB = await Reports.PathsAsync(a, b);
        var toSelf = await Reports.PathsAsync(a, a);

        Assert.Equal((Direction.Upstream, false), (toD.Direction, toD.Truncated));
        Assert.Equal(PathOf((d, RelationKind.Derives), (a, null)), PathOf(Assert.Single(toD.Paths)));
        Assert.Equal(Direction.Downstream, toB.Direction);
        Assert.Equal(PathOf((a, RelationKind.Derives), (b, null)), PathOf(Assert.Single(toB.Paths)));
        var alone = Assert.Single(toSelf.Paths);
        Assert.Equal([a], alone.Entities.Select(e => e.Key));
        Assert.Empty(alone.Edges);
    }

    [SkippableFact]
    public async Task Paths_between_unconnected_entities_are_none()
    {
        var (a, b, c, d) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"), Graphs.Dataset("d"));
        await WriteGraphAsync([a, b, c, d], Graphs.Edge(a, b), Graphs.Edge(c, d), Graphs.Edge(c, b));

        var result = await Reports.PathsAsync(a, d);

        Assert.Empty(result.Paths);
        Assert.False(result.Truncated);
        Assert.False(result.BeyondDepth);
        Assert.Equal((a, d), (result.From.Key, result.To.Key));
    }

    [SkippableFact]
    public async Task Paths_say_when_none_was_found_within_the_depth_but_the_walks_went_on_past_it()
    {
        var (a, b, c, d, e) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"), Graphs.Dataset("d"), Graphs.Dataset("e"));
        var island = Graphs.Dataset("island");
        await WriteGraphAsync([a, b, c, d, e, island], Graphs.Edge(a, b), Graphs.Edge(b, c), Graphs.Edge(c, d), Graphs.Edge(e, a));

        var cut = await Reports.PathsAsync(a, d, maxDepth: 2);
        var whole = await Reports.PathsAsync(a, d, maxDepth: 3);

        // Downstream a reaches d at 3 and stops; upstream a reaches e at 1, with nothing past either: no path anywhere.
        var none = await Reports.PathsAsync(a, island, maxDepth: 3);
        // Upstream from d, c at 1 leads on to b: the walk that stopped at the bound went on.
        var upstreamCut = await Reports.PathsAsync(d, island, maxDepth: 1);

        Assert.Equal((0, false, true), (cut.Paths.Count, cut.Truncated, cut.BeyondDepth));
        Assert.Equal((1, false), (whole.Paths.Count, whole.BeyondDepth));
        Assert.Equal((0, false), (none.Paths.Count, none.BeyondDepth));
        Assert.True(upstreamCut.BeyondDepth);
    }

    [SkippableFact]
    public async Task Paths_to_or_from_an_unknown_entity_fail_with_not_found()
    {
        var (a, missing) = (Graphs.Dataset("a"), Graphs.Dataset("missing"));
        await WriteAsync(Graphs.Entity(a));

        var to = await Assert.ThrowsAsync<NotFoundException>(() => Reports.PathsAsync(a, missing));
        var from = await Assert.ThrowsAsync<NotFoundException>(() => Reports.PathsAsync(missing, a));

        Assert.Equal((ErrorCodes.NotFound, ErrorCodes.NotFound), (to.Code, from.Code));
    }

    [SkippableFact]
    public async Task Impact_groups_the_downstream_closure_by_kind_with_models_deployments_and_their_paths()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var impact = await Reports.ImpactAsync(g.RawEvents);

        Assert.Equal(g.RawEvents, impact.Of.Key);
        Assert.False(impact.Truncated);
        Assert.Equal(
            [
                $"Dataset: {g.CleanEvents}/2",
                $"Deployment: {g.Deployment}/5",
                $"Feature: {g.TxnCount}/4",
                $"Model: {g.Model}/4",
                $"Run: {g.EtlRun}/1 {g.FeatureRun}/3 {g.TrainRun}/3 {g.EvalRun}/5",
            ],
            impact.ByKind.Select(k => $"{k.Kind}: " + string.Join(" ", k.Nodes.Select(n => $"{n.Entity.Key}/{n.Depth}"))));
        Assert.Equal([(g.Model.ToString(), 4)], impact.Models.Select(n => (n.Entity.Key.ToString(), n.Depth)));
        var deployment = Assert.Single(impact.Deployments);
        Assert.Equal((g.Deployment, 5), (deployment.Deployment.Entity.Key, deployment.Deployment.Depth));
        Assert.Equal(
            PathOf(
                (g.RawEvents, RelationKind.InputTo),
                (g.EtlRun, RelationKind.Produced),
                (g.CleanEvents, RelationKind.InputTo),
                (g.TrainRun, RelationKind.Produced),
                (g.Model, RelationKind.DeployedAs),
                (g.Deployment, null)),
            PathOf(deployment.Path));
    }

    [SkippableFact]
    public async Task Impact_names_the_entities_at_the_depth_bound_that_lead_further_downstream()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        // At depth 4 the feature feeds only the training run, which the walk holds; the model goes on
        // to its deployment and its evaluation. At depth 3 both runs produce what lies at depth 4.
        Assert.Equal([g.FeatureRun, g.TrainRun], (await Reports.ImpactAsync(g.RawEvents, maxDepth: 3)).BeyondDepth);
        Assert.Equal([g.Model], (await Reports.ImpactAsync(g.RawEvents, maxDepth: 4)).BeyondDepth);
        Assert.Empty((await Reports.ImpactAsync(g.RawEvents, maxDepth: 5)).BeyondDepth);
        Assert.Empty((await Reports.ImpactAsync(g.RawEvents)).BeyondDepth);

        // The relations followed decide what leads on: following PRODUCED alone, the model ends the walk.
        Assert.Empty((await Reports.ImpactAsync(g.TrainRun, maxDepth: 1, relations: [RelationKind.Produced])).BeyondDepth);
        Assert.Equal([g.Model], (await Reports.ImpactAsync(g.TrainRun, maxDepth: 1, relations: [RelationKind.Produced, RelationKind.DeployedAs])).BeyondDepth);
    }

    [SkippableFact]
    public async Task Impact_at_the_depth_bound_counts_a_step_cut_by_the_limit_as_leading_on()
    {
        // At depth 1 the walk holds s and f; one step down from f lie s, start and z, which the cap of
        // two cuts to s and start, both in the walk. The step left z out, so f leads past the walk.
        await UseLimitsAsync(new TraversalLimits { DefaultLimit = 2, LimitCap = 2 });
        var (start, s, f, z) = (Graphs.Dataset("start"), Graphs.Dataset("s"), Graphs.Dataset("f"), Graphs.Dataset("z"));
        await WriteGraphAsync([start, s, f, z], Graphs.Edge(start, s), Graphs.Edge(start, f), Graphs.Edge(f, s), Graphs.Edge(f, start), Graphs.Edge(f, z));

        var impact = await Reports.ImpactAsync(start, maxDepth: 1);

        Assert.False(impact.Truncated);
        Assert.Equal([f], impact.BeyondDepth);
    }

    [SkippableFact]
    public async Task Impact_cut_by_the_limit_says_truncated_and_names_nothing_beyond_depth()
    {
        await UseLimitsAsync(new TraversalLimits { DefaultLimit = 3, LimitCap = 3 });
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var impact = await Reports.ImpactAsync(g.RawEvents, maxDepth: 3);

        Assert.True(impact.Truncated);
        Assert.Empty(impact.BeyondDepth);
    }

    [SkippableFact]
    public async Task Impact_as_of_before_a_deployment_leaves_it_out()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);
        var before = Tick();
        var canary = Graphs.Deployment("fraud-api-canary", "rev-1", "staging");
        Tick();
        await WriteGraphAsync([canary], Graphs.Edge(g.Model, canary, RelationKind.DeployedAs));

        var then = await Reports.ImpactAsync(g.CleanEvents, asOf: before);
        var now = await Reports.ImpactAsync(g.CleanEvents);

        Assert.Equal([g.Deployment], then.Deployments.Select(d => d.Deployment.Entity.Key));
        Assert.Equal([g.Deployment, canary], now.Deployments.Select(d => d.Deployment.Entity.Key));
    }

    [SkippableFact]
    public async Task Paths_provenance_and_diff_as_of_an_instant_read_the_graph_of_then()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);
        var whole = Tick();

        // A path through an edge retired, then written again: none in the gap, found before it and after it.
        Tick();
        await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(g.EtlRun, g.CleanEvents, RelationKind.Produced)] });
        var gap = Tick();
        Tick();
        await WriteGraphAsync([], Graphs.Edge(g.EtlRun, g.CleanEvents, RelationKind.Produced));
        Tick();

        Assert.NotEmpty((await Reports.PathsAsync(g.RawEvents, g.Deployment, asOf: whole)).Paths);
        Assert.Empty((await Reports.PathsAsync(g.RawEvents, g.Deployment, asOf: gap)).Paths);
        Assert.NotEmpty((await Reports.PathsAsync(g.RawEvents, g.Deployment)).Paths);

        // A second run producing the model, without code: provenance names it alone, not the good run, and
        // not as of before it was recorded; once it is retired the model passes again.
        var retrain = Graphs.Run("train_fraud", 9, "acme.training");
        var beforeRetrain = Tick();
        Tick();
        await WriteGraphAsync([retrain], Graphs.Edge(g.Labels, retrain, RelationKind.InputTo), Graphs.Edge(retrain, g.Model, RelationKind.Produced));
        Tick();

        var withRetrain = await Reports.ProvenanceAsync(g.Model);
        Assert.Equal([("MISSING_CODE_VERSION", (EntityKey?)retrain)], withRetrain.Issues.Select(i => (i.Code, i.Run)));
        Assert.True((await Reports.ProvenanceAsync(g.Model, asOf: beforeRetrain)).Reproducible);
        await Store.RetireAsync(new RetireRequest { Entities = [retrain] });
        Assert.True((await Reports.ProvenanceAsync(g.Model)).Reproducible);

        // An input added to a second model's run shows in a diff of now, not in one of before it.
        var (nextRun, next, extra) = (Graphs.Run("train_fraud", 10, "acme.training"), Graphs.Model("fraud-detector", "2", "mlflow://registry"), Graphs.Dataset("extra"));
        await WriteGraphAsync([nextRun, next], Graphs.Edge(g.TxnCount, nextRun, RelationKind.InputTo), Graphs.Edge(nextRun, next, RelationKind.Produced));
        var beforeExtra = Tick();
        Tick();
        await WriteGraphAsync([extra], Graphs.Edge(extra, nextRun, RelationKind.InputTo));
        Tick();

        Assert.Contains(("extra", ChangeKind.Added), (await Reports.DiffAsync(g.Model, next)).Inputs.Select(i => (i.Name, i.Change)));
        Assert.DoesNotContain("extra", (await Reports.DiffAsync(g.Model, next, asOf: beforeExtra)).Inputs.Select(i => i.Name));
    }

    [SkippableFact]
    public async Task Provenance_of_a_reproducible_model_groups_its_closure_and_finds_no_issue()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var provenance = await Reports.ProvenanceAsync(g.Model);

        Assert.Equal(
            [
                $"CodeVersion: {g.TrainCode}/2 {g.EtlCode}/4 {g.FeatureCode}/4",
                $"Dataset: {g.Labels}/2 {g.CleanEvents}/2 {g.RawEvents}/4",
                $"Feature: {g.TxnCount}/2",
                $"HyperparameterSet: {g.Hyperparameters}/2",
                $"Run: {g.TrainRun}/1 {g.EtlRun}/3 {g.FeatureRun}/3",
            ],
            provenance.ByKind.Select(k => $"{k.Kind}: " + string.Join(" ", k.Nodes.Select(n => $"{n.Entity.Key}/{n.Depth}"))));
        Assert.True(provenance.Reproducible);
        Assert.Empty(provenance.Issues);
        Assert.False(provenance.Truncated);
    }

    [SkippableFact]
    public async Task Provenance_along_chosen_relations_says_what_its_verdict_did_not_check()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var dataOnly = await Reports.ProvenanceAsync(g.Model, relations: [RelationKind.Produced, RelationKind.InputTo, RelationKind.Derives]);

        Assert.DoesNotContain(dataOnly.ByKind, k => k.Kind is EntityKind.CodeVersion or EntityKind.HyperparameterSet);
        Assert.False(dataOnly.Reproducible);
        var issue = Assert.Single(dataOnly.Issues);
        Assert.Equal(("NOT_CHECKED", (EntityKey?)null), (issue.Code, issue.Run));
        Assert.Contains("EXECUTED_IN", issue.Message, StringComparison.Ordinal);

        var noInputs = await Reports.ProvenanceAsync(g.Model, relations: [RelationKind.Produced, RelationKind.ExecutedIn, RelationKind.Derives]);
        Assert.Equal(["NOT_CHECKED"], noInputs.Issues.Select(i => i.Code));
        Assert.Contains("INPUT_TO", noInputs.Issues[0].Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Provenance_that_does_not_follow_derives_does_not_pass_declared_lineage_it_never_judged()
    {
        // A model declared (DERIVES, no run) from an unversioned table: not reproducible, whichever relations are followed.
        var (table, model) = (Graphs.Dataset("live_table", null), Graphs.Model("fraud-tuned"));
        await WriteGraphAsync([table, model], Graphs.Edge(table, model));

        var all = await Reports.ProvenanceAsync(model);
        var runsOnly = await Reports.ProvenanceAsync(model, relations: [RelationKind.InputTo, RelationKind.Produced, RelationKind.ExecutedIn]);

        Assert.Equal([("UNVERSIONED_INPUT", table)], all.Issues.Select(i => (i.Code, i.Input!)));
        Assert.Empty(runsOnly.ByKind);
        Assert.False(runsOnly.Reproducible);
        var issue = Assert.Single(runsOnly.Issues);
        Assert.Equal("NOT_CHECKED", issue.Code);
        Assert.Contains("DERIVES", issue.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Provenance_names_a_run_without_a_code_version()
    {
        var (data, run, model) = (Graphs.Dataset("train"), Graphs.Run("train", 1), Graphs.Model("fraud"));
        await WriteGraphAsync(
            [data, run, model],
            Graphs.Edge(data, run, RelationKind.InputTo),
            Graphs.Edge(run, model, RelationKind.Produced));

        var provenance = await Reports.ProvenanceAsync(model);

        Assert.False(provenance.Reproducible);
        var issue = Assert.Single(provenance.Issues);
        Assert.Equal(("MISSING_CODE_VERSION", run, (EntityKey?)null), (issue.Code, issue.Run, issue.Input));
    }

    [SkippableFact]
    public async Task Provenance_names_unversioned_code_and_unversioned_inputs()
    {
        var (versioned, unversioned, code, run, model) =
            (Graphs.Dataset("labels", "2026-01"), Graphs.Dataset("live_table", null), Graphs.Code("train.py", null), Graphs.Run("train", 1), Graphs.Model("fraud"));
        await WriteGraphAsync(
            [versioned, unversioned, code, run, model],
            Graphs.Edge(versioned, run, RelationKind.InputTo),
            Graphs.Edge(unversioned, run, RelationKind.InputTo),
            Graphs.Edge(code, run, RelationKind.ExecutedIn),
            Graphs.Edge(run, model, RelationKind.Produced));

        var provenance = await Reports.ProvenanceAsync(model);

        Assert.False(provenance.Reproducible);
        Assert.Equal(
            [("UNVERSIONED_CODE", run, code), ("UNVERSIONED_INPUT", run, unversioned)],
            provenance.Issues.Select(i => (i.Code, i.Run, i.Input)).OrderBy(i => i.Code, StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Provenance_names_runs_whose_inputs_lie_beyond_max_depth()
    {
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var provenance = await Reports.ProvenanceAsync(g.Model, maxDepth: 3);

        Assert.False(provenance.Reproducible);
        Assert.Equal(
            [("BEYOND_DEPTH", g.EtlRun), ("BEYOND_DEPTH", g.FeatureRun)],
            provenance.Issues.Select(i => (i.Code, i.Run)).OrderBy(i => i.Run));
    }

    [SkippableFact]
    public async Task Provenance_never_passes_a_closure_whose_makers_lie_just_past_max_depth()
    {
        // raw (no version) -> etl run (no code) -> clean@v1 -> train run (with code) -> model. At depth 2 the walk
        // stops at clean@v1 and the code; the run that made clean@v1 lies past it, so depth 2 must not pass where 4 fails.
        var (raw, etl, clean, train, code, model) =
            (Graphs.Dataset("raw", null), Graphs.Run("etl", 1), Graphs.Dataset("clean"), Graphs.Run("train", 2), Graphs.Code("train.py", "abc1234"), Graphs.Model("m"));
        await WriteGraphAsync(
            [raw, etl, clean, train, code, model],
            Graphs.Edge(raw, etl, RelationKind.InputTo),
            Graphs.Edge(etl, clean, RelationKind.Produced),
            Graphs.Edge(clean, train, RelationKind.InputTo),
            Graphs.Edge(code, train, RelationKind.ExecutedIn),
            Graphs.Edge(train, model, RelationKind.Produced));

        async Task<List<(string Code, EntityKey? Run, EntityKey? Input)>> IssuesAtAsync(int depth) =>
            [.. (await Reports.ProvenanceAsync(model, maxDepth: depth)).Issues.Select(i => (i.Code, i.Run, i.Input)).OrderBy(i => i.Code, StringComparer.Ordinal)];

        Assert.Equal([("BEYOND_DEPTH", train, null)], await IssuesAtAsync(1));
        Assert.Equal([("BEYOND_DEPTH", null, clean)], await IssuesAtAsync(2));
        Assert.Equal([("BEYOND_DEPTH", etl, null)], await IssuesAtAsync(3));
        Assert.Equal([("MISSING_CODE_VERSION", etl, null), ("UNVERSIONED_INPUT", etl, raw)], await IssuesAtAsync(4));
    }

    [SkippableFact]
    public async Task Provenance_passes_at_max_depth_when_nothing_lies_past_it_and_judges_declared_sources_past_it()
    {
        // A reproducible closure that ends exactly at the bound passes there.
        var (data, train, code, model) = (Graphs.Dataset("data"), Graphs.Run("train", 1), Graphs.Code("train.py", "abc1234"), Graphs.Model("m"));
        await WriteGraphAsync(
            [data, train, code, model],
            Graphs.Edge(data, train, RelationKind.InputTo), Graphs.Edge(code, train, RelationKind.ExecutedIn), Graphs.Edge(train, model, RelationKind.Produced));
        Assert.True((await Reports.ProvenanceAsync(model, maxDepth: 2)).Reproducible);

        // Declared lineage: what d@v1 derives from lies past depth 1 (and the one hop looked at says it is unversioned), and at depth 2 it is judged.
        var (raw, derived, declared) = (Graphs.Dataset("raw", null), Graphs.Dataset("d"), Graphs.Model("declared"));
        await WriteGraphAsync([raw, derived, declared], Graphs.Edge(raw, derived), Graphs.Edge(derived, declared));

        Assert.Equal([("BEYOND_DEPTH", derived), ("UNVERSIONED_INPUT", raw)], (await Reports.ProvenanceAsync(declared, maxDepth: 1)).Issues.Select(i => (i.Code, i.Input)));
        Assert.Equal([("UNVERSIONED_INPUT", raw)], (await Reports.ProvenanceAsync(declared, maxDepth: 2)).Issues.Select(i => (i.Code, i.Input)));
    }

    [SkippableFact]
    public async Task Provenance_at_max_depth_judges_the_unfollowed_edges_between_entities_it_holds()
    {
        // Two models deployed together, both at depth 1; the unversioned one is declared the source of the other.
        var (deployment, loose, tuned) = (Graphs.Deployment("api"), Graphs.Model("base", null), Graphs.Model("tuned"));
        await WriteGraphAsync(
            [deployment, loose, tuned],
            Graphs.Edge(loose, deployment, RelationKind.DeployedAs), Graphs.Edge(tuned, deployment, RelationKind.DeployedAs), Graphs.Edge(loose, tuned));

        // A cycle through the start: it derives from a@v1, which derives from it, and it has no version.
        var (start, other) = (Graphs.Dataset("s", null), Graphs.Dataset("a"));
        await WriteGraphAsync([start, other], Graphs.Edge(other, start), Graphs.Edge(start, other));

        foreach (var (of, source, derived) in new[] { (deployment, loose, tuned), (start, start, other) })
        {
            foreach (var depth in new[] { 1, 2 })
            {
                Assert.Equal(
                    [("UNVERSIONED_INPUT", (EntityKey?)source)],
                    (await Reports.ProvenanceAsync(of, maxDepth: depth)).Issues.Where(i => i.Message.StartsWith(derived.ToString(), StringComparison.Ordinal)).Select(i => (i.Code, i.Input)));
            }
        }
    }

    [SkippableFact]
    public async Task Provenance_at_max_depth_does_not_pass_when_its_look_one_step_up_is_cut_by_the_limit()
    {
        // The closure at depth 1 is a, b and f (three, the cap); one step up from f are a, b, s and zz, and the cap keeps three of them.
        await UseLimitsAsync(new TraversalLimits { DefaultLimit = 3, LimitCap = 3 });
        var (s, a, b, f, zz) = (Graphs.Dataset("s"), Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("f"), Graphs.Dataset("zz", null));
        await WriteGraphAsync(
            [s, a, b, f, zz],
            Graphs.Edge(f, s), Graphs.Edge(a, s), Graphs.Edge(b, s), Graphs.Edge(a, f), Graphs.Edge(b, f), Graphs.Edge(s, f), Graphs.Edge(zz, f));

        var provenance = await Reports.ProvenanceAsync(s, maxDepth: 1);

        Assert.False(provenance.Reproducible);
        Assert.Contains(("TRUNCATED", (EntityKey?)f), provenance.Issues.Select(i => (i.Code, i.Input)));
    }

    [SkippableFact]
    public async Task Provenance_of_a_model_or_feature_with_nothing_upstream_or_of_a_job_is_of_unknown_origin()
    {
        var model = EntityKey.Create(EntityKind.Model, "mlflow://registry", "uploaded-by-hand", "1");
        var feature = EntityKey.Create(EntityKind.Feature, "fraud_features", "typed_in", "v1");
        var source = Graphs.Dataset("raw");
        var deployment = EntityKey.Create(EntityKind.Deployment, "prod", "api", "rev-1");
        await WriteGraphAsync([model, feature, source, deployment], Graphs.Edge(model, deployment, RelationKind.DeployedAs));

        var ofModel = await Reports.ProvenanceAsync(model);
        var ofFeature = await Reports.ProvenanceAsync(feature);

        Assert.False(ofModel.Reproducible);
        Assert.Equal(["UNKNOWN_ORIGIN"], ofModel.Issues.Select(i => i.Code));
        Assert.Equal(["UNKNOWN_ORIGIN"], ofFeature.Issues.Select(i => i.Code));

        // A deployment of it is no better: its closure holds no run to fail, and it passed for that. At the
        // depth bound too, where the one step up from the model shows nothing upstream of it.
        foreach (var depth in new int?[] { null, 1 })
        {
            var ofDeployment = await Reports.ProvenanceAsync(deployment, depth);
            Assert.False(ofDeployment.Reproducible);
            Assert.Equal([("UNKNOWN_ORIGIN", (EntityKey?)model)], ofDeployment.Issues.Select(i => (i.Code, i.Input)));
        }

        var bare = EntityKey.Create(EntityKind.Deployment, "prod", "nothing", "rev-1");
        await WriteGraphAsync([bare]);
        Assert.Equal(["UNKNOWN_ORIGIN"], (await Reports.ProvenanceAsync(bare)).Issues.Select(i => i.Code));

        // A previous version is no origin: following NEXT_VERSION reaches one, and the verdict stays.
        var next = EntityKey.Create(EntityKind.Model, "mlflow://registry", "uploaded-by-hand", "2");
        await WriteGraphAsync([next], Graphs.Edge(model, next, RelationKind.NextVersion));
        var withVersions = await Reports.ProvenanceAsync(next, relations: [.. Relations.Lineage, RelationKind.NextVersion]);
        Assert.Equal(["UNKNOWN_ORIGIN"], withVersions.Issues.Select(i => i.Code));

        // Nor is the model itself, through a self-loop.
        await WriteGraphAsync([], Graphs.Edge(model, model, RelationKind.Derives));
        Assert.Equal(["UNKNOWN_ORIGIN"], (await Reports.ProvenanceAsync(model)).Issues.Select(i => i.Code));

        // A job is the definition its runs are instances of, not a source: its closure is empty
        // whatever its run read (here with no code version, which fails the run's own verdict).
        var job = Graphs.Job("by-hand");
        var run = Graphs.Run("by-hand", 1);
        await WriteGraphAsync([job, run, source], Graphs.Edge(run, job, RelationKind.InstanceOf), Graphs.Edge(source, run, RelationKind.InputTo));
        var ofJob = await Reports.ProvenanceAsync(job);
        Assert.False(ofJob.Reproducible);
        Assert.Equal(["UNKNOWN_ORIGIN"], ofJob.Issues.Select(i => i.Code));
        Assert.Contains("is a job", ofJob.Issues[0].Message, StringComparison.Ordinal);

        // Told to follow INSTANCE_OF, the walk reaches the job's runs, and the job is judged by them: this run
        // has no code version, and the job is not also of unknown origin.
        RelationKind[] withRuns = [.. Relations.Lineage, RelationKind.InstanceOf];
        var byRuns = await Reports.ProvenanceAsync(job, relations: withRuns);
        Assert.False(byRuns.Reproducible);
        Assert.Equal([("MISSING_CODE_VERSION", (EntityKey?)run)], byRuns.Issues.Select(i => (i.Code, i.Run)));
        var idle = Graphs.Job("never-run");
        await WriteGraphAsync([idle]);
        var ofIdle = await Reports.ProvenanceAsync(idle, relations: withRuns);
        Assert.Equal(["UNKNOWN_ORIGIN"], ofIdle.Issues.Select(i => i.Code));
        Assert.Contains("no run recorded", ofIdle.Issues[0].Message, StringComparison.Ordinal);

        // A dataset may be a source; a walk that did not follow PRODUCED says NOT_CHECKED, not more.
        Assert.True((await Reports.ProvenanceAsync(source)).Reproducible);
        Assert.Equal(
            ["NOT_CHECKED"],
            (await Reports.ProvenanceAsync(model, relations: [RelationKind.InputTo, RelationKind.ExecutedIn, RelationKind.Derives])).Issues.Select(i => i.Code));
    }

    [SkippableFact]
    public async Task Provenance_of_a_closure_cut_by_the_limit_says_truncated()
    {
        await UseLimitsAsync(new TraversalLimits { DefaultLimit = 3, LimitCap = 3 });
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);

        var provenance = await Reports.ProvenanceAsync(g.Model);

        Assert.True(provenance.Truncated);
        Assert.False(provenance.Reproducible);
        Assert.Equal(["TRUNCATED"], provenance.Issues.Select(i => i.Code));
        Assert.Equal(3, provenance.ByKind.Sum(k => k.Nodes.Count));
    }

    [SkippableFact]
    public async Task Provenance_cut_by_the_limit_does_not_blame_a_run_for_a_code_version_the_cut_left_out()
    {
        // At depth 1: the datasets a0 and a1 and the run; the limit keeps those three, in key order,
        // and cuts the run's code version and input at depth 2. The run has its code version.
        await UseLimitsAsync(new TraversalLimits { DefaultLimit = 3, LimitCap = 3 });
        var (model, run, code, data, a0, a1) =
            (Graphs.Model("fraud"), Graphs.Run("train", 1), Graphs.Code("train.py", "abc1234"), Graphs.Dataset("train"), Graphs.Dataset("a0"), Graphs.Dataset("a1"));
        await WriteGraphAsync(
            [model, run, code, data, a0, a1],
            Graphs.Edge(run, model, RelationKind.Produced),
            Graphs.Edge(code, run, RelationKind.ExecutedIn),
            Graphs.Edge(data, run, RelationKind.InputTo),
            Graphs.Edge(a0, model, RelationKind.Derives),
            Graphs.Edge(a1, model, RelationKind.Derives));

        var provenance = await Reports.ProvenanceAsync(model);

        Assert.Contains(run, provenance.Walk.Nodes.Select(n => n.Entity.Key));
        Assert.DoesNotContain(code, provenance.Walk.Nodes.Select(n => n.Entity.Key));
        Assert.Equal(["TRUNCATED"], provenance.Issues.Select(i => i.Code));
    }

    [SkippableFact]
    public async Task Provenance_of_a_run_judges_the_run_itself()
    {
        var (run, data) = (Graphs.Run("train", 1), Graphs.Dataset("live_table", null));
        await WriteGraphAsync([run, data], Graphs.Edge(data, run, RelationKind.InputTo));

        var provenance = await Reports.ProvenanceAsync(run);

        Assert.False(provenance.Reproducible);
        Assert.Equal(
            [("MISSING_CODE_VERSION", run, (EntityKey?)null), ("UNVERSIONED_INPUT", run, data)],
            provenance.Issues.Select(i => (i.Code, i.Run, i.Input)).OrderBy(i => i.Code, StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Provenance_that_does_not_follow_produced_reaches_no_run_and_says_so()
    {
        var (data, run, model) = (Graphs.Dataset("live_table", null), Graphs.Run("train", 1), Graphs.Model("fraud"));
        await WriteGraphAsync(
            [data, run, model],
            Graphs.Edge(data, run, RelationKind.InputTo),
            Graphs.Edge(run, model, RelationKind.Produced));

        var provenance = await Reports.ProvenanceAsync(model, relations: [RelationKind.InputTo, RelationKind.ExecutedIn, RelationKind.Derives]);

        Assert.Empty(provenance.ByKind);
        Assert.False(provenance.Reproducible);
        var issue = Assert.Single(provenance.Issues);
        Assert.Equal("NOT_CHECKED", issue.Code);
        Assert.Contains("PRODUCED", issue.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Provenance_names_code_run_with_uncommitted_changes_and_declared_lineage_from_unversioned_data()
    {
        var (code, run, model) = (Graphs.Code("train.py", "aaa1111"), Graphs.Run("train", 1), Graphs.Model("fraud"));
        var (snapshot, table, tuned) = (Graphs.Dataset("features", "v3"), Graphs.Dataset("live_table", null), Graphs.Model("fraud-tuned"));
        await Store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                new() { Key = code, Fields = new CodeVersionFields { Branch = "main", Dirty = true } },
                Graphs.Entity(run), Graphs.Entity(model), Graphs.Entity(snapshot), Graphs.Entity(table), Graphs.Entity(tuned),
            ],
            Edges =
            [
                Graphs.Edge(code, run, RelationKind.ExecutedIn), Graphs.Edge(snapshot, run, RelationKind.InputTo), Graphs.Edge(run, model, RelationKind.Produced),
                Graphs.Edge(model, tuned), Graphs.Edge(table, tuned),
            ],
        });

        var trained = await Reports.ProvenanceAsync(model);
        var declared = await Reports.ProvenanceAsync(tuned);

        Assert.False(trained.Reproducible);
        Assert.Equal([("DIRTY_CODE", run, code)], trained.Issues.Select(i => (i.Code, i.Run, i.Input)));
        Assert.False(declared.Reproducible);
        Assert.Equal(
            [("DIRTY_CODE", run, code), ("UNVERSIONED_INPUT", (EntityKey?)null, table)],
            declared.Issues.Select(i => (i.Code, i.Run, i.Input)).OrderBy(i => i.Code, StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Provenance_judges_each_run_by_the_dirty_flag_it_recorded_not_by_what_a_later_run_at_the_commit_said()
    {
        // One commit, shared by three runs that each say whether their tree was dirty; the code version keeps the last word.
        var code = Graphs.Code("train.py", "d2d2d21");
        var models = new List<EntityKey>();
        foreach (var (n, dirty) in new[] { (1, true), (2, false), (3, true) })
        {
            var model = Graphs.Model("churn", $"{n}");
            await Store.WriteAsync(new RunRecord
            {
                JobNamespace = "jobs",
                JobName = "train",
                RunId = Guid.Parse(Graphs.RunId(n)),
                Inputs = [new RunInput(Graphs.Dataset("features", "v1"))],
                Outputs = [model],
                CodeVersion = code,
                CodeVersionFields = new CodeVersionFields { Dirty = dirty },
            }.ToBatch());
            models.Add(model);
        }

        // Code linked without a record of its own run's state is judged by the code version's flag.
        var (linkedRun, linkedModel) = (Graphs.Run("train", 4), Graphs.Model("churn", "4"));
        await WriteGraphAsync([linkedRun, linkedModel], Graphs.Edge(code, linkedRun, RelationKind.ExecutedIn), Graphs.Edge(linkedRun, linkedModel, RelationKind.Produced));

        var verdicts = new List<string>();
        foreach (var model in models.Append(linkedModel))
        {
            var provenance = await Reports.ProvenanceAsync(model);
            verdicts.Add(provenance.Reproducible ? "reproducible" : string.Join(",", provenance.Issues.Select(i => i.Code).Distinct()));
        }

        Assert.Equal(["DIRTY_CODE", "reproducible", "DIRTY_CODE", "DIRTY_CODE"], verdicts);
    }

    [SkippableFact]
    public async Task Diff_names_an_input_read_in_another_role_changed_with_its_roles()
    {
        // Both versions train on the same features; the holdout set validated model 1 and was trained on for model 2.
        var (features, holdout) = (Graphs.Dataset("features", "v1"), Graphs.Dataset("holdout", "v1"));
        var models = new List<EntityKey>();
        foreach (var (n, role) in new[] { (1, "validation"), (2, "training") })
        {
            var model = Graphs.Model("fraud", $"{n}");
            await Store.WriteAsync(new RunRecord
            {
                JobNamespace = "jobs",
                JobName = "train",
                RunId = Guid.Parse(Graphs.RunId(n)),
                Inputs = [new RunInput(features, "training"), new RunInput(holdout, role)],
                Outputs = [model],
            }.ToBatch());
            models.Add(model);
        }

        var diff = await Reports.DiffAsync(models[0], models[1]);

        Assert.Equal(
            [
                ("features", ChangeKind.Unchanged, "training", "training"),
                ("holdout", ChangeKind.Changed, "validation", "training"),
            ],
            diff.Inputs.Where(i => i.Kind == EntityKind.Dataset).Select(i => (i.Name, i.Change, string.Join(",", i.RolesA), string.Join(",", i.RolesB))));
    }

    [SkippableFact]
    public async Task Diff_names_an_input_changed_when_its_versions_swap_roles()
    {
        // Model 1 trained on split v1 and validated on v2; model 2 the other way round: the same versions and roles, read otherwise.
        var (v1, v2) = (Graphs.Dataset("split", "v1"), Graphs.Dataset("split", "v2"));
        var models = new List<EntityKey>();
        foreach (var (n, first, second) in new[] { (1, "training", "validation"), (2, "validation", "training") })
        {
            var model = Graphs.Model("fraud", $"{n}");
            await Store.WriteAsync(new RunRecord
            {
                JobNamespace = "jobs",
                JobName = "train",
                RunId = Guid.Parse(Graphs.RunId(n)),
                Inputs = [new RunInput(v1, first), new RunInput(v2, second)],
                Outputs = [model],
            }.ToBatch());
            models.Add(model);
        }

        var split = Assert.Single((await Reports.DiffAsync(models[0], models[1])).Inputs, i => i.Name == "split");

        Assert.Equal((ChangeKind.Changed, "training,validation", "training,validation"), (split.Change, string.Join(",", split.RolesA), string.Join(",", split.RolesB)));
    }

    [SkippableFact]
    public async Task Diff_takes_the_hyperparameters_of_the_training_run_that_completed_over_a_failed_attempt()
    {
        // Model 2 was made by a failed attempt with a learning rate of 0.5 and a retry that completed with 0.05.
        var (modelA, modelB) = (Graphs.Model("fraud", "1"), Graphs.Model("fraud", "2"));
        var runs = new[]
        {
            (Run: Graphs.Run("train", 1), Model: modelA, Status: "COMPLETE", Rate: "0.05", Batch: "64"),
            (Run: Graphs.Run("train", 2), Model: modelB, Status: "FAIL", Rate: "0.5", Batch: "128"),
            (Run: Graphs.Run("train", 3), Model: modelB, Status: "COMPLETE", Rate: "0.05", Batch: "128"),
        };
        var entities = new List<EntityInput> { Graphs.Entity(modelA), Graphs.Entity(modelB) };
        var edges = new List<EdgeInput>();
        foreach (var (run, model, status, rate, batch) in runs)
        {
            var set = Graphs.Map(("learning_rate", rate), ("batch", batch));
            entities.AddRange([new() { Key = run, Fields = new RunFields { Status = status } }, HyperparameterSets.InputFor(set)]);
            edges.AddRange([Graphs.Edge(HyperparameterSets.KeyFor(set), run, RelationKind.Configured), Graphs.Edge(run, model, RelationKind.Produced)]);
        }

        await Store.WriteAsync(new WriteBatch { Entities = entities, Edges = edges });
        var diff = await Reports.DiffAsync(modelA, modelB);

        Assert.Equal(
            [("batch", ChangeKind.Changed, "64", "128"), ("learning_rate", ChangeKind.Unchanged, "0.05", "0.05")],
            diff.Hyperparameters.Select(h => (h.Name, h.Change, h.A?.GetRawText(), h.B?.GetRawText())));
    }

    [SkippableFact]
    public async Task Diff_takes_the_nearest_hyperparameters_the_latest_completed_evaluation_and_tells_jobs_apart_by_key()
    {
        // Each model: an ETL run configured with a window makes the training data; the training run has the learning rate.
        var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entities = new List<EntityInput>();
        var edges = new List<EdgeInput>();
        var models = new List<EntityKey>();
        foreach (var (n, window, rate, accuracy) in new[] { (1, 7, 0.1, 0.9), (2, 14, 0.2, 0.8) })
        {
            var (etl, data, train, model) = (Graphs.Run("etl", n), Graphs.Dataset("training", $"v{n}"), Graphs.Run("train", n), Graphs.Model("fraud", $"{n}"));
            var (etlSet, trainSet) = (Graphs.Map(("window", $"{window}")), Graphs.Map(("learning_rate", $"{rate}")));
            entities.AddRange([Graphs.Entity(etl), Graphs.Entity(data), Graphs.Entity(train), Graphs.Entity(model), HyperparameterSets.InputFor(etlSet), HyperparameterSets.InputFor(trainSet)]);
            edges.AddRange([
                Graphs.Edge(HyperparameterSets.KeyFor(etlSet), etl, RelationKind.Configured), Graphs.Edge(etl, data, RelationKind.Produced),
                Graphs.Edge(data, train, RelationKind.InputTo), Graphs.Edge(HyperparameterSets.KeyFor(trainSet), train, RelationKind.Configured),
                Graphs.Edge(train, model, RelationKind.Produced),
            ]);

            // The evaluation that completed counts; a later one that failed before it ended does not.
            var (completed, failed) = (Graphs.Run("evaluate", 10 + n, "eval"), Graphs.Run("evaluate", 20 + n, "eval"));
            entities.Add(new() { Key = completed, Fields = new RunFields { RunType = RunType.Evaluation, Status = "COMPLETE", EndedAt = day.AddDays(1), Metrics = new Dictionary<string, double> { ["accuracy"] = accuracy } } });
            entities.Add(new() { Key = failed, Fields = new RunFields { RunType = RunType.Evaluation, Status = "FAIL", StartedAt = day.AddDays(3), Metrics = new Dictionary<string, double> { ["accuracy"] = 0.1 } } });

            // Two jobs whose "namespace:name" reads the same: (a:b, c) and (a, b:c).
            var (first, second) = (Graphs.Run("c", 30 + n, "a:b"), Graphs.Run("b:c", 40 + n, "a"));
            entities.Add(new() { Key = first, Fields = new RunFields { RunType = RunType.Evaluation, Metrics = new Dictionary<string, double> { ["f1"] = 0.5 } } });
            entities.Add(new() { Key = second, Fields = new RunFields { RunType = RunType.Evaluation, Metrics = new Dictionary<string, double> { ["recall"] = 0.25 } } });
            edges.AddRange([.. new[] { completed, failed, first, second }.Select(r => Graphs.Edge(model, r, RelationKind.InputTo))]);
            models.Add(model);
        }

        await Store.WriteAsync(new WriteBatch { Entities = entities, Edges = edges });
        var diff = await Reports.DiffAsync(models[0], models[1]);

        Assert.Equal([("learning_rate", ChangeKind.Changed)], diff.Hyperparameters.Select(h => (h.Name, h.Change)));
        Assert.Equal(
            [
                ("job:a:b%3Ac", "recall", ChangeKind.Unchanged, (double?)0.25, (double?)0.25),
                ("job:a:b:c", "f1", ChangeKind.Unchanged, 0.5, 0.5),
                ("job:eval:evaluate", "accuracy", ChangeKind.Changed, 0.9, 0.8),
            ],
            diff.Metrics.Select(m => (m.Source, m.Name, m.Change, m.A, m.B)));

        // Each value names the run that measured it: the completed evaluations, not the later failed ones.
        var measured = diff.Metrics.Single(m => m.Name == "accuracy");
        Assert.Equal((Graphs.Run("evaluate", 11, "eval"), Graphs.Run("evaluate", 12, "eval")), (measured.RunA, measured.RunB));
    }

    [SkippableFact]
    public async Task A_metric_delta_past_the_largest_double_is_null_where_json_could_not_carry_it()
    {
        // Each value is a double any write takes; their difference is not (it was infinity, and every diff of the model failed).
        var (low, high, small) = (Graphs.Model("wide", "1"), Graphs.Model("wide", "2"), Graphs.Model("wide", "3"));
        await Store.WriteAsync(new WriteBatch
        {
            Entities = [.. new[] { (low, -1.7e308), (high, 1.7e308), (small, 1e300) }.Select(m => new EntityInput
            {
                Key = m.Item1, Fields = new ModelFields { Metrics = new Dictionary<string, double> { ["auc"] = m.Item2 } },
            })],
        });

        Assert.Equal((double?)null, Assert.Single((await Reports.DiffAsync(low, high)).Metrics).Delta);
        Assert.Equal(1.7e308 - 1e300, Assert.Single((await Reports.DiffAsync(small, high)).Metrics).Delta);
    }

    [SkippableFact]
    public async Task Diff_takes_the_hyperparameters_of_the_training_run_and_none_from_further_upstream_when_it_has_none()
    {
        // Both models are trained from one dataset made by an ETL run with a window; only the first training run has a set.
        var (etl, data, window) = (Graphs.Run("etl", 1), Graphs.Dataset("training", "v1"), Graphs.Map(("window", "7")));
        var (trainA, trainB, modelA, modelB) = (Graphs.Run("train", 1), Graphs.Run("train", 2), Graphs.Model("fraud", "1"), Graphs.Model("fraud", "2"));
        var rate = Graphs.Map(("learning_rate", "0.1"));
        // A fine-tuned model, declared to derive from the first, has the hyperparameters of the run that made that one;
        // a model declared to derive from the dataset has none (the ETL run configured the dataset, not it).
        var (tuned, fromData) = (Graphs.Model("fraud-tuned", "1"), Graphs.Model("from-data", "1"));
        await Store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                Graphs.Entity(etl), Graphs.Entity(data), Graphs.Entity(trainA), Graphs.Entity(trainB), Graphs.Entity(modelA), Graphs.Entity(modelB),
                Graphs.Entity(tuned), Graphs.Entity(fromData), HyperparameterSets.InputFor(window), HyperparameterSets.InputFor(rate),
            ],
            Edges =
            [
                Graphs.Edge(HyperparameterSets.KeyFor(window), etl, RelationKind.Configured), Graphs.Edge(etl, data, RelationKind.Produced),
                Graphs.Edge(data, trainA, RelationKind.InputTo), Graphs.Edge(data, trainB, RelationKind.InputTo),
                Graphs.Edge(HyperparameterSets.KeyFor(rate), trainA, RelationKind.Configured),
                Graphs.Edge(trainA, modelA, RelationKind.Produced), Graphs.Edge(trainB, modelB, RelationKind.Produced),
                Graphs.Edge(modelA, tuned, RelationKind.Derives), Graphs.Edge(data, fromData, RelationKind.Derives),
            ],
        });

        var diff = await Reports.DiffAsync(modelA, modelB);
        var tunedDiff = await Reports.DiffAsync(modelB, tuned);
        var runsDiff = await Reports.DiffAsync(trainA, trainB);
        var fromDataDiff = await Reports.DiffAsync(modelB, fromData);

        Assert.Equal([("learning_rate", ChangeKind.Removed)], diff.Hyperparameters.Select(h => (h.Name, h.Change)));
        Assert.Equal([("learning_rate", ChangeKind.Added)], tunedDiff.Hyperparameters.Select(h => (h.Name, h.Change)));
        Assert.Equal([("learning_rate", ChangeKind.Removed)], runsDiff.Hyperparameters.Select(h => (h.Name, h.Change)));
        Assert.Empty(fromDataDiff.Hyperparameters);
    }

    [SkippableFact]
    public async Task Diff_lists_inputs_versions_and_hyperparameters_in_code_point_order_as_keys_are()
    {
        // UTF-16's order puts 😀 (a surrogate pair) before ｚ (U+FF5A); code points, the order of keys everywhere else, after.
        var (zed, smile) = (Graphs.Dataset("ｚ", "ｚ"), Graphs.Dataset("😀", "😀"));
        var (zedNext, smileNext) = (Graphs.Dataset("ｚ", "😀"), Graphs.Dataset("😀", "ｚ"));
        var (runA, runB, modelA, modelB) = (Graphs.Run("train", 1), Graphs.Run("train", 2), Graphs.Model("m", "1"), Graphs.Model("m", "2"));
        var values = Graphs.Map(("ｚ", "1"), ("😀", "2"));
        await Store.WriteAsync(new WriteBatch
        {
            Entities = [.. new[] { zed, smile, zedNext, smileNext, runA, runB, modelA, modelB }.Select(Graphs.Entity), HyperparameterSets.InputFor(values)],
            Edges =
            [
                Graphs.Edge(zed, runA, RelationKind.InputTo), Graphs.Edge(smile, runA, RelationKind.InputTo),
                Graphs.Edge(zed, runB, RelationKind.InputTo), Graphs.Edge(zedNext, runB, RelationKind.InputTo),
                Graphs.Edge(smile, runB, RelationKind.InputTo), Graphs.Edge(smileNext, runB, RelationKind.InputTo),
                Graphs.Edge(HyperparameterSets.KeyFor(values), runA, RelationKind.Configured),
                Graphs.Edge(runA, modelA, RelationKind.Produced), Graphs.Edge(runB, modelB, RelationKind.Produced),
            ],
        });

        var diff = await Reports.DiffAsync(modelA, modelB);

        Assert.Equal(["ｚ", "😀"], diff.Inputs.Select(i => i.Name));
        Assert.Equal(["ｚ", "😀"], diff.Inputs[0].VersionsB);
        Assert.Equal(["ｚ", "😀"], diff.Inputs[1].VersionsB);
        Assert.Equal(["ｚ", "😀"], diff.Hyperparameters.Select(h => h.Name));
    }

    [SkippableFact]
    public async Task Diff_lists_a_previous_version_that_the_other_was_made_from_as_an_input()
    {
        // Model 2 is warm-started from model 1: its run reads model 1. Left out as "the entity compared", it vanished.
        var (d1, d2) = (Graphs.Dataset("train", "v1"), Graphs.Dataset("train", "v2"));
        var (run1, run2, m1, m2) = (Graphs.Run("fit", 1), Graphs.Run("fit", 2), Graphs.Model("m", "1"), Graphs.Model("m", "2"));
        await WriteGraphAsync(
            [d1, d2, run1, run2, m1, m2],
            Graphs.Edge(d1, run1, RelationKind.InputTo), Graphs.Edge(run1, m1, RelationKind.Produced),
            Graphs.Edge(d2, run2, RelationKind.InputTo), Graphs.Edge(m1, run2, RelationKind.InputTo), Graphs.Edge(run2, m2, RelationKind.Produced));

        var diff = await Reports.DiffAsync(m1, m2);

        Assert.Equal(
            [(EntityKind.Dataset, "train", ChangeKind.Changed), (EntityKind.Model, "m", ChangeKind.Added)],
            diff.Inputs.Select(i => (i.Kind, i.Name, i.Change)));
        Assert.Equal(["1"], diff.Inputs[1].VersionsB);
    }

    [SkippableFact]
    public async Task Diff_cut_at_max_depth_names_what_leads_further_rather_than_reading_as_no_difference()
    {
        // At depth 1 each model's training run is reached and its hyperparameter set is not: the answer said nothing differed.
        var (runA, runB, modelA, modelB) = (Graphs.Run("train", 1), Graphs.Run("train", 2), Graphs.Model("m", "1"), Graphs.Model("m", "2"));
        var (slow, fast) = (Graphs.Map(("lr", "0.1")), Graphs.Map(("lr", "0.5")));
        await Store.WriteAsync(new WriteBatch
        {
            Entities = [.. new[] { runA, runB, modelA, modelB }.Select(Graphs.Entity), HyperparameterSets.InputFor(slow), HyperparameterSets.InputFor(fast)],
            Edges =
            [
                Graphs.Edge(HyperparameterSets.KeyFor(slow), runA, RelationKind.Configured), Graphs.Edge(HyperparameterSets.KeyFor(fast), runB, RelationKind.Configured),
                Graphs.Edge(runA, modelA, RelationKind.Produced), Graphs.Edge(runB, modelB, RelationKind.Produced),
            ],
        });

        var cut = await Reports.DiffAsync(modelA, modelB, maxDepth: 1);
        var whole = await Reports.DiffAsync(modelA, modelB, maxDepth: 2);

        Assert.Empty(cut.Hyperparameters);
        Assert.Equal([runA, runB], cut.BeyondDepth);
        Assert.Equal([("lr", ChangeKind.Changed)], whole.Hyperparameters.Select(h => (h.Name, h.Change)));
        Assert.Empty(whole.BeyondDepth);
    }

    [SkippableFact]
    public async Task Diff_takes_the_metrics_of_the_run_it_chooses_and_gives_the_decimal_change()
    {
        // Model 1's evaluation failed with a number, then completed without one: it has no metric from that job.
        var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (one, two) = (Graphs.Model("scored", "1"), Graphs.Model("scored", "2"));
        var (failed, completed, later) = (Graphs.Run("grade", 1, "eval"), Graphs.Run("grade", 2, "eval"), Graphs.Run("grade", 3, "eval"));
        static EntityInput Evaluation(EntityKey key, string status, DateTimeOffset ended, double? score) => new()
        {
            Key = key,
            Fields = new RunFields { RunType = RunType.Evaluation, Status = status, EndedAt = ended, Metrics = score is { } s ? new Dictionary<string, double> { ["score"] = s } : null },
        };

        await Store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                new() { Key = one, Fields = new ModelFields { Metrics = new Dictionary<string, double> { ["auc"] = 0.9, ["recall"] = 0.1234567890123456 } } },
                new() { Key = two, Fields = new ModelFields { Metrics = new Dictionary<string, double> { ["auc"] = 0.8, ["recall"] = 0.1234567890123457 } } },
                Evaluation(failed, "FAIL", day, 0.1), Evaluation(completed, "COMPLETE", day.AddDays(1), null), Evaluation(later, "COMPLETE", day.AddDays(2), 0.7),
            ],
            Edges = [Graphs.Edge(one, failed, RelationKind.InputTo), Graphs.Edge(one, completed, RelationKind.InputTo), Graphs.Edge(two, later, RelationKind.InputTo)],
        });

        var diff = await Reports.DiffAsync(one, two);

        Assert.Equal(
            [
                new MetricChange("model", "auc", ChangeKind.Changed, 0.9, 0.8, -0.1),
                new MetricChange("model", "recall", ChangeKind.Changed, 0.1234567890123456, 0.1234567890123457, 1e-16),
                new MetricChange("job:eval:grade", "score", ChangeKind.Added, null, 0.7, null) { RunB = Graphs.Run("grade", 3, "eval") },
            ],
            diff.Metrics);
    }

    [SkippableFact]
    public async Task Diff_compares_inputs_hyperparameters_code_and_metrics_of_two_model_versions()
    {
        var d = await WriteDiffGraphAsync();

        var diff = await Reports.DiffAsync(d.ModelA, d.ModelB);

        Assert.Equal((d.ModelA, d.ModelB, false), (diff.A.Key, diff.B.Key, diff.Truncated));
        Assert.Equal(
            [
                "CodeVersion https://github.com/acme/ml train.py Changed [aaa1111] -> [bbb2222]",
                "Dataset s3://lake geo Added [] -> [v1]",
                "Dataset s3://lake labels Changed [2026-01] -> [2026-02]",
                "Dataset s3://lake legacy Removed [v1] -> []",
                "Feature features txn_count Unchanged [v1] -> [v1]",
            ],
            diff.Inputs.Select(DescribeChange));
        Assert.Equal(["CodeVersion https://github.com/acme/ml train.py Changed [aaa1111] -> [bbb2222]"], diff.Code.Select(DescribeChange));
        Assert.Equal(
            [
                ("dropout", ChangeKind.Added, null, "0.2"),
                ("epochs", ChangeKind.Unchanged, "10", "10"),
                ("learning_rate", ChangeKind.Changed, "0.1", "0.05"),
            ],
            diff.Hyperparameters.Select(h => (h.Name, h.Change, h.A is { } a ? LineageJson.Canonical(a) : null, h.B is { } b ? LineageJson.Canonical(b) : null)));
        Assert.Equal(
            [
                new MetricChange("model", "auc", ChangeKind.Changed, 0.75, 0.875, 0.125),
                new MetricChange("model", "f1", ChangeKind.Removed, 0.5, null, null),
                new MetricChange("model", "logloss", ChangeKind.Added, null, 0.25, null),
                new MetricChange("job:eval:evaluate_fraud", "precision", ChangeKind.Changed, 0.5, 0.625, 0.125)
                {
                    RunA = Graphs.Run("evaluate_fraud", 12, "eval"),
                    RunB = Graphs.Run("evaluate_fraud", 13, "eval"),
                },
            ],
            diff.Metrics);
    }

    [SkippableFact]
    public async Task Diff_of_a_model_with_itself_changes_nothing()
    {
        var d = await WriteDiffGraphAsync();

        var diff = await Reports.DiffAsync(d.ModelB, d.ModelB);

        Assert.NotEmpty(diff.Inputs);
        Assert.All(diff.Inputs, i => Assert.Equal(ChangeKind.Unchanged, i.Change));
        Assert.All(diff.Hyperparameters, h => Assert.Equal(ChangeKind.Unchanged, h.Change));
        Assert.Equal(
            [
                new MetricChange("model", "auc", ChangeKind.Unchanged, 0.875, 0.875, 0),
                new MetricChange("model", "logloss", ChangeKind.Unchanged, 0.25, 0.25, 0),
                new MetricChange("job:eval:evaluate_fraud", "precision", ChangeKind.Unchanged, 0.625, 0.625, 0)
                {
                    RunA = Graphs.Run("evaluate_fraud", 13, "eval"),
                    RunB = Graphs.Run("evaluate_fraud", 13, "eval"),
                },
            ],
            diff.Metrics);
    }

    private static string DescribeChange(InputChange change) =>
        $"{change.Kind} {change.Namespace} {change.Name} {change.Change} [{string.Join(",", change.VersionsA)}] -> [{string.Join(",", change.VersionsB)}]";

    private sealed record DiffGraph(EntityKey ModelA, EntityKey ModelB);

    /// <summary>
    /// Two trainings of one model: the feature is the same, the labels moved on a month, a legacy
    /// table was dropped and a geo table added, the code and the learning rate changed, dropout came
    /// in. Model A was evaluated twice (the later run counts), model B once; an inference run that
    /// also reads B is not an evaluation and does not count.
    /// </summary>
    private async Task<DiffGraph> WriteDiffGraphAsync()
    {
        var feature = Graphs.Feature("txn_count");
        var (labelsJan, labelsFeb, legacy, geo) = (Graphs.Dataset("labels", "2026-01"), Graphs.Dataset("labels", "2026-02"), Graphs.Dataset("legacy"), Graphs.Dataset("geo"));
        var (codeA, codeB) = (Graphs.Code("train.py", "aaa1111"), Graphs.Code("train.py", "bbb2222"));
        var valuesA = Graphs.Map(("learning_rate", "0.1"), ("epochs", "10"));
        var valuesB = Graphs.Map(("learning_rate", "0.05"), ("epochs", "10"), ("dropout", "0.2"));
        var (hpA, hpB) = (HyperparameterSets.KeyFor(valuesA), HyperparameterSets.KeyFor(valuesB));
        var (runA, runB) = (Graphs.Run("train_fraud", 1, "training"), Graphs.Run("train_fraud", 2, "training"));
        var (modelA, modelB) = (Graphs.Model("fraud", "1"), Graphs.Model("fraud", "2"));
        var (evalA1, evalA2, evalB, inference) =
            (Graphs.Run("evaluate_fraud", 11, "eval"), Graphs.Run("evaluate_fraud", 12, "eval"), Graphs.Run("evaluate_fraud", 13, "eval"), Graphs.Run("score", 14, "serving"));
        var day = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

        static EntityInput Model(EntityKey key, params (string Name, double Value)[] metrics) =>
            new() { Key = key, Fields = new ModelFields { Framework = "xgboost", Metrics = metrics.ToDictionary(m => m.Name, m => m.Value) } };
        static EntityInput Run(EntityKey key, RunType type, DateTimeOffset ended, double precision) =>
            new() { Key = key, Fields = new RunFields { RunType = type, EndedAt = ended, Metrics = new Dictionary<string, double> { ["precision"] = precision } } };

        await Store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                Graphs.Entity(feature), Graphs.Entity(labelsJan), Graphs.Entity(labelsFeb), Graphs.Entity(legacy), Graphs.Entity(geo),
                Graphs.Entity(codeA), Graphs.Entity(codeB), HyperparameterSets.InputFor(valuesA), HyperparameterSets.InputFor(valuesB),
                new() { Key = runA, Fields = new RunFields { RunType = RunType.Training } },
                new() { Key = runB, Fields = new RunFields { RunType = RunType.Training } },
                Model(modelA, ("auc", 0.75), ("f1", 0.5)),
                Model(modelB, ("auc", 0.875), ("logloss", 0.25)),
                Run(evalA1, RunType.Evaluation, day.AddDays(1), 0.25),
                Run(evalA2, RunType.Evaluation, day.AddDays(2), 0.5),
                Run(evalB, RunType.Evaluation, day.AddDays(3), 0.625),
                Run(inference, RunType.Inference, day.AddDays(4), 0.125),
            ],
            Edges =
            [
                new(feature, runA, RelationKind.InputTo), new(labelsJan, runA, RelationKind.InputTo), new(legacy, runA, RelationKind.InputTo),
                new(codeA, runA, RelationKind.ExecutedIn), new(hpA, runA, RelationKind.Configured), new(runA, modelA, RelationKind.Produced),
                new(feature, runB, RelationKind.InputTo), new(labelsFeb, runB, RelationKind.InputTo), new(geo, runB, RelationKind.InputTo),
                new(codeB, runB, RelationKind.ExecutedIn), new(hpB, runB, RelationKind.Configured), new(runB, modelB, RelationKind.Produced),
                new(modelA, evalA1, RelationKind.InputTo), new(modelA, evalA2, RelationKind.InputTo),
                new(modelB, evalB, RelationKind.InputTo), new(modelB, inference, RelationKind.InputTo),
            ],
        });
        return new DiffGraph(modelA, modelB);
    }
}
