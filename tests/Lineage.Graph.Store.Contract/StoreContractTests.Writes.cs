using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// lineage-model.md, "Writing": upserts, idempotent replays, times from the injected clock.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Write_creates_an_entity_recorded_at_the_clock_time()
    {
        var now = Tick(5);
        var input = new EntityInput
        {
            Key = Graphs.Dataset("events"),
            Description = "Click events",
            Tags = ["raw", "pii"],
            Owners = ["data-platform"],
            Properties = Graphs.Map(("retention", "\"30d\""), ("partitions", "[1,2,3]")),
            Fields = new DatasetFields { RowCount = 42, ContentHash = "sha256:abc", Uri = "s3://lake/events" },
        };

        var result = await WriteAsync(input);

        Assert.Equal(new WriteResult(1, 0, 0, 0, 0), result);
        AssertStored(input, await GetRequiredAsync(input.Key), now);
    }

    [SkippableFact]
    public async Task Typed_fields_with_any_text_read_back_as_written_by_every_read()
    {
        const string Hostile = "名前 \"quoted\" back\\slash \ttab \u0001 é 🚀 </script> ' OR 1=1 --";
        var (a, b) = (Graphs.Dataset("hostile-fields"), Graphs.Dataset("reader"));
        var input = new EntityInput
        {
            Key = a,
            // A schema field is named as a property is, without control characters; its type and description take any text.
            Fields = new DatasetFields
            {
                Schema = [new(Hostile.Replace("\t", "", StringComparison.Ordinal).Replace("\u0001", "", StringComparison.Ordinal), Hostile, Hostile), new("ü")],
                Uri = "s3://lake/ñ/" + Hostile,
                ContentHash = Hostile,
            },
        };
        await WriteAsync([input, Graphs.Entity(b)], [Graphs.Edge(a, b)]);

        var now = Clock.GetUtcNow();
        AssertStored(input, await GetRequiredAsync(a), now);
        AssertStored(input, Assert.Single((await WalkAsync(b, Direction.Upstream)).Nodes).Entity, now);
        AssertStored(input, Assert.Single(await ListAllAsync(new EntityQuery { Name = "hostile-fields" })), now);
    }

    [SkippableFact]
    public async Task Write_stores_the_typed_fields_of_every_kind()
    {
        var graph = new MlGraph();
        var started = new DateTimeOffset(2025, 12, 31, 22, 0, 0, TimeSpan.Zero);
        var extra = new EntityInput[]
        {
            new() { Key = Graphs.Job("nightly"), Description = "A job has no typed fields" },
            new()
            {
                Key = Graphs.Run("nightly", 99),
                Fields = new RunFields
                {
                    RunType = RunType.Inference,
                    Status = "FAIL",
                    StartedAt = started,
                    EndedAt = started.AddMinutes(90),
                    Metrics = new Dictionary<string, double> { ["latency_p99"] = 0.25 },
                },
            },
            new()
            {
                Key = Graphs.Deployment("fraud-api", "rev-2", "staging"),
                Fields = new DeploymentFields { Status = "ROLLED_BACK", DeployedAt = started },
            },
            new()
            {
                Key = Graphs.Dataset("typed"),
                Fields = new DatasetFields { Schema = [new("id", "bigint", "primary key"), new("payload")], RowCount = 0 },
            },
        };
        var now = Tick();

        await WriteAsync([.. graph.Entities, .. extra], []);

        foreach (var input in graph.Entities.Concat(extra))
        {
            AssertStored(input, await GetRequiredAsync(input.Key), now);
        }
    }

    [SkippableFact]
    public async Task Upsert_keeps_identity_and_recorded_at_and_moves_updated_at()
    {
        var key = Graphs.Model("fraud");
        var recorded = Tick();
        await WriteAsync(new EntityInput { Key = key, Description = "first" });
        var updated = Tick(10);

        var result = await WriteAsync(new EntityInput { Key = key, Description = "second" });

        var entity = await GetRequiredAsync(key);
        Assert.Equal(new WriteResult(0, 1, 0, 0, 0), result);
        Assert.Equal(key, entity.Key);
        Assert.Equal("second", entity.Description);
        Assert.Equal(recorded, entity.RecordedAt);
        Assert.Equal(updated, entity.UpdatedAt);
        Assert.Null(entity.RetiredAt);
        Assert.Equal(1, (await Store.ListAsync(new EntityQuery())).TotalCount);
    }

    [SkippableFact]
    public async Task Upsert_merges_properties_by_top_level_name()
    {
        var key = Graphs.Dataset("events");
        await WriteAsync(new EntityInput
        {
            Key = key,
            Properties = Graphs.Map(("owner_team", "\"fraud\""), ("facets", "{\"a\":1,\"b\":2}"), ("kept", "true")),
        });
        Tick();

        await WriteAsync(new EntityInput
        {
            Key = key,
            Properties = Graphs.Map(("facets", "{\"c\":3}"), ("added", "[1,\"two\",null]"), ("owner_team", "\"risk\"")),
        });

        var entity = await GetRequiredAsync(key);
        Assert.Equal(
            "{\"added\":[1,\"two\",null],\"facets\":{\"c\":3},\"kept\":true,\"owner_team\":\"risk\"}",
            Json(entity.Properties));
    }

    [SkippableFact]
    public async Task Upsert_removes_the_properties_it_names_and_a_replay_changes_nothing()
    {
        var key = Graphs.Dataset("events");
        await WriteAsync(new EntityInput { Key = key, Properties = Graphs.Map(("wrong", "1"), ("kept", "2")) });
        var before = await GetRequiredAsync(key);
        Tick();

        var removal = new EntityInput { Key = key, Properties = Graphs.Map(("added", "3")), RemoveProperties = ["wrong", "never-stored"] };
        var first = await WriteAsync(removal);
        var removedAt = Clock.GetUtcNow();
        Tick();
        var replay = await WriteAsync(removal);

        Assert.Equal(new WriteResult(0, 1, 0, 0, 0), first);
        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), replay);
        var entity = await GetRequiredAsync(key);
        Assert.Equal("{\"added\":3,\"kept\":2}", Json(entity.Properties));
        Assert.Equal(removedAt, entity.UpdatedAt);
        Assert.Equal(before.RecordedAt, entity.RecordedAt);
    }

    [SkippableFact]
    public async Task A_batch_that_sets_and_removes_one_property_is_refused_whole()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => WriteAsync(
            [Graphs.Entity(a), new EntityInput { Key = b, Properties = Graphs.Map(("x", "1")), RemoveProperties = ["x"] }], []));

        Assert.Equal("entities[1]", error.Item);
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(a));
    }

    [SkippableFact]
    public async Task An_observed_time_more_than_a_day_after_the_clock_is_refused_and_stores_nothing()
    {
        // A later observedAt wins every merge: one in 9999 would hide every true report after it.
        var (a, b, c) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"));
        var now = Clock.GetUtcNow();
        EntityInput Observed(EntityKey key, DateTimeOffset at) => new() { Key = key, Properties = Graphs.Map(("observedAt", $"\"{Texts.Instant(at)}\"")) };

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => WriteAsync(
            [Observed(a, now.AddDays(1)), Observed(b, now.AddDays(1).AddSeconds(1))], []));

        Assert.Equal("entities[1]", error.Item);
        Assert.Contains("more than a day after the store's clock", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(a));

        // A day ahead, the most a producer's skew or a local time sent as UTC needs, is taken.
        await WriteAsync(Observed(a, now.AddDays(1)), Observed(c, now.AddYears(-5)));
        Assert.NotNull(await Store.GetAsync(a));
    }

    [SkippableFact]
    public async Task Properties_that_would_grow_past_the_cap_are_refused_and_store_nothing()
    {
        // Properties merge by name, so writes each within every bound could grow one entity without end.
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        var half = $"\"{new string('x', (EntityMerge.MaxEntityBytes / 2) + 1)}\"";
        EntityInput Part(EntityKey key, string name) => new() { Key = key, Properties = Graphs.Map((name, half)) };
        await WriteAsync(Part(a, "first"));
        var before = await SnapshotAsync();

        var error = await Assert.ThrowsAsync<LimitExceededException>(() => WriteAsync([Graphs.Entity(b), Part(a, "second")], []));

        Assert.Equal("entities[1]", error.Item);
        Assert.Contains($"more than the {EntityMerge.MaxEntityBytes} (16 MiB) an entity may hold with what it has stored", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());

        // The same in one new entity, however it is split among names.
        var whole = await Assert.ThrowsAsync<LimitExceededException>(() => WriteAsync(
            new EntityInput { Key = b, Properties = Graphs.Map(("first", half), ("second", half)) }));
        Assert.Equal("entities[0]", whole.Item);
        Assert.Equal(before, await SnapshotAsync());

        // A replay changes nothing and is no growth; a write that removes as much as it adds is within the cap.
        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), await WriteAsync(Part(a, "first")));
        await WriteAsync(Part(a, "second") with { RemoveProperties = ["first"] });
        Assert.Equal(["second"], (await GetRequiredAsync(a)).Properties.Keys);
    }

    [SkippableFact]
    public async Task Concurrent_upserts_of_one_entity_each_keep_their_change()
    {
        // Each write merges into what it finds stored; a store that merged into a stale read
        // (another writer's change landing in between) would lose that change.
        var key = Graphs.Dataset("events");
        await WriteAsync(new EntityInput { Key = key });
        const int writers = 16;

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => Store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = key, Properties = Graphs.Map(($"writer_{i:D2}", i.ToString(System.Globalization.CultureInfo.InvariantCulture))) }],
        }))));

        Assert.All(results, r => Assert.Equal(1, r.EntitiesUpdated));
        var entity = await GetRequiredAsync(key);
        Assert.Equal(Enumerable.Range(0, writers).Select(i => $"writer_{i:D2}"), entity.Properties.Keys.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Upsert_merges_typed_fields_field_by_field()
    {
        var key = Graphs.Model("fraud");
        await WriteAsync(new EntityInput
        {
            Key = key,
            Fields = new ModelFields
            {
                Framework = "xgboost",
                Stage = "staging",
                Metrics = new Dictionary<string, double> { ["auc"] = 0.75, ["f1"] = 0.5 },
                ArtifactUri = "s3://models/fraud/1",
            },
        });
        Tick();

        await WriteAsync(new EntityInput
        {
            Key = key,
            Fields = new ModelFields { Stage = "production", Metrics = new Dictionary<string, double> { ["auc"] = 0.875 } },
        });

        var fields = Assert.IsType<ModelFields>((await GetRequiredAsync(key)).Fields);
        Assert.Equal("xgboost", fields.Framework);
        Assert.Equal("production", fields.Stage);
        Assert.Equal("s3://models/fraud/1", fields.ArtifactUri);

        // A field that is given replaces the stored one whole: metrics is one field.
        Assert.Equal(new Dictionary<string, double> { ["auc"] = 0.875 }, fields.Metrics);
    }

    [SkippableFact]
    public async Task Upsert_keeps_description_tags_owners_properties_and_fields_left_null()
    {
        var original = new EntityInput
        {
            Key = Graphs.Feature("txn_count"),
            Description = "Transactions in the last 7 days",
            Tags = ["fraud", "daily"],
            Owners = ["risk-team"],
            Properties = Graphs.Map(("window", "\"7d\"")),
            Fields = new FeatureFields { DataType = "int", Transformation = "count(*)" },
        };
        var recorded = Tick();
        await WriteAsync(original);
        var updated = Tick();

        var result = await WriteAsync(new EntityInput { Key = original.Key, Fields = new FeatureFields { DataType = "bigint" } });

        var entity = await GetRequiredAsync(original.Key);
        Assert.Equal(new WriteResult(0, 1, 0, 0, 0), result);
        Assert.Equal("Transactions in the last 7 days", entity.Description);
        Assert.Equal(["fraud", "daily"], entity.Tags);
        Assert.Equal(["risk-team"], entity.Owners);
        Assert.Equal("{\"window\":\"7d\"}", Json(entity.Properties));
        Assert.Equal(Json(new FeatureFields { DataType = "bigint", Transformation = "count(*)" }), Json(entity.Fields));
        Assert.Equal((recorded, updated), (entity.RecordedAt, entity.UpdatedAt));
    }

    [SkippableFact]
    public async Task Upsert_replaces_tags_and_owners_that_are_given()
    {
        var key = Graphs.Dataset("events");
        await WriteAsync(new EntityInput { Key = key, Tags = ["a", "b"], Owners = ["x"] });

        await WriteAsync(new EntityInput { Key = key, Tags = ["c"], Owners = [] });

        var entity = await GetRequiredAsync(key);
        Assert.Equal(["c"], entity.Tags);
        Assert.Empty(entity.Owners);
    }

    [SkippableFact]
    public async Task Tags_and_owners_keep_one_of_each_label_in_the_order_first_given()
    {
        var key = Graphs.Dataset("events");
        Tick();
        await WriteAsync(new EntityInput { Key = key, Tags = ["raw", "pii", "raw"], Owners = ["ana", "ana"] });
        Tick();

        // The same labels once each are what is stored, so writing them so is no change.
        var again = await WriteAsync(new EntityInput { Key = key, Tags = ["raw", "pii"], Owners = ["ana"] });

        var entity = await GetRequiredAsync(key);
        Assert.Equal(["raw", "pii"], entity.Tags);
        Assert.Equal(["ana"], entity.Owners);
        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), again);
    }

    [SkippableFact]
    public async Task The_same_tags_and_owners_in_another_order_change_nothing_and_keep_their_stored_order()
    {
        // A client rebuilding its labels from a set sends them in any order: each sync moved updatedAt.
        var key = Graphs.Dataset("events");
        var recorded = Tick();
        await WriteAsync(new EntityInput { Key = key, Tags = ["raw", "pii", "daily"], Owners = ["ana", "bo"] });
        Tick();

        var again = await WriteAsync(new EntityInput { Key = key, Tags = ["daily", "raw", "pii"], Owners = ["bo", "ana"] });
        var entity = await GetRequiredAsync(key);

        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), again);
        Assert.Equal(["raw", "pii", "daily"], entity.Tags);
        Assert.Equal(["ana", "bo"], entity.Owners);
        Assert.Equal(recorded, entity.UpdatedAt);

        // Another set is a change, in its own order; with a description changed, the same tags keep theirs.
        Tick();
        await WriteAsync(new EntityInput { Key = key, Tags = ["pii", "raw"], Owners = ["bo", "ana"], Description = "clicks" });
        entity = await GetRequiredAsync(key);
        Assert.Equal(["pii", "raw"], entity.Tags);
        Assert.Equal(["ana", "bo"], entity.Owners);
    }

    [SkippableFact]
    public async Task Replaying_an_entity_write_changes_nothing()
    {
        var input = new MlGraph().Entities.First(e => e.Key.Kind == EntityKind.Model);
        var recorded = Tick();
        await WriteAsync(input);
        var before = await GetRequiredAsync(input.Key);
        Tick(60);

        var result = await WriteAsync(input);

        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), result);
        var after = await GetRequiredAsync(input.Key);
        AssertSameEntity(before, after);
        Assert.Equal(recorded, after.UpdatedAt);
    }

    [SkippableFact]
    public async Task Writing_values_that_are_already_stored_changes_nothing()
    {
        var key = Graphs.Model("fraud");
        var recorded = Tick();
        await WriteAsync(new EntityInput
        {
            Key = key,
            Description = "Fraud detector",
            Tags = ["fraud"],
            Properties = Graphs.Map(("team", "\"risk\""), ("tier", "1")),
            Fields = new ModelFields { Framework = "xgboost", Stage = "staging" },
        });
        Tick();

        var sameDescription = await WriteAsync(new EntityInput { Key = key, Description = "Fraud detector" });
        var sameValues = await WriteAsync(
            new EntityInput { Key = key, Tags = ["fraud"], Properties = Graphs.Map(("tier", "1")), Fields = new ModelFields { Stage = "staging" } });
        var keyOnly = await WriteAsync(new EntityInput { Key = key });

        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), sameDescription);
        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), sameValues);
        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), keyOnly);
        Assert.Equal(recorded, (await GetRequiredAsync(key)).UpdatedAt);
    }

    [SkippableFact]
    public async Task Replaying_a_whole_batch_changes_nothing()
    {
        var graph = new MlGraph();
        var first = await Store.WriteAsync(graph.Batch);
        var before = await SnapshotAsync(graph.RawEvents, graph.Model);
        Tick(60);

        var replay = await Store.WriteAsync(graph.Batch);

        Assert.Equal(new WriteResult(graph.Entities.Count, 0, 0, graph.Edges.Count, 0), first);
        Assert.Equal(new WriteResult(0, 0, graph.Entities.Count, 0, graph.Edges.Count), replay);
        Assert.Equal(before, await SnapshotAsync(graph.RawEvents, graph.Model));
    }

    [SkippableFact]
    public async Task Write_result_counts_created_updated_and_unchanged_items()
    {
        var (a, b, c, d) = (Graphs.Dataset("a"), Graphs.Dataset("b"), Graphs.Dataset("c"), Graphs.Dataset("d"));
        await WriteGraphAsync([a, b], Graphs.Edge(a, b));
        Tick();

        var result = await WriteAsync(
            [new() { Key = a, Description = "changed" }, Graphs.Entity(b), Graphs.Entity(c), Graphs.Entity(d)],
            [Graphs.Edge(a, b), Graphs.Edge(b, c), Graphs.Edge(c, d)]);

        Assert.Equal(new WriteResult(2, 1, 1, 2, 1), result);
    }

    [SkippableFact]
    public async Task Hyperparameter_sets_with_identical_values_are_one_node()
    {
        var first = Graphs.Map(("learning_rate", "0.01"), ("layers", "[64,32]"), ("optimizer", "{\"name\":\"adam\",\"beta\":0.9}"));
        var reordered = Graphs.Map(("optimizer", "{\"beta\":0.9,\"name\":\"adam\"}"), ("layers", "[64, 32]"), ("learning_rate", "0.01"));
        var (run1, run2) = (Graphs.Run("train", 1), Graphs.Run("train", 2));
        Assert.Equal(HyperparameterSets.KeyFor(first), HyperparameterSets.KeyFor(reordered));

        var one = await WriteAsync(
            [HyperparameterSets.InputFor(first), Graphs.Entity(run1)],
            [Graphs.Edge(HyperparameterSets.KeyFor(first), run1, RelationKind.Configured)]);
        var two = await WriteAsync(
            [HyperparameterSets.InputFor(reordered), Graphs.Entity(run2)],
            [Graphs.Edge(HyperparameterSets.KeyFor(reordered), run2, RelationKind.Configured)]);

        Assert.Equal(new WriteResult(2, 0, 0, 1, 0), one);
        Assert.Equal(new WriteResult(1, 0, 1, 1, 0), two);
        var sets = await ListAllAsync(new EntityQuery { Kind = EntityKind.HyperparameterSet });
        var set = Assert.Single(sets);
        var values = Assert.IsType<HyperparameterSetFields>(set.Fields).Values;
        Assert.Equal(LineageJson.Canonical(first), LineageJson.Canonical(values));
        var walk = await WalkAsync(set.Key, Direction.Downstream);
        Assert.Equal([(run1.ToString(), 1), (run2.ToString(), 1)], NodesOf(walk));
    }

    [SkippableFact]
    public async Task A_stored_hyperparameter_set_is_updated_by_its_key_alone_and_none_is_created_without_values()
    {
        var values = Graphs.Map(("learning_rate", "0.01"), ("layers", "[64,32]"));
        var set = HyperparameterSets.KeyFor(values);
        await WriteAsync(HyperparameterSets.InputFor(values));
        Tick();

        var updated = await WriteAsync(new EntityInput { Key = set, Description = "the tuned set", Tags = ["best"] });

        Assert.Equal(new WriteResult(0, 1, 0, 0, 0), updated);
        var stored = await Store.GetAsync(set);
        Assert.Equal("the tuned set", stored!.Description);
        Assert.Equal(["best"], stored.Tags);
        Assert.Equal(LineageJson.Canonical(values), LineageJson.Canonical(Assert.IsType<HyperparameterSetFields>(stored.Fields).Values));

        // A key of the right shape that no set is stored under cannot make one: there are no values to give it.
        var unknown = HyperparameterSets.KeyFor(Graphs.Map(("learning_rate", "0.02")));
        var added = Graphs.Dataset("extra");
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => WriteAsync(
            [Graphs.Entity(added), new EntityInput { Key = unknown, Description = "never recorded" }], []));

        Assert.Equal(ErrorCodes.InvalidInput, ex.Code);
        Assert.Equal("entities[1]", ex.Item);
        Assert.Contains("give its values", ex.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(unknown));
        Assert.Null(await Store.GetAsync(added));
        Assert.Equal(stored.UpdatedAt, (await Store.GetAsync(set))!.UpdatedAt);

        // Refused at its own place in the batch, before a later item's error: the error names the first bad item.
        var retired = Graphs.Dataset("retired");
        await WriteAsync(Graphs.Entity(retired));
        await Store.RetireAsync(new RetireRequest { Entities = [retired] });
        var first = await Assert.ThrowsAsync<InvalidInputException>(() => WriteAsync(
            [new EntityInput { Key = unknown, Description = "never recorded" }, new EntityInput { Key = retired, Description = "retired" }], []));
        Assert.Equal("entities[0]", first.Item);
        Assert.Null(await Store.GetAsync(unknown));

        // A batch that gives the values after an item refused before any store check: that item is the first bad one.
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => WriteAsync(
            [
                new EntityInput { Key = unknown, Description = "described first" },
                new EntityInput { Key = Graphs.Dataset("long"), Description = new string('x', 70_000) },
                new EntityInput { Key = unknown, Fields = new HyperparameterSetFields { Values = Graphs.Map(("learning_rate", "0.02")) } },
            ],
            []));
        Assert.Equal("entities[1]", refused.Item);
        Assert.Null(await Store.GetAsync(unknown));

        // A batch that gives the values too makes the set, whichever input comes first.
        var other = Graphs.Map(("learning_rate", "0.03"));
        var described = new EntityInput { Key = HyperparameterSets.KeyFor(other), Description = "described first" };
        Assert.Equal(1, (await WriteAsync(described, HyperparameterSets.InputFor(other))).EntitiesCreated);
        Assert.Equal("described first", (await Store.GetAsync(described.Key))!.Description);
    }

    [SkippableFact]
    public async Task Get_returns_null_for_an_unknown_key()
    {
        await WriteAsync(Graphs.Entity(Graphs.Dataset("events", "v1")));

        Assert.Null(await Store.GetAsync(Graphs.Dataset("events", "v2")));
        Assert.Null(await Store.GetAsync(Graphs.Dataset("events", null)));
        Assert.Null(await Store.GetAsync(Graphs.Feature("events", "v1", "s3://lake")));
    }

    [SkippableFact]
    public async Task Get_as_of_sees_an_entity_from_the_instant_it_was_recorded()
    {
        var key = Graphs.Dataset("events");
        var before = Clock.GetUtcNow();
        var recorded = Tick();
        await WriteAsync(Graphs.Entity(key));
        Tick();

        Assert.Null(await Store.GetAsync(key, before));
        Assert.Null(await Store.GetAsync(key, recorded.AddTicks(-TimeSpan.TicksPerMillisecond)));
        Assert.Equal(recorded, (await GetRequiredAsync(key, recorded)).RecordedAt);
        Assert.Equal(key, (await GetRequiredAsync(key, Clock.GetUtcNow())).Key);
    }

    [SkippableFact]
    public async Task Get_many_returns_the_entities_found_and_leaves_out_missing_keys()
    {
        var (a, b, missing) = (Graphs.Dataset("a"), Graphs.Model("b"), Graphs.Dataset("missing"));
        await WriteAsync(new EntityInput { Key = a, Description = "A" }, new EntityInput { Key = b, Description = "B" });

        var found = await Store.GetManyAsync([a, missing, b, a]);

        Assert.Equal([a, b], found.Keys.Order());
        Assert.Equal("A", found[a].Description);
        Assert.Equal("B", found[b].Description);
        Assert.Empty(await Store.GetManyAsync([missing]));
        Assert.Empty(await Store.GetManyAsync([]));
    }

    [SkippableFact]
    public async Task Get_many_as_of_leaves_out_entities_recorded_later()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        await WriteAsync(Graphs.Entity(a));
        var between = Tick();
        Tick();
        await WriteAsync(Graphs.Entity(b));

        var found = await Store.GetManyAsync([a, b], between);

        Assert.Equal([a], found.Keys);
    }
}
