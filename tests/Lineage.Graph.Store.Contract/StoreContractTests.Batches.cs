using System.Text.Json;
using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// lineage-model.md, "Relations" and "Writing": edges, endpoint checks and atomic batches.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Edge_is_recorded_at_the_clock_time_with_its_role_and_properties()
    {
        var (data, run) = (Graphs.Dataset("events"), Graphs.Run("train", 1));
        await WriteGraphAsync([data, run]);
        var now = Tick(3);

        var result = await WriteEdgesAsync(new EdgeInput(data, run, RelationKind.InputTo)
        {
            Role = "TRAINING",
            Properties = Graphs.Map(("columns", "[\"amount\",\"ts\"]"), ("sample", "{\"fraction\":0.5}")),
        });

        Assert.Equal(new WriteResult(0, 0, 0, 1, 0), result);
        var edge = Assert.Single((await WalkAsync(data, Direction.Downstream)).Edges);
        Assert.Equal((data, run, RelationKind.InputTo), (edge.From, edge.To, edge.Relation));
        Assert.Equal("training", edge.Role);
        Assert.Equal("{\"columns\":[\"amount\",\"ts\"],\"sample\":{\"fraction\":0.5}}", Json(edge.Properties));
        Assert.Equal(now, edge.RecordedAt);
        Assert.Null(edge.RetiredAt);
    }

    [SkippableFact]
    public async Task Writing_a_current_edge_again_is_a_no_op()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        var recorded = Tick();
        await WriteGraphAsync([a, b], Graphs.Edge(a, b));
        Tick(30);

        var again = await WriteEdgesAsync(Graphs.Edge(a, b));
        var replay = await WriteGraphAsync([a, b], Graphs.Edge(a, b));

        Assert.Equal(new WriteResult(0, 0, 0, 0, 1), again);
        Assert.Equal(new WriteResult(0, 0, 2, 0, 1), replay);
        var edge = Assert.Single((await WalkAsync(a, Direction.Downstream)).Edges);
        Assert.Equal(recorded, edge.RecordedAt);
    }

    [SkippableFact]
    public async Task An_entity_named_twice_in_a_batch_is_counted_once_by_where_the_batch_leaves_it()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        await WriteGraphAsync([a]);

        // a: its first input changes nothing, its second its description; b: new, named twice.
        var result = await Store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = a }, new EntityInput { Key = b }, new EntityInput { Key = a, Description = "second" }, new EntityInput { Key = b }],
        });

        Assert.Equal(new WriteResult(1, 1, 0, 0, 0), result);
        Assert.Equal("second", (await Store.GetAsync(a))?.Description);
    }

    [SkippableFact]
    public async Task The_same_edge_twice_in_one_batch_is_one_edge()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));

        var result = await WriteGraphAsync([a, b], Graphs.Edge(a, b), Graphs.Edge(a, b));

        Assert.Equal(new WriteResult(2, 0, 0, 1, 1), result);
        Assert.Single((await WalkAsync(a, Direction.Downstream)).Edges);
    }

    [SkippableFact]
    public async Task Edges_with_the_same_ends_and_different_relations_are_different_edges()
    {
        var (v1, v2) = (Graphs.Model("fraud", "1"), Graphs.Model("fraud", "2"));

        var result = await WriteGraphAsync([v1, v2], Graphs.Edge(v1, v2, RelationKind.NextVersion), Graphs.Edge(v1, v2));

        Assert.Equal(new WriteResult(2, 0, 0, 2, 0), result);
        var walk = await WalkAsync(v1, Direction.Downstream, relations: Relations.All);
        Assert.Equal(
            [Graphs.Describe(v1, v2, RelationKind.Derives), Graphs.Describe(v1, v2, RelationKind.NextVersion)],
            EdgesOf(walk));
    }

    [SkippableFact]
    public async Task Edge_may_join_an_entity_of_the_same_batch_to_a_stored_one()
    {
        var (stored, run) = (Graphs.Dataset("stored"), Graphs.Run("train", 1));
        await WriteAsync(Graphs.Entity(stored));

        var result = await WriteAsync([Graphs.Entity(run)], [new EdgeInput(stored, run, RelationKind.InputTo)]);

        Assert.Equal(new WriteResult(1, 0, 0, 1, 0), result);
        var walk = await WalkAsync(stored, Direction.Downstream);
        Assert.Equal([(run.ToString(), 1)], NodesOf(walk));
    }

    [SkippableFact]
    public async Task Edge_may_name_entities_that_come_later_in_the_same_batch()
    {
        var (run, output) = (Graphs.Run("train", 1), Graphs.Model("fraud"));

        var result = await Store.WriteAsync(new WriteBatch
        {
            Edges = [new EdgeInput(run, output, RelationKind.Produced)],
            Entities = [Graphs.Entity(output), Graphs.Entity(run)],
        });

        Assert.Equal(new WriteResult(2, 0, 0, 1, 0), result);
        Assert.Equal([(run.ToString(), 1)], NodesOf(await WalkAsync(output, Direction.Upstream)));
    }

    [SkippableFact]
    public async Task Edge_to_an_unknown_entity_fails_with_not_found_and_stores_nothing()
    {
        var (run, unknown) = (Graphs.Run("train", 1), Graphs.Dataset("unknown"));

        var ex = await Assert.ThrowsAsync<NotFoundException>(() =>
            WriteAsync([Graphs.Entity(run)], [new EdgeInput(unknown, run, RelationKind.InputTo)]));

        Assert.Equal(ErrorCodes.NotFound, ex.Code);
        Assert.StartsWith("edges[0]", ex.Item, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(run));
        Assert.Equal(0, (await Store.ListAsync(new EntityQuery())).TotalCount);
    }

    public static TheoryData<EntityKind, RelationKind, EntityKind> WrongKinds => new()
    {
        { EntityKind.Run, RelationKind.Produced, EntityKind.Run },
        { EntityKind.Run, RelationKind.Produced, EntityKind.Deployment },
        { EntityKind.CodeVersion, RelationKind.InputTo, EntityKind.Run },
        { EntityKind.Dataset, RelationKind.InputTo, EntityKind.Model },
        { EntityKind.Dataset, RelationKind.ExecutedIn, EntityKind.Run },
        { EntityKind.Dataset, RelationKind.Configured, EntityKind.Run },
        { EntityKind.Run, RelationKind.Derives, EntityKind.Dataset },
        { EntityKind.Model, RelationKind.Derives, EntityKind.Run },
        { EntityKind.Dataset, RelationKind.DeployedAs, EntityKind.Deployment },
        { EntityKind.Model, RelationKind.DeployedAs, EntityKind.Dataset },
        { EntityKind.Job, RelationKind.InstanceOf, EntityKind.Run },
        { EntityKind.Run, RelationKind.ChildOf, EntityKind.Job },
        { EntityKind.Dataset, RelationKind.NextVersion, EntityKind.Feature },
    };

    [SkippableTheory]
    [MemberData(nameof(WrongKinds))]
    public async Task Edge_between_kinds_its_relation_cannot_join_fails_with_invalid_relation(
        EntityKind from, RelationKind relation, EntityKind to)
    {
        var (fromKey, toKey) = (Graphs.Key(from, "from"), Graphs.Key(to, "to"));

        // The endpoints are in the batch, so the only fault is the relation.
        var ex = await Assert.ThrowsAsync<InvalidRelationException>(() =>
            WriteAsync([Graphs.Input(from, "from"), Graphs.Input(to, "to")], [new EdgeInput(fromKey, toKey, relation)]));

        Assert.Equal(ErrorCodes.InvalidRelation, ex.Code);
        Assert.StartsWith("edges[0]", ex.Item, StringComparison.Ordinal);
        Assert.Equal(0, (await Store.ListAsync(new EntityQuery())).TotalCount);
    }

    [SkippableFact]
    public async Task Edge_between_wrong_kinds_is_rejected_before_its_ends_are_looked_up()
    {
        var ex = await Assert.ThrowsAsync<InvalidRelationException>(() =>
            WriteEdgesAsync(new EdgeInput(Graphs.Run("a", 1), Graphs.Run("b", 2), RelationKind.Produced)));

        Assert.Equal(ErrorCodes.InvalidRelation, ex.Code);
    }

    [SkippableFact]
    public async Task Next_version_must_join_two_versions_of_the_same_entity()
    {
        var (a1, b2) = (Graphs.Dataset("a", "1"), Graphs.Dataset("b", "2"));

        var ex = await Assert.ThrowsAsync<InvalidRelationException>(() =>
            WriteGraphAsync([a1, b2], Graphs.Edge(a1, b2, RelationKind.NextVersion)));

        Assert.Equal(ErrorCodes.InvalidRelation, ex.Code);
        Assert.Null(await Store.GetAsync(a1));
    }

    [SkippableFact]
    public async Task Instance_of_another_job_and_a_run_its_own_parent_are_refused_naming_the_edge_and_store_nothing()
    {
        var (run, otherJob, data) = (Graphs.Run("train", 1), Graphs.Job("evaluate"), Graphs.Dataset("a"));

        var instance = await Assert.ThrowsAsync<InvalidRelationException>(() =>
            WriteGraphAsync([run, otherJob, data], Graphs.Edge(data, run, RelationKind.InputTo), Graphs.Edge(run, otherJob, RelationKind.InstanceOf)));
        var parent = await Assert.ThrowsAsync<InvalidRelationException>(() =>
            WriteGraphAsync([run, data], Graphs.Edge(data, run, RelationKind.InputTo), Graphs.Edge(run, run, RelationKind.ChildOf)));

        Assert.Equal(("edges[1]", "edges[1]"), (instance.Item, parent.Item));
        Assert.Contains("INSTANCE_OF joins a run to the job its key names", instance.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(run));
        Assert.Null(await Store.GetAsync(data));
    }

    [SkippableFact]
    public async Task Batch_with_a_bad_entity_stores_nothing_and_names_the_entity()
    {
        var graph = new MlGraph();
        await Store.WriteAsync(graph.Batch);
        var before = await SnapshotAsync(graph.RawEvents, graph.Model);
        Tick();
        var added = Graphs.Dataset("extra");

        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => WriteAsync(
            [
                new() { Key = graph.Model, Description = "changed" },
                Graphs.Entity(added),
                new() { Key = Graphs.Model("wrong-fields"), Fields = new DatasetFields { RowCount = 1 } },
            ],
            [new EdgeInput(added, graph.TrainRun, RelationKind.InputTo)]));

        Assert.Equal(ErrorCodes.InvalidInput, ex.Code);
        Assert.Equal("entities[2]", ex.Item);
        Assert.Equal(before, await SnapshotAsync(graph.RawEvents, graph.Model));
        Assert.Null(await Store.GetAsync(added));
    }

    [SkippableFact]
    public async Task Batch_with_text_a_store_cannot_keep_as_sent_stores_nothing_and_names_the_entity()
    {
        var graph = new MlGraph();
        await Store.WriteAsync(graph.Batch);
        var before = await SnapshotAsync(graph.RawEvents, graph.Model);
        Tick();
        var added = Graphs.Dataset("extra");
        using var malformed = JsonDocument.Parse("""{"facet":{"v":["ok","\ud800"]}}""");

        foreach (var bad in new EntityInput[]
        {
            new() { Key = Graphs.Dataset("lone"), Description = "x\ud800y" },
            new() { Key = Graphs.Dataset("lone"), Tags = ["t\udc00"] },
            new() { Key = Graphs.Dataset("lone"), Properties = new Dictionary<string, JsonElement> { ["p"] = malformed.RootElement.Clone() } },
            new() { Key = Graphs.Model("lone"), Fields = new ModelFields { Stage = "s\ud800" } },
            new() { Key = Graphs.Model("lone"), Fields = new ModelFields { Metrics = new Dictionary<string, double> { ["auc"] = double.PositiveInfinity } } },
        })
        {
            var ex = await Assert.ThrowsAsync<InvalidInputException>(() => WriteAsync([new() { Key = graph.Model, Description = "changed" }, Graphs.Entity(added), bad], []));
            Assert.Equal("entities[2]", ex.Item);
        }

        Assert.Equal(before, await SnapshotAsync(graph.RawEvents, graph.Model));
        Assert.Null(await Store.GetAsync(added));
    }

    [SkippableFact]
    public async Task A_property_nested_to_the_documented_depth_reads_back_as_written()
    {
        // Each {"a":[ opens two levels: MaxPropertyDepth levels in all.
        var json = string.Concat(Enumerable.Repeat("{\"a\":[", JsonText.MaxPropertyDepth / 2)) + "\"日本\ud83d\ude00\"" + string.Concat(Enumerable.Repeat("]}", JsonText.MaxPropertyDepth / 2));
        using var deep = JsonDocument.Parse(json);
        var key = Graphs.Dataset("deep");

        await WriteAsync(new EntityInput { Key = key, Properties = new Dictionary<string, JsonElement> { ["p"] = deep.RootElement.Clone() } });

        Assert.Equal(Json(new Dictionary<string, JsonElement> { ["p"] = deep.RootElement }), Json((await GetRequiredAsync(key)).Properties));
    }

    [SkippableFact]
    public async Task Batch_with_an_edge_to_an_unknown_entity_stores_nothing_and_names_the_edge()
    {
        var graph = new MlGraph();
        await Store.WriteAsync(graph.Batch);
        var before = await SnapshotAsync(graph.RawEvents, graph.Model);
        Tick();
        var (added, unknown) = (Graphs.Dataset("extra"), Graphs.Dataset("unknown"));

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => WriteAsync(
            [new() { Key = graph.Model, Description = "changed", Tags = ["new"] }, Graphs.Entity(added)],
            [
                new EdgeInput(added, graph.TrainRun, RelationKind.InputTo),
                new EdgeInput(unknown, graph.TrainRun, RelationKind.InputTo),
                new EdgeInput(graph.Model, Graphs.Deployment("canary"), RelationKind.DeployedAs),
            ]));

        Assert.Equal(ErrorCodes.NotFound, ex.Code);
        Assert.StartsWith("edges[1]", ex.Item, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(graph.RawEvents, graph.Model));
        Assert.Null(await Store.GetAsync(added));
        Assert.Equal("Fraud detector", (await GetRequiredAsync(graph.Model)).Description);
    }

    [SkippableFact]
    public async Task Batch_with_an_edge_of_the_wrong_kinds_stores_nothing_and_names_the_edge()
    {
        var graph = new MlGraph();
        await Store.WriteAsync(graph.Batch);
        var before = await SnapshotAsync(graph.RawEvents, graph.Model);
        Tick();
        var added = Graphs.Dataset("extra");

        var ex = await Assert.ThrowsAsync<InvalidRelationException>(() => WriteAsync(
            [Graphs.Entity(added)],
            [new EdgeInput(added, graph.TrainRun, RelationKind.InputTo), new EdgeInput(graph.TrainCode, graph.Model, RelationKind.ExecutedIn)]));

        Assert.Equal(ErrorCodes.InvalidRelation, ex.Code);
        Assert.StartsWith("edges[1]", ex.Item, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(graph.RawEvents, graph.Model));
    }

    [SkippableFact]
    public async Task The_error_names_the_first_bad_item_when_a_later_one_fails_checks_that_need_no_store()
    {
        // The later items fail checks made before the store is read; the earlier ones only against
        // what the store holds (lineage-model.md: "the error names the first bad item").
        var graph = new MlGraph();
        await Store.WriteAsync(graph.Batch);
        var retired = Graphs.Dataset("retired");
        await WriteGraphAsync([retired]);
        Tick();
        await Store.RetireAsync(new RetireRequest { Entities = [retired] });
        var before = await SnapshotAsync(graph.RawEvents, graph.Model);
        Tick();
        var (added, unknown) = (Graphs.Dataset("extra"), Graphs.Dataset("unknown"));
        var wrongFields = new EntityInput { Key = Graphs.Model("wrong-fields"), Fields = new DatasetFields { RowCount = 1 } };

        var entity = await Assert.ThrowsAsync<EntityRetiredException>(() => WriteAsync(
            [Graphs.Entity(added), new() { Key = retired, Description = "again" }, wrongFields],
            [new EdgeInput(graph.TrainCode, graph.Model, RelationKind.ExecutedIn)]));
        var edge = await Assert.ThrowsAsync<NotFoundException>(() => WriteAsync(
            [Graphs.Entity(added)],
            [new EdgeInput(added, graph.TrainRun, RelationKind.InputTo), new EdgeInput(unknown, graph.TrainRun, RelationKind.InputTo), new EdgeInput(graph.TrainCode, graph.Model, RelationKind.ExecutedIn)]));
        var edgeEnd = await Assert.ThrowsAsync<EntityRetiredException>(() => WriteAsync(
            [],
            [new EdgeInput(retired, graph.TrainRun, RelationKind.InputTo), new EdgeInput(graph.Model, graph.Model, RelationKind.InputTo)]));

        Assert.Equal("entities[1]", entity.Item);
        Assert.Equal("edges[1].from", edge.Item);
        Assert.Equal("edges[0].from", edgeEnd.Item);
        Assert.Equal(before, await SnapshotAsync(graph.RawEvents, graph.Model));
        Assert.Null(await Store.GetAsync(added));

        // With the earlier items good, the later item's own error is the batch's.
        var relation = await Assert.ThrowsAsync<InvalidRelationException>(() => WriteAsync(
            [Graphs.Entity(added)],
            [new EdgeInput(added, graph.TrainRun, RelationKind.InputTo), new EdgeInput(graph.TrainCode, graph.Model, RelationKind.ExecutedIn)]));
        Assert.StartsWith("edges[1]", relation.Item, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(graph.RawEvents, graph.Model));
    }

    [SkippableFact]
    public async Task A_batch_refused_after_its_items_stores_nothing_and_names_its_first_bad_item()
    {
        // What a reader of the caller's input hands on when it refused an item after these (WriteBatch.Refused).
        var graph = new MlGraph();
        await Store.WriteAsync(graph.Batch);
        var before = await SnapshotAsync(graph.RawEvents, graph.Model);
        Tick();
        var added = Graphs.Dataset("extra");
        var refused = new InvalidKeyException("A Dataset version cannot be empty.", "entities[2].key");

        var thrown = await Assert.ThrowsAsync<InvalidKeyException>(() => Store.WriteAsync(new WriteBatch
        {
            Entities = [Graphs.Entity(added), new() { Key = graph.Model, Description = "changed" }],
            Refused = refused,
        }));
        var earlier = await Assert.ThrowsAsync<NotFoundException>(() => Store.WriteAsync(new WriteBatch
        {
            Entities = [Graphs.Entity(added)],
            Edges = [new EdgeInput(Graphs.Dataset("unknown"), graph.TrainRun, RelationKind.InputTo)],
            Refused = refused,
        }));

        Assert.Same(refused, thrown);
        Assert.Equal("edges[0].from", earlier.Item);
        Assert.Equal(before, await SnapshotAsync(graph.RawEvents, graph.Model));
        Assert.Null(await Store.GetAsync(added));
    }

    [SkippableFact]
    public async Task A_failed_batch_can_be_corrected_and_written_again()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        await Assert.ThrowsAsync<NotFoundException>(() => WriteGraphAsync([a], Graphs.Edge(a, b)));

        var result = await WriteGraphAsync([a, b], Graphs.Edge(a, b));

        Assert.Equal(new WriteResult(2, 0, 0, 1, 0), result);
        Assert.Equal([(b.ToString(), 1)], NodesOf(await WalkAsync(a, Direction.Downstream)));
    }
}
