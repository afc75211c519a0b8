using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// README's "Writes", "Walks" and "Reports" in detail: the default limit, cuts by the limit in reports, path tie-breaks, verdicts, diffs, edge rewrites and roles, the relation table.
public abstract partial class StoreContractTests
{
    private static readonly EntityKind[] AllKindsButRun =
        [EntityKind.Dataset, EntityKind.Feature, EntityKind.CodeVersion, EntityKind.HyperparameterSet, EntityKind.Model, EntityKind.Job, EntityKind.Deployment];

    // Jobs and hyperparameter sets have no version, so NEXT_VERSION ("a version of an entity") cannot join them.
    private static readonly EntityKind[] VersionedKinds =
        [EntityKind.Dataset, EntityKind.Feature, EntityKind.CodeVersion, EntityKind.Model, EntityKind.Run, EntityKind.Deployment];

    // lineage-model.md's two relation tables, copied by hand rather than read from Relations.
    private static readonly Dictionary<RelationKind, (EntityKind[] From, EntityKind[] To)> ModelRelationTable = new()
    {
        [RelationKind.InputTo] = ([EntityKind.Dataset, EntityKind.Feature, EntityKind.Model], [EntityKind.Run]),
        [RelationKind.Produced] = ([EntityKind.Run], [EntityKind.Dataset, EntityKind.Feature, EntityKind.Model]),
        [RelationKind.ExecutedIn] = ([EntityKind.CodeVersion], [EntityKind.Run]),
        [RelationKind.Configured] = ([EntityKind.HyperparameterSet], [EntityKind.Run]),
        [RelationKind.Derives] = (AllKindsButRun, AllKindsButRun),
        [RelationKind.DeployedAs] = ([EntityKind.Model], [EntityKind.Deployment]),
        [RelationKind.NextVersion] = (VersionedKinds, VersionedKinds),
        [RelationKind.InstanceOf] = ([EntityKind.Run], [EntityKind.Job]),
        [RelationKind.ChildOf] = ([EntityKind.Run], [EntityKind.Run]),
    };

    [SkippableFact]
    public async Task Walk_without_a_limit_returns_the_default_thousand_nodes_of_a_larger_fan_out_and_says_truncated()
    {
        // The suite opens its stores with the shipped limits unless a test asks for others.
        Assert.Equal(1_000, Limits.LimitIfUnasked);
        var s = Graphs.Dataset("s");
        var fanOut = Enumerable.Range(0, 1_001).Select(i => Graphs.Dataset($"d{i:D4}")).ToArray();
        await WriteGraphAsync([s, .. fanOut], [.. fanOut.Select(d => Graphs.Edge(s, d))]);

        var walk = await WalkAsync(s, Direction.Downstream);

        Assert.Equal(fanOut.Take(1_000).Select(d => (d.ToString(), 1)), NodesOf(walk));
        Assert.True(walk.Truncated);
    }

    [SkippableFact]
    public async Task Paths_say_truncated_when_the_limit_cut_a_walk_before_it_reached_the_target()
    {
        // s feeds a, b and c, and c feeds t: a cap of two keeps a and b, so t lies beyond the cut.
        await UseLimitsAsync(new TraversalLimits { DefaultLimit = 2, LimitCap = 2 });
        var (s, a, b, c, t) = (Graphs.Dataset("s"), Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"), Graphs.Dataset("t"));
        await WriteGraphAsync([s, a, b, c, t], Graphs.Edge(s, a), Graphs.Edge(s, b), Graphs.Edge(s, c), Graphs.Edge(c, t));

        var cut = await Reports.PathsAsync(s, t);
        var reached = await Reports.PathsAsync(s, a);

        Assert.Equal((0, true), (cut.Paths.Count, cut.Truncated));
        Assert.Equal(PathOf((s, RelationKind.Derives), (a, null)), PathOf(Assert.Single(reached.Paths)));
        Assert.False(reached.Truncated);
    }

    [SkippableFact]
    public async Task Diff_says_truncated_when_either_closure_is_cut_by_the_limit()
    {
        await UseLimitsAsync(new TraversalLimits { DefaultLimit = 3, LimitCap = 3 });
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);
        var (run, small) = (Graphs.Run("train", 1), Graphs.Model("small"));
        await WriteGraphAsync([run, small], Graphs.Edge(run, small, RelationKind.Produced));

        Assert.True((await Reports.DiffAsync(g.Model, small)).Truncated);
        Assert.True((await Reports.DiffAsync(small, g.Model)).Truncated);
        Assert.False((await Reports.DiffAsync(small, small)).Truncated);
    }

    [SkippableFact]
    public async Task Impact_takes_each_deployment_path_back_along_the_first_edge_in_from_to_relation_order()
    {
        // Two shortest paths to api: s -> x -> model z -> api and s -> y -> model a -> api. Going back from api the
        // first edge comes from model a, so the path runs through y, though x comes first going forward from s.
        var (s, x, y) = (Graphs.Dataset("s"), Graphs.Dataset("x"), Graphs.Dataset("y"));
        var (z, a, api) = (Graphs.Model("z"), Graphs.Model("a"), Graphs.Deployment("api"));

        // v1 -> v2 is both DERIVES and NEXT_VERSION: the step back takes DERIVES, the first relation.
        var (v1, v2, batch) = (Graphs.Model("v", "1"), Graphs.Model("v", "2"), Graphs.Deployment("batch"));
        await WriteGraphAsync(
            [s, x, y, z, a, api, v1, v2, batch],
            Graphs.Edge(s, x), Graphs.Edge(s, y), Graphs.Edge(x, z), Graphs.Edge(y, a),
            Graphs.Edge(z, api, RelationKind.DeployedAs), Graphs.Edge(a, api, RelationKind.DeployedAs),
            Graphs.Edge(s, v1), Graphs.Edge(v1, v2, RelationKind.NextVersion), Graphs.Edge(v1, v2), Graphs.Edge(v2, batch, RelationKind.DeployedAs));

        var impact = await Reports.ImpactAsync(s, relations: [.. Relations.Lineage, RelationKind.NextVersion]);

        Assert.Equal(
            [
                PathOf((s, RelationKind.Derives), (y, RelationKind.Derives), (a, RelationKind.DeployedAs), (api, null)),
                PathOf((s, RelationKind.Derives), (v1, RelationKind.Derives), (v2, RelationKind.DeployedAs), (batch, null)),
            ],
            impact.Deployments.Select(d => PathOf(d.Path)));
    }

    [SkippableFact]
    public async Task Provenance_judges_a_job_declared_to_derive_from_something_by_what_it_derives_from()
    {
        var (table, snapshot) = (Graphs.Dataset("live_table", null), Graphs.Dataset("snapshot", "v1"));
        var (loose, pinned) = (Graphs.Job("loose"), Graphs.Job("pinned"));
        await WriteGraphAsync([table, snapshot, loose, pinned], Graphs.Edge(table, loose), Graphs.Edge(snapshot, pinned));

        var ofLoose = await Reports.ProvenanceAsync(loose);
        var ofPinned = await Reports.ProvenanceAsync(pinned);

        Assert.False(ofLoose.Reproducible);
        Assert.Equal([("UNVERSIONED_INPUT", (EntityKey?)null, (EntityKey?)table)], ofLoose.Issues.Select(i => (i.Code, i.Run, i.Input)));
        Assert.True(ofPinned.Reproducible);
        Assert.Empty(ofPinned.Issues);
    }

    [SkippableFact]
    public async Task Provenance_passes_a_model_declared_to_derive_from_a_versioned_reproducible_model()
    {
        var (data, code, run, baseModel, tuned) =
            (Graphs.Dataset("train"), Graphs.Code("train.py", "abc1234"), Graphs.Run("train", 1), Graphs.Model("base"), Graphs.Model("tuned"));
        await WriteGraphAsync(
            [data, code, run, baseModel, tuned],
            Graphs.Edge(data, run, RelationKind.InputTo), Graphs.Edge(code, run, RelationKind.ExecutedIn),
            Graphs.Edge(run, baseModel, RelationKind.Produced), Graphs.Edge(baseModel, tuned));

        Assert.True((await Reports.ProvenanceAsync(baseModel)).Reproducible);
        var provenance = await Reports.ProvenanceAsync(tuned);

        Assert.True(provenance.Reproducible);
        Assert.Empty(provenance.Issues);
        Assert.Equal(
            [$"CodeVersion: {code}/3", $"Dataset: {data}/3", $"Model: {baseModel}/1", $"Run: {run}/2"],
            provenance.ByKind.Select(k => $"{k.Kind}: " + string.Join(" ", k.Nodes.Select(n => $"{n.Entity.Key}/{n.Depth}"))));
    }

    [SkippableFact]
    public async Task Provenance_judges_a_model_a_run_reads_as_an_input_so_an_unversioned_one_fails_the_run()
    {
        // Two fine-tunings of a pretrained model: one read it without a version, the other a pinned version.
        var (code, data) = (Graphs.Code("tune.py", "abc1234"), Graphs.Dataset("tuning"));
        var (loose, pinned) = (Graphs.Model("bert", null, "hub"), Graphs.Model("bert", "1", "hub"));
        var (looseRun, pinnedRun, fromLoose, fromPinned) = (Graphs.Run("tune", 1), Graphs.Run("tune", 2), Graphs.Model("tuned", "1"), Graphs.Model("tuned", "2"));
        await WriteGraphAsync(
            [code, data, loose, pinned, looseRun, pinnedRun, fromLoose, fromPinned],
            Graphs.Edge(code, looseRun, RelationKind.ExecutedIn), Graphs.Edge(data, looseRun, RelationKind.InputTo),
            Graphs.Edge(loose, looseRun, RelationKind.InputTo), Graphs.Edge(looseRun, fromLoose, RelationKind.Produced),
            Graphs.Edge(code, pinnedRun, RelationKind.ExecutedIn), Graphs.Edge(data, pinnedRun, RelationKind.InputTo),
            Graphs.Edge(pinned, pinnedRun, RelationKind.InputTo), Graphs.Edge(pinnedRun, fromPinned, RelationKind.Produced));

        var ofLoose = await Reports.ProvenanceAsync(fromLoose);
        var ofPinned = await Reports.ProvenanceAsync(fromPinned);

        Assert.False(ofLoose.Reproducible);
        Assert.Equal([("UNVERSIONED_INPUT", (EntityKey?)looseRun, (EntityKey?)loose)], ofLoose.Issues.Select(i => (i.Code, i.Run, i.Input)));
        Assert.True(ofPinned.Reproducible);
        Assert.Empty(ofPinned.Issues);
    }

    [SkippableFact]
    public async Task Provenance_reads_a_dirty_edge_property_that_is_not_a_boolean_as_absent_and_takes_the_code_version_flag()
    {
        // The code version says dirty; one run recorded "false" as text, which is no answer, the other the boolean false.
        var (code, data) = (Graphs.Code("train.py", "d2d2d21"), Graphs.Dataset("features"));
        var (textRun, boolRun, textModel, boolModel) = (Graphs.Run("train", 1), Graphs.Run("train", 2), Graphs.Model("churn", "1"), Graphs.Model("churn", "2"));
        await Store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                new() { Key = code, Fields = new CodeVersionFields { Dirty = true } },
                .. new[] { data, textRun, boolRun, textModel, boolModel }.Select(Graphs.Entity),
            ],
            Edges =
            [
                new(code, textRun, RelationKind.ExecutedIn) { Properties = Graphs.Map(("dirty", "\"false\"")) },
                new(code, boolRun, RelationKind.ExecutedIn) { Properties = Graphs.Map(("dirty", "false")) },
                Graphs.Edge(data, textRun, RelationKind.InputTo), Graphs.Edge(data, boolRun, RelationKind.InputTo),
                Graphs.Edge(textRun, textModel, RelationKind.Produced), Graphs.Edge(boolRun, boolModel, RelationKind.Produced),
            ],
        });

        var ofText = await Reports.ProvenanceAsync(textModel);
        var ofBool = await Reports.ProvenanceAsync(boolModel);

        Assert.Equal([("DIRTY_CODE", (EntityKey?)textRun, (EntityKey?)code)], ofText.Issues.Select(i => (i.Code, i.Run, i.Input)));
        Assert.True(ofBool.Reproducible);
    }

    [SkippableFact]
    public async Task Provenance_and_impact_as_of_an_instant_between_a_run_recorded_and_retired_see_the_run()
    {
        // A retraining without code produces the model again and a challenger; it is retired later.
        var g = new MlGraph();
        await Store.WriteAsync(g.Batch);
        var (retrain, challenger) = (Graphs.Run("train_fraud", 9, "acme.training"), Graphs.Model("fraud-detector", "2", "mlflow://registry"));
        Tick();
        await WriteGraphAsync(
            [retrain, challenger],
            Graphs.Edge(g.Labels, retrain, RelationKind.InputTo), Graphs.Edge(retrain, g.Model, RelationKind.Produced), Graphs.Edge(retrain, challenger, RelationKind.Produced));
        var between = Tick();
        Tick();
        await Store.RetireAsync(new RetireRequest { Entities = [retrain] });
        var after = Tick();

        var provenanceThen = await Reports.ProvenanceAsync(g.Model, asOf: between);
        var provenanceAfter = await Reports.ProvenanceAsync(g.Model, asOf: after);
        var impactThen = await Reports.ImpactAsync(g.Labels, asOf: between);
        var impactAfter = await Reports.ImpactAsync(g.Labels, asOf: after);

        Assert.Equal([("MISSING_CODE_VERSION", (EntityKey?)retrain)], provenanceThen.Issues.Select(i => (i.Code, i.Run)));
        Assert.True(provenanceAfter.Reproducible);
        Assert.Equal([(retrain, 1), (challenger, 2)], impactThen.Walk.Nodes.Where(n => n.Entity.Key == retrain || n.Entity.Key == challenger).Select(n => (n.Entity.Key, n.Depth)));
        Assert.Equal([g.Model, challenger], impactThen.Models.Select(n => n.Entity.Key));
        Assert.DoesNotContain(retrain, impactAfter.Walk.Nodes.Select(n => n.Entity.Key));
        Assert.Equal([g.Model], impactAfter.Models.Select(n => n.Entity.Key));
    }

    [SkippableFact]
    public async Task Retiring_a_base_model_takes_it_out_of_current_reports_of_a_model_tuned_from_it_and_as_of_before_keeps_it()
    {
        // The base model's training run read unversioned data, so only while it is current does it make the tuned model unreproducible.
        var (code, corpus, pretrain, baseModel) = (Graphs.Code("train.py", "abc1234"), Graphs.Dataset("corpus", null), Graphs.Run("pretrain", 1), Graphs.Model("base"));
        var (tuning, tune, tuned) = (Graphs.Dataset("tuning"), Graphs.Run("tune", 2), Graphs.Model("tuned"));
        await WriteGraphAsync(
            [code, corpus, pretrain, baseModel, tuning, tune, tuned],
            Graphs.Edge(code, pretrain, RelationKind.ExecutedIn), Graphs.Edge(corpus, pretrain, RelationKind.InputTo), Graphs.Edge(pretrain, baseModel, RelationKind.Produced),
            Graphs.Edge(code, tune, RelationKind.ExecutedIn), Graphs.Edge(tuning, tune, RelationKind.InputTo), Graphs.Edge(baseModel, tune, RelationKind.InputTo),
            Graphs.Edge(tune, tuned, RelationKind.Produced));
        var before = Tick();
        var retiredAt = Tick();
        await Store.RetireAsync(new RetireRequest { Entities = [baseModel] });

        var now = await Reports.ProvenanceAsync(tuned);
        var then = await Reports.ProvenanceAsync(tuned, asOf: before);

        Assert.True(now.Reproducible);
        Assert.DoesNotContain(now.Walk.Nodes, n => n.Entity.Key == baseModel || n.Entity.Key == corpus);

        // The report names what retirement took out, so that "reproducible" is not read as judging it; as of before, nothing was.
        Assert.Equal([(baseModel, tune, RelationKind.InputTo, retiredAt)], now.RetiredUpstream!.Select(e => (e.From, e.To, e.Relation, e.RetiredAt)));
        Assert.Empty(then.RetiredUpstream!);
        Assert.Empty((await Reports.ProvenanceAsync(tuned, maxDepth: 1)).RetiredUpstream!);
        Assert.Equal([("UNVERSIONED_INPUT", (EntityKey?)pretrain, (EntityKey?)corpus)], then.Issues.Select(i => (i.Code, i.Run, i.Input)));
        Assert.Contains(then.Walk.Nodes, n => n.Entity.Key == baseModel);
        Assert.Empty((await Reports.ImpactAsync(corpus)).Models);
        Assert.Equal([baseModel, tuned], (await Reports.ImpactAsync(corpus, asOf: before)).Models.Select(n => n.Entity.Key));
    }

    [SkippableFact]
    public async Task Diff_names_an_input_read_with_a_role_on_one_side_and_without_one_on_the_other_changed()
    {
        var features = Graphs.Dataset("features", "v1");
        var models = new List<EntityKey>();
        foreach (var (n, role) in new[] { (1, "training"), (2, (string?)null) })
        {
            var model = Graphs.Model("fraud", $"{n}");
            await Store.WriteAsync(new RunRecord
            {
                JobNamespace = "jobs",
                JobName = "train",
                RunId = Guid.Parse(Graphs.RunId(n)),
                Inputs = [new RunInput(features, role)],
                Outputs = [model],
            }.ToBatch());
            models.Add(model);
        }

        var input = Assert.Single((await Reports.DiffAsync(models[0], models[1])).Inputs, i => i.Name == "features");

        Assert.Equal(
            (ChangeKind.Changed, "v1", "v1", "training", ""),
            (input.Change, string.Join(",", input.VersionsA), string.Join(",", input.VersionsB), string.Join(",", input.RolesA), string.Join(",", input.RolesB)));
    }

    [SkippableFact]
    public async Task Diff_takes_a_hyperparameter_two_sets_give_two_values_from_the_set_whose_key_sorts_first()
    {
        // Model 1's run is configured with two sets that both name the learning rate; model 2's with one.
        var (slow, fast, other) = (Graphs.Map(("learning_rate", "0.1"), ("depth", "6")), Graphs.Map(("learning_rate", "0.5")), Graphs.Map(("learning_rate", "0.3")));
        var (first, second) = string.CompareOrdinal(HyperparameterSets.KeyFor(slow).ToString(), HyperparameterSets.KeyFor(fast).ToString()) < 0 ? (slow, fast) : (fast, slow);
        var (runA, runB, modelA, modelB) = (Graphs.Run("train", 1), Graphs.Run("train", 2), Graphs.Model("m", "1"), Graphs.Model("m", "2"));

        // The set that sorts second is written and linked first, so that the order of writing decides nothing.
        await Store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                HyperparameterSets.InputFor(second), HyperparameterSets.InputFor(first), HyperparameterSets.InputFor(other),
                .. new[] { runA, runB, modelA, modelB }.Select(Graphs.Entity),
            ],
            Edges =
            [
                Graphs.Edge(HyperparameterSets.KeyFor(second), runA, RelationKind.Configured), Graphs.Edge(HyperparameterSets.KeyFor(first), runA, RelationKind.Configured),
                Graphs.Edge(HyperparameterSets.KeyFor(other), runB, RelationKind.Configured),
                Graphs.Edge(runA, modelA, RelationKind.Produced), Graphs.Edge(runB, modelB, RelationKind.Produced),
            ],
        });

        var diff = await Reports.DiffAsync(modelA, modelB);

        Assert.Equal(
            [("depth", ChangeKind.Removed, "6", null), ("learning_rate", ChangeKind.Changed, first["learning_rate"].GetRawText(), "0.3")],
            diff.Hyperparameters.Select(h => (h.Name, h.Change, h.A?.GetRawText(), h.B?.GetRawText())));
    }

    [SkippableFact]
    public async Task Diff_takes_the_metrics_of_the_latest_evaluation_run_when_none_completed()
    {
        // Each run that sorts last by key is the earlier one, so only the times can pick the later run.
        var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (one, two) = (Graphs.Model("scored", "1"), Graphs.Model("scored", "2"));
        var (laterOfOne, earlierOfOne, laterOfTwo, earlierOfTwo) =
            (Graphs.Run("grade", 1, "eval"), Graphs.Run("grade", 2, "eval"), Graphs.Run("grade", 3, "eval"), Graphs.Run("grade", 4, "eval"));
        static EntityInput Evaluation(EntityKey key, string status, DateTimeOffset? started, DateTimeOffset? ended, double score) => new()
        {
            Key = key,
            Fields = new RunFields
            {
                RunType = RunType.Evaluation,
                Status = status,
                StartedAt = started,
                EndedAt = ended,
                Metrics = new Dictionary<string, double> { ["score"] = score },
            },
        };

        await Store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                Graphs.Entity(one), Graphs.Entity(two),
                Evaluation(laterOfOne, "RUNNING", day.AddDays(2), null, 0.3), Evaluation(earlierOfOne, "RUNNING", day.AddDays(1), null, 0.2),
                Evaluation(laterOfTwo, "RUNNING", day.AddDays(3), null, 0.6), Evaluation(earlierOfTwo, "FAIL", day, day.AddDays(1), 0.5),
            ],
            Edges =
            [
                Graphs.Edge(one, laterOfOne, RelationKind.InputTo), Graphs.Edge(one, earlierOfOne, RelationKind.InputTo),
                Graphs.Edge(two, laterOfTwo, RelationKind.InputTo), Graphs.Edge(two, earlierOfTwo, RelationKind.InputTo),
            ],
        });

        var diff = await Reports.DiffAsync(one, two);

        Assert.Equal(
            [new MetricChange("job:eval:grade", "score", ChangeKind.Changed, 0.3, 0.6, 0.3) { RunA = laterOfOne, RunB = laterOfTwo }],
            diff.Metrics);
    }

    [SkippableFact]
    public async Task Writing_a_current_edge_again_with_another_role_and_properties_keeps_the_first_ones()
    {
        var (data, run) = (Graphs.Dataset("events"), Graphs.Run("train", 1));
        await WriteGraphAsync([data, run], new EdgeInput(data, run, RelationKind.InputTo) { Role = "training", Properties = Graphs.Map(("columns", "[\"amount\"]")) });
        var recorded = Clock.GetUtcNow();
        Tick();

        var again = await WriteEdgesAsync(new EdgeInput(data, run, RelationKind.InputTo)
        {
            Role = "validation",
            Properties = Graphs.Map(("columns", "[\"ts\"]"), ("sample", "0.5")),
        });

        Assert.Equal(new WriteResult(0, 0, 0, 0, 1), again);
        var edge = Assert.Single((await WalkAsync(data, Direction.Downstream)).Edges);
        Assert.Equal(("training", "{\"columns\":[\"amount\"]}", recorded), (edge.Role, Json(edge.Properties), edge.RecordedAt));
    }

    [SkippableFact]
    public async Task An_unknown_input_role_or_a_role_on_another_relation_is_refused_naming_the_edge_and_changes_nothing()
    {
        var (data, other, run) = (Graphs.Dataset("events"), Graphs.Dataset("other"), Graphs.Run("train", 1));
        await WriteGraphAsync([data, other, run]);
        var before = await SnapshotAsync(data, other);

        var unknown = await Assert.ThrowsAsync<InvalidInputException>(() => WriteEdgesAsync(
            Graphs.Edge(data, other), new EdgeInput(data, run, RelationKind.InputTo) { Role = "holdout" }));
        var misplaced = await Assert.ThrowsAsync<InvalidInputException>(() => WriteEdgesAsync(
            new EdgeInput(other, run, RelationKind.InputTo), new EdgeInput(data, other, RelationKind.Derives) { Role = "training" }));

        Assert.Equal((ErrorCodes.InvalidInput, "edges[1]"), (unknown.Code, unknown.Item));
        Assert.Contains("'holdout'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal((ErrorCodes.InvalidInput, "edges[1]"), (misplaced.Code, misplaced.Item));
        Assert.Contains("DERIVES", misplaced.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(data, other));
    }

    [SkippableTheory]
    [InlineData(RelationKind.InputTo)]
    [InlineData(RelationKind.Produced)]
    [InlineData(RelationKind.ExecutedIn)]
    [InlineData(RelationKind.Configured)]
    [InlineData(RelationKind.Derives)]
    [InlineData(RelationKind.DeployedAs)]
    [InlineData(RelationKind.NextVersion)]
    [InlineData(RelationKind.InstanceOf)]
    [InlineData(RelationKind.ChildOf)]
    public async Task A_relation_joins_exactly_the_kinds_the_model_page_lists_and_refuses_every_other_pair(RelationKind relation)
    {
        // Each kind's ends are the most a relation can ask of them: the to-end is the next version of the
        // from-end, and the to-job is the one the run's key names, so that only the kinds decide.
        var kinds = Enum.GetValues<EntityKind>();
        var ends = kinds.ToDictionary(k => k, k => (From: RelationEnd(k, from: true), To: RelationEnd(k, from: false)));
        await WriteAsync([.. ends.Values.SelectMany(e => new[] { e.From, e.To }).DistinctBy(e => e.Key)], []);
        var (allowedFrom, allowedTo) = ModelRelationTable[relation];

        var expected = new List<string>();
        var actual = new List<string>();
        foreach (var from in kinds)
        {
            foreach (var to in kinds)
            {
                var allowed = allowedFrom.Contains(from) && allowedTo.Contains(to) && (relation != RelationKind.NextVersion || from == to);
                expected.Add($"{from} {relation} {to}: " + (allowed ? "accepted" : "INVALID_RELATION edges[0]"));
                try
                {
                    await WriteEdgesAsync(new EdgeInput(ends[from].From.Key, ends[to].To.Key, relation));
                    actual.Add($"{from} {relation} {to}: accepted");
                }
                catch (LineageException ex)
                {
                    actual.Add($"{from} {relation} {to}: {ex.Code} {ex.Item}");
                }
            }
        }

        Assert.Equal(expected, actual);
    }

    /// <summary>An entity of a kind to start or end an edge at (see the relation table test).</summary>
    private static EntityInput RelationEnd(EntityKind kind, bool from) => kind switch
    {
        EntityKind.Run => Graphs.Entity(Graphs.Run("a", from ? 1 : 2)),
        EntityKind.Job => Graphs.Entity(Graphs.Job(from ? "b" : "a")),
        EntityKind.HyperparameterSet => HyperparameterSets.InputFor(Graphs.Map(("name", from ? "\"a\"" : "\"b\""))),
        _ => Graphs.Entity(EntityKey.Create(kind, "ns", "a", from ? "1" : "2")),
    };
}
