using System.Text.Json;

namespace Lineage.Graph.Core.Tests;

public sealed class EntityMergeTests
{
    private static readonly DateTimeOffset First = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = First.AddHours(1);
    private static readonly EntityKey Key = EntityKey.Parse("dataset:s3://lake:events@v1");

    [Fact]
    public void An_upsert_merges_properties_and_fields_and_keeps_what_it_leaves_out()
    {
        var (stored, _) = EntityMerge.Apply(null, new EntityInput
        {
            Key = Key,
            Description = "raw events",
            Tags = ["pii"],
            Properties = Json(("a", 1), ("b", 2)),
            Fields = new DatasetFields { RowCount = 10, Uri = "s3://lake/events" },
        }, First);

        var (merged, changed) = EntityMerge.Apply(stored, new EntityInput
        {
            Key = Key,
            Properties = Json(("b", 3), ("c", 4)),
            Fields = new DatasetFields { RowCount = 20 },
        }, Later);

        Assert.True(changed);
        Assert.Equal("raw events", merged.Description);
        Assert.Equal(["pii"], merged.Tags);
        Assert.Equal("""{"a":1,"b":3,"c":4}""", LineageJson.Canonical(merged.Properties));
        var fields = Assert.IsType<DatasetFields>(merged.Fields);
        Assert.Equal(20, fields.RowCount);
        Assert.Equal("s3://lake/events", fields.Uri);
        Assert.Equal(First, merged.RecordedAt);
        Assert.Equal(Later, merged.UpdatedAt);
    }

    [Fact]
    public void Replaying_a_write_changes_nothing_not_even_updated_at()
    {
        var input = new EntityInput { Key = Key, Description = "d", Properties = Json(("a", 1)), Fields = new DatasetFields { RowCount = 1 } };
        var (stored, _) = EntityMerge.Apply(null, input, First);

        var (again, changed) = EntityMerge.Apply(stored, input, Later);

        Assert.False(changed);
        Assert.Same(stored, again);
        Assert.Equal(First, again.UpdatedAt);
    }

    [Theory]
    [InlineData("""{"lr":1}""", """{"lr":1.0}""")]
    [InlineData("""{"lr":1000}""", """{"lr":1e3}""")]
    [InlineData("""{"eps":0.001}""", """{"eps":1e-3}""")]
    [InlineData("""{"eps":1e-30}""", """{"eps":1.0E-30}""")]
    [InlineData("""{"x":0}""", """{"x":-0.0}""")]
    [InlineData("""{"m":[0.5,{"n":2}]}""", """{"m":[5e-1,{"n":2.00}]}""")]
    [InlineData("""{"big":1000000000000000000000}""", """{"big":1e21}""")]
    [InlineData("""{"seed":12345678901234567890}""", """{"seed":12345678901234567890.0}""")]
    [InlineData("""{"tiny":1e-400}""", """{"tiny":0.1e-399}""")]
    public void Numbers_of_one_value_written_two_ways_are_one_hyperparameter_set_and_no_change(string a, string b)
    {
        var first = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(a)!;
        var second = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(b)!;

        Assert.Equal(HyperparameterSets.Hash(first), HyperparameterSets.Hash(second));
        var (stored, _) = EntityMerge.Apply(null, new EntityInput { Key = Key, Properties = first }, First);
        Assert.False(EntityMerge.Apply(stored, new EntityInput { Key = Key, Properties = second }, Later).Changed);
    }

    [Theory]
    [InlineData("""{"seed":12345678901234567890}""", """{"seed":12345678901234567891}""")]
    [InlineData("""{"lr":0.1}""", """{"lr":0.10000000000000002}""")]
    [InlineData("""{"lr":1}""", """{"lr":"1"}""")]
    [InlineData("""{"seed":12345678901234567890.0}""", """{"seed":12345678901234567168}""")]
    [InlineData("""{"tiny":1e-400}""", """{"tiny":0}""")]
    [InlineData("""{"huge":1e400}""", """{"huge":1e401}""")]
    public void Different_values_are_different_sets(string a, string b)
    {
        var first = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(a)!;
        var second = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(b)!;

        Assert.NotEqual(HyperparameterSets.Hash(first), HyperparameterSets.Hash(second));
    }

    [Theory]
    [InlineData("0.001", "0.001")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("-1.50E+2", "-150")]
    [InlineData("123.4500", "123.45")]
    [InlineData("1e21", "1e+21")]
    [InlineData("-0", "0")]
    [InlineData("1e0000000001", "10")]
    [InlineData("0e0000000000", "0")]
    [InlineData("10e1999999999", "1e+2000000000")]
    [InlineData("1e2000000000", "1e+2000000000")]
    [InlineData("25e-99999999999999999999", "2.5e-99999999999999999998")]
    [InlineData("1.5E+00000000000000000000000000002", "150")]
    public void A_number_is_written_in_one_form_for_its_value(string written, string canonical)
    {
        using var document = JsonDocument.Parse(written);

        Assert.Equal(canonical, LineageJson.Canonical(document.RootElement));
    }

    [Fact]
    public void Two_inputs_stamped_alike_give_one_answer_in_either_order_and_a_replay_changes_nothing()
    {
        // Java producers send nine fraction digits and the stamp keeps seven: distinct events can tie.
        var one = new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-06-01T01:00:00Z"), ("x", 1)) };
        var two = new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-06-01T01:00:00Z"), ("x", 2)) };
        var gone = new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-06-01T01:00:00Z")), RemoveProperties = ["x"] };

        foreach (var (a, b) in new[] { (one, two), (one, gone), (two, gone) })
        {
            var forward = EntityMerge.Apply(EntityMerge.Apply(null, a, First).Entity, b, Later).Entity;
            var backward = EntityMerge.Apply(EntityMerge.Apply(null, b, First).Entity, a, Later).Entity;
            var (replayed, changed) = EntityMerge.Apply(forward, a, Later.AddHours(1));

            Assert.Equal(LineageJson.Canonical(forward.Properties), LineageJson.Canonical(backward.Properties));
            Assert.False(changed);
            Assert.Same(forward, replayed);
        }
    }

    [Fact]
    public void A_property_written_without_a_time_comes_before_any_timed_input()
    {
        // A GraphQL write, then two events of a run in either order: the 01:00 event's x wins in both.
        var byHand = new EntityInput { Key = Key, Properties = Json(("x", 0)) };
        var early = new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-06-01T01:00:00Z"), ("x", 1)) };
        var late = new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-06-01T02:00:00Z"), ("y", 2)) };

        var inOrder = EntityMerge.Apply(EntityMerge.Apply(EntityMerge.Apply(null, byHand, First).Entity, early, First).Entity, late, Later).Entity;
        var reversed = EntityMerge.Apply(EntityMerge.Apply(EntityMerge.Apply(null, byHand, First).Entity, late, First).Entity, early, Later).Entity;

        Assert.Equal(1, inOrder.Properties["x"].GetInt32());
        Assert.Equal(LineageJson.Canonical(inOrder.Properties), LineageJson.Canonical(reversed.Properties));
    }

    [Fact]
    public void A_replay_that_writes_the_same_instant_another_way_changes_nothing()
    {
        var (stored, _) = EntityMerge.Apply(null, new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-06-01T01:00:00Z"), ("x", 1)) }, First);

        var (again, changed) = EntityMerge.Apply(stored, new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-06-01T03:00:00+02:00"), ("x", 1)) }, Later);

        Assert.False(changed);
        Assert.Same(stored, again);
    }

    [Theory]
    [InlineData("""{"propertyObservedAt":{"x":"2026-06-01T01:00:00Z"}}""", null, "propertyObservedAt")]
    [InlineData("""{"observedAt":null}""", null, "observedAt")]
    [InlineData("""{"observedAt":"yesterday"}""", null, "observedAt")]
    [InlineData("""{"observedAt":1717200000}""", null, "observedAt")]
    [InlineData("""{}""", "observedAt", "observedAt")]
    [InlineData("""{}""", "propertyObservedAt", "propertyObservedAt")]
    [InlineData("""{"fieldObservedAt":{"description":"2026-06-01T01:00:00Z"}}""", null, "fieldObservedAt")]
    [InlineData("""{}""", "fieldObservedAt", "fieldObservedAt")]
    public void The_properties_the_merge_keeps_for_itself_are_not_written_or_removed_by_hand(string properties, string? removed, string named)
    {
        var batch = new WriteBatch
        {
            Entities =
            [
                new EntityInput
                {
                    Key = Key,
                    Properties = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(properties),
                    RemoveProperties = removed is null ? null : [removed],
                },
            ],
        };

        var error = Assert.Throws<InvalidInputException>(() => batch.Validate());

        Assert.Equal("entities[0]", error.Item);
        Assert.Contains($"'{named}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hyperparameter_hashes_ignore_member_order()
    {
        var a = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"lr":0.01,"layers":[64,32],"opt":{"b":1,"a":2}}""")!;
        var b = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{ "opt": {"a":2, "b":1}, "layers":[64,32], "lr":0.01 }""")!;

        Assert.Equal(HyperparameterSets.Hash(a), HyperparameterSets.Hash(b));
        Assert.StartsWith("sha256:", HyperparameterSets.Hash(a), StringComparison.Ordinal);
        Assert.Equal(71, HyperparameterSets.Hash(a).Length);
    }

    private static Dictionary<string, JsonElement> Json(params (string Name, object Value)[] members) =>
        members.ToDictionary(m => m.Name, m => JsonSerializer.SerializeToElement(m.Value));

    [Theory]
    [InlineData("COMPLETE", "START", "COMPLETE")]
    [InlineData("COMPLETE", "RUNNING", "COMPLETE")]
    [InlineData("START", "COMPLETE", "COMPLETE")]
    [InlineData("RUNNING", "START", "RUNNING")]
    [InlineData("FAIL", "COMPLETE", "FAIL")]
    [InlineData("COMPLETE", "FAIL", "FAIL")]
    [InlineData("ABORT", "COMPLETE", "ABORT")]
    [InlineData("FAIL", "ABORT", "FAIL")]
    [InlineData("COMPLETE", "FINISHED", "COMPLETE")]
    [InlineData("START", "FINISHED", "FINISHED")]
    [InlineData("FINISHED", "START", "FINISHED")]
    [InlineData("FINISHED", "RUNNING", "RUNNING")]
    [InlineData("RUNNING", "SCHEDULED", "SCHEDULED")]
    [InlineData("SCHEDULED", "FAIL", "FAIL")]
    public void A_run_status_only_moves_forward(string stored, string update, string expected)
    {
        var key = EntityKey.Parse("run:airflow:etl.load@0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f");
        var (first, _) = EntityMerge.Apply(null, new EntityInput { Key = key, Fields = new RunFields { Status = stored, StartedAt = First } }, First);

        var (merged, _) = EntityMerge.Apply(first, new EntityInput { Key = key, Fields = new RunFields { Status = update, EndedAt = Later } }, Later);

        var fields = Assert.IsType<RunFields>(merged.Fields);
        Assert.Equal(expected, fields.Status);
        Assert.Equal(First, fields.StartedAt);
        Assert.Equal(Later, fields.EndedAt);
    }

    [Theory]
    [InlineData("FAIL", "COMPLETE", true, "FAIL", 3)]
    [InlineData("COMPLETE", "FAIL", true, "FAIL", 3)]
    [InlineData("COMPLETE", "FAIL", false, "FAIL", 2)]
    [InlineData("FAIL", "COMPLETE", false, "FAIL", 2)]
    [InlineData("START", "COMPLETE", true, "COMPLETE", 3)]
    [InlineData("START", "COMPLETE", false, "COMPLETE", 1)]
    public void A_run_keeps_the_status_of_highest_rank_and_the_end_time_of_the_latest_observed_report(string stored, string update, bool updateObservedLater, string status, int endedHour)
    {
        // The stored event at 02:00, the update at 03:00, or observed at 01:00 (a late event).
        var key = EntityKey.Parse("run:airflow:etl.load@0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f");
        var (first, _) = EntityMerge.Apply(null, new EntityInput
        {
            Key = key,
            Properties = Json((EntityMerge.ObservedAtProperty, "2026-06-01T02:00:00Z")),
            Fields = new RunFields { Status = stored, EndedAt = stored == "START" ? null : At(2) },
        }, First);
        var updateHour = updateObservedLater ? 3 : 1;

        var (merged, _) = EntityMerge.Apply(first, new EntityInput
        {
            Key = key,
            Properties = Json((EntityMerge.ObservedAtProperty, $"2026-06-01T0{updateHour}:00:00Z")),
            Fields = new RunFields { Status = update, EndedAt = At(updateHour) },
        }, Later);

        var fields = Assert.IsType<RunFields>(merged.Fields);
        Assert.Equal(status, fields.Status);
        Assert.Equal(At(endedHour), fields.EndedAt);

        static DateTimeOffset At(int hour) => new(2026, 6, 1, hour, 0, 0, TimeSpan.Zero);
    }

    [Fact]
    public void An_end_time_written_without_a_status_corrects_the_one_stored()
    {
        var key = EntityKey.Parse("run:airflow:etl.load@0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f");
        var (complete, _) = EntityMerge.Apply(null, new EntityInput { Key = key, Fields = new RunFields { Status = "COMPLETE", EndedAt = First } }, First);

        var (corrected, _) = EntityMerge.Apply(complete, new EntityInput { Key = key, Fields = new RunFields { EndedAt = Later } }, Later);

        var fields = Assert.IsType<RunFields>(corrected.Fields);
        Assert.Equal(("COMPLETE", Later), (fields.Status, fields.EndedAt));
    }

    [Fact]
    public void A_run_whose_status_cannot_move_back_is_unchanged()
    {
        var key = EntityKey.Parse("run:airflow:etl.load@0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f");
        var (complete, _) = EntityMerge.Apply(null, new EntityInput { Key = key, Fields = new RunFields { Status = "COMPLETE" } }, First);

        var (merged, changed) = EntityMerge.Apply(complete, new EntityInput { Key = key, Fields = new RunFields { Status = "START" } }, Later);

        Assert.False(changed);
        Assert.Equal(First, merged.UpdatedAt);
    }

    [Fact]
    public void A_typed_field_or_description_keeps_the_newest_value_when_the_newest_arrives_first()
    {
        // Newest, oldest, middle: the middle one replaces the oldest one's value (it is newer) but
        // not the newest one's. With one time for the entity, the oldest one's value stayed.
        Entity? entity = null;
        foreach (var (hour, rows, description) in new[] { (3, 30L, "three"), (1, 10L, "one"), (2, 20L, "two") })
        {
            entity = EntityMerge.Apply(entity, new EntityInput
            {
                Key = Key,
                Description = description,
                Properties = Json((EntityMerge.ObservedAtProperty, $"2026-06-01T0{hour}:00:00Z")),
                Fields = new DatasetFields { RowCount = hour == 3 ? null : rows, Uri = hour == 3 ? "s3://lake/three" : null },
            }, First).Entity;
        }

        // The row count was given only by the two older inputs, so the middle one's stands.
        var fields = Assert.IsType<DatasetFields>(entity!.Fields);
        Assert.Equal((20L, "s3://lake/three", "three"), (fields.RowCount, fields.Uri, entity.Description));
        Assert.Equal(
            """{"fields.rowCount":"2026-06-01T02:00:00Z"}""",
            LineageJson.Canonical(entity.Properties[EntityMerge.FieldObservedAtProperty]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2026-06-01T04:00:00Z")]
    public void A_user_property_named_like_a_record_from_before_the_store_kept_one_is_kept(string? observedAt)
    {
        // The name was free until the store kept its record under it; what a user wrote there is neither read as times nor dropped.
        var legacy = new Entity
        {
            Key = Key,
            Properties = Json((EntityMerge.FieldObservedAtProperty, new { team = "x", description = "2020-01-01T00:00:00Z" }), (EntityMerge.ObservedAtProperty, "2026-06-01T03:00:00Z")),
            RecordedAt = First,
            UpdatedAt = First,
        };
        var properties = observedAt is null ? Json(("p", 1)) : Json(("p", 1), (EntityMerge.ObservedAtProperty, observedAt));

        var (merged, _) = EntityMerge.Apply(legacy, new EntityInput { Key = Key, Description = "d", Properties = properties }, Later);

        Assert.Equal("""{"description":"2020-01-01T00:00:00Z","team":"x"}""", LineageJson.Canonical(merged.Properties[EntityMerge.FieldObservedAtProperty]));
        Assert.Equal("d", merged.Description);
    }

    [Fact]
    public void Tags_cleared_by_a_timed_write_stay_cleared_when_an_older_write_arrives()
    {
        var (cleared, _) = EntityMerge.Apply(null, new EntityInput
        {
            Key = Key,
            Tags = [],
            Properties = Json((EntityMerge.ObservedAtProperty, "2026-06-01T02:00:00Z")),
        }, First);

        var (late, _) = EntityMerge.Apply(cleared, new EntityInput
        {
            Key = Key,
            Tags = ["pii"],
            Owners = ["data-eng"],
            Properties = Json((EntityMerge.ObservedAtProperty, "2026-06-01T01:00:00Z")),
        }, Later);

        Assert.Empty(late.Tags);
        Assert.Equal(["data-eng"], late.Owners);
        Assert.Equal(
            """{"owners":"2026-06-01T01:00:00Z","tags":"2026-06-01T02:00:00Z"}""",
            LineageJson.Canonical(late.Properties[EntityMerge.FieldObservedAtProperty]));
    }

    [Fact]
    public void An_input_observed_before_what_is_stored_only_fills_in_what_is_missing()
    {
        var (complete, _) = EntityMerge.Apply(null, new EntityInput
        {
            Key = Key,
            Properties = Json(("observedAt", "2026-06-01T03:00:00Z"), ("facets.airflow", 211.75)),
            Fields = new DatasetFields { Schema = [new SchemaField("a"), new SchemaField("b")] },
        }, First);

        var (merged, changed) = EntityMerge.Apply(complete, new EntityInput
        {
            Key = Key,
            Description = "from the late event",
            Properties = Json(("observedAt", "2026-06-01T02:00:00Z"), ("facets.airflow", 0), ("facets.nominalTime", "02:00")),
            Fields = new DatasetFields { Schema = [new SchemaField("a")], RowCount = 7 },
        }, Later);

        Assert.True(changed);
        Assert.Equal(
            """{"facets.airflow":211.75,"facets.nominalTime":"02:00","fieldObservedAt":{"description":"2026-06-01T02:00:00Z","fields.rowCount":"2026-06-01T02:00:00Z"},"observedAt":"2026-06-01T03:00:00Z","propertyObservedAt":{"facets.nominalTime":"2026-06-01T02:00:00Z"}}""",
            LineageJson.Canonical(merged.Properties));
        var fields = Assert.IsType<DatasetFields>(merged.Fields);
        Assert.Equal(["a", "b"], fields.Schema!.Select(f => f.Name));
        Assert.Equal(7, fields.RowCount);
        Assert.Equal("from the late event", merged.Description);
    }

    [Fact]
    public void Two_observed_inputs_give_the_same_entity_in_either_order()
    {
        var early = new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-06-01T02:00:00Z"), ("x", 1), ("shared", "early")), Fields = new DatasetFields { RowCount = 1 } };
        var late = new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-06-01T03:00:00+00:00"), ("y", 2), ("shared", "late")), Fields = new DatasetFields { RowCount = 2, Uri = "s3://x" } };

        var inOrder = EntityMerge.Apply(EntityMerge.Apply(null, early, First).Entity, late, Later).Entity;
        var reversed = EntityMerge.Apply(EntityMerge.Apply(null, late, First).Entity, early, Later).Entity;

        Assert.Equal(LineageJson.Canonical(inOrder.Properties), LineageJson.Canonical(reversed.Properties));
        Assert.Equal(LineageJson.SerializeFields(inOrder.Fields), LineageJson.SerializeFields(reversed.Fields));
        Assert.Equal("late", inOrder.Properties["shared"].GetString());
        Assert.Equal(2, Assert.IsType<DatasetFields>(inOrder.Fields).RowCount);
    }

    [Fact]
    public void Removed_properties_go_and_a_removal_of_what_is_not_stored_changes_nothing()
    {
        var (stored, _) = EntityMerge.Apply(null, new EntityInput { Key = Key, Properties = Json(("a", 1), ("b", 2)) }, First);

        var (merged, changed) = EntityMerge.Apply(stored, new EntityInput { Key = Key, Properties = Json(("c", 3)), RemoveProperties = ["a"] }, Later);
        var (again, changedAgain) = EntityMerge.Apply(merged, new EntityInput { Key = Key, RemoveProperties = ["a", "never"] }, Later.AddHours(1));

        Assert.True(changed);
        Assert.Equal("""{"b":2,"c":3}""", LineageJson.Canonical(merged.Properties));
        Assert.Equal(Later, merged.UpdatedAt);
        Assert.False(changedAgain);
        Assert.Same(merged, again);
    }

    [Fact]
    public void A_late_input_removes_nothing_so_the_newer_observation_stands()
    {
        var (stored, _) = EntityMerge.Apply(null, new EntityInput
        {
            Key = Key,
            Properties = Json(("observedAt", "2026-06-01T03:00:00Z"), ("facets.sql", "select 1")),
        }, First);

        var (late, lateChanged) = EntityMerge.Apply(stored, new EntityInput
        {
            Key = Key,
            Properties = Json(("observedAt", "2026-06-01T02:00:00Z")),
            RemoveProperties = ["facets.sql"],
        }, Later);
        var (newer, _) = EntityMerge.Apply(stored, new EntityInput
        {
            Key = Key,
            Properties = Json(("observedAt", "2026-06-01T04:00:00Z")),
            RemoveProperties = ["facets.sql"],
        }, Later);

        Assert.False(lateChanged);
        Assert.True(late.Properties.ContainsKey("facets.sql"));
        Assert.Equal("""{"observedAt":"2026-06-01T04:00:00Z","propertyObservedAt":{"facets.sql":"2026-06-01T04:00:00Z"}}""", LineageJson.Canonical(newer.Properties));
    }

    [Fact]
    public void A_removal_without_an_observed_time_leaves_no_time_behind()
    {
        var (stored, _) = EntityMerge.Apply(null, new EntityInput { Key = Key, Properties = Json(("a", 1), ("b", 2)) }, First);

        var (merged, _) = EntityMerge.Apply(stored, new EntityInput { Key = Key, RemoveProperties = ["a"] }, Later);

        Assert.Equal("""{"b":2}""", LineageJson.Canonical(merged.Properties));
    }

    [Theory]
    [InlineData(2_796_201, true)]
    [InlineData(2_796_202, false)]
    public void The_properties_cap_counts_the_bytes_the_store_writes_escapes_included(int brackets, bool taken)
    {
        // '<' is written escaped (\u003C), six bytes for one read: {"p":"\u003C…"} is 8 + 6n bytes,
        // 16,777,214 for the first case and 16,777,220, past the cap, for the second.
        var input = new EntityInput { Key = Key, Properties = Json(("p", new string('<', brackets))) };

        var write = () => EntityMerge.Write(null, input, First, "entities[0]");

        if (taken)
        {
            Assert.Equal(EntityMerge.MaxEntityBytes - 2, JsonSerializer.SerializeToUtf8Bytes(write().Entity.Properties, LineageJson.Options).Length);
        }
        else
        {
            var error = Assert.Throws<LimitExceededException>(() => write());
            Assert.Equal("entities[0]", error.Item);
            Assert.StartsWith($"entities[0]: {Key} would hold {EntityMerge.MaxEntityBytes + 4} bytes of properties and typed fields", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_entity_stored_past_the_cap_takes_writes_that_do_not_grow_what_a_user_gave_it()
    {
        // Stored before the cap existed: its description, a later observation or a removal must still go in.
        var stored = new Entity
        {
            Key = Key,
            RecordedAt = First,
            UpdatedAt = First,
            Properties = Json(("blob", new string('x', EntityMerge.MaxEntityBytes)), ("observedAt", "2026-01-01T00:00:00Z")),
        };

        var described = EntityMerge.Write(stored, new EntityInput { Key = Key, Description = "d" }, Later, "entities[0]");
        var observed = EntityMerge.Write(stored, new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-01-01T00:30:00Z")), RemoveProperties = ["gone"] }, Later, "entities[0]");
        var cut = EntityMerge.Write(stored, new EntityInput { Key = Key, RemoveProperties = ["blob"] }, Later, "entities[0]");

        Assert.True(described.Changed);
        Assert.Equal("d", described.Entity.Description);
        Assert.False(cut.Entity.Properties.ContainsKey("blob"));
        var grown = Assert.Throws<LimitExceededException>(() => EntityMerge.Write(stored, new EntityInput { Key = Key, Properties = Json(("more", new string('m', 5_000))) }, Later, "entities[0]"));

        // The store's records count too: a timed removal of 5,000 names never set would add a record of each.
        Assert.Throws<LimitExceededException>(() => EntityMerge.Write(
            stored, new EntityInput { Key = Key, Properties = Json(("observedAt", "2026-01-01T00:40:00Z")), RemoveProperties = [.. Enumerable.Range(0, 5_000).Select(i => $"never_{i}")] }, Later, "entities[0]"));
        Assert.True(EntityMerge.Write(stored, new EntityInput { Key = Key, Properties = Json(("rows", 10)) }, Later, "entities[0]").Changed);
        Assert.Equal("entities[0]", grown.Item);
        Assert.True(observed.Changed);
    }

    [Fact]
    public void The_cap_counts_typed_fields_with_the_properties()
    {
        // About 9 MB of schema and 9 MB of properties: each fits alone, together they pass the cap.
        var wide = new DatasetFields { Schema = [.. Enumerable.Range(0, 9_000).Select(i => new SchemaField($"{new string('p', 990)}.{i}", "STRING", null))] };
        var nine = Json(("blob", new string('x', 9_000_000)));

        var schemaOnly = EntityMerge.Write(null, new EntityInput { Key = Key, Fields = wide }, First, "entities[0]");
        var propertiesOnly = EntityMerge.Write(null, new EntityInput { Key = Key, Properties = nine }, First, "entities[0]");
        var together = Assert.Throws<LimitExceededException>(
            () => EntityMerge.Write(propertiesOnly.Entity, new EntityInput { Key = Key, Fields = wide }, Later, "entities[1]"));

        Assert.True(schemaOnly.Changed && propertiesOnly.Changed);
        Assert.Equal(EntityMerge.FieldsBytes(wide), JsonSerializer.SerializeToUtf8Bytes(wide, LineageJson.Options).Length);
        Assert.Equal("entities[1]", together.Item);
        Assert.Contains("bytes of properties and typed fields", together.Message, StringComparison.Ordinal);

        // A schema alone past the cap (what a nested schema repeating a long parent's name made of a small event).
        var wider = new DatasetFields { Schema = [.. Enumerable.Range(0, 17_000).Select(i => new SchemaField($"{new string('p', 990)}.{i}", null, null))] };
        Assert.Throws<LimitExceededException>(() => EntityMerge.Write(null, new EntityInput { Key = Key, Fields = wider }, First, "entities[0]"));
    }

    [Fact]
    public void An_entity_whose_typed_fields_were_stored_past_the_cap_takes_writes_that_do_not_grow_them()
    {
        // Stored before typed fields counted: a description or a smaller schema goes in; a wider one does not.
        var wide = new DatasetFields { Schema = [.. Enumerable.Range(0, 17_000).Select(i => new SchemaField($"{new string('p', 990)}.{i}", null, null))] };
        var stored = new Entity { Key = Key, RecordedAt = First, UpdatedAt = First, Fields = wide };

        var described = EntityMerge.Write(stored, new EntityInput { Key = Key, Description = "d" }, Later, "entities[0]");
        var narrowed = EntityMerge.Write(stored, new EntityInput { Key = Key, Fields = new DatasetFields { Schema = [new SchemaField("id", "INT", null)] } }, Later, "entities[0]");

        Assert.Equal("d", described.Entity.Description);
        Assert.Single(((DatasetFields)narrowed.Entity.Fields!).Schema!);
        Assert.Throws<LimitExceededException>(() => EntityMerge.Write(stored, new EntityInput { Key = Key, Fields = wide with { Schema = [.. wide.Schema!, .. Enumerable.Range(0, 200).Select(i => new SchemaField($"more_{i}", "STRING", null))] } }, Later, "entities[0]"));

        // A row count gaining a digit (an OpenLineage COMPLETE of the same table) is no growth worth its event's lineage.
        var counted = EntityMerge.Write(stored, new EntityInput { Key = Key, Fields = wide with { RowCount = 10 } }, Later, "entities[0]");
        Assert.Equal(10, ((DatasetFields)counted.Entity.Fields!).RowCount);
    }

    [Fact]
    public void Properties_escaped_on_writing_are_counted_as_written_when_they_share_the_cap_with_typed_fields()
    {
        // 2.7 MB of '<' as an OpenLineage body gives it, unescaped: written as \u003C, 16.2 MB. Alone it is counted
        // exactly (it might pass the cap); beside a 10 MB schema it must be too, though a sixth of the cap as read.
        using var document = JsonDocument.Parse("{\"blob\":\"" + new string('<', 2_700_000) + "\"}");
        var properties = new Dictionary<string, JsonElement> { ["blob"] = document.RootElement.GetProperty("blob").Clone() };
        var schema = new DatasetFields { Schema = [.. Enumerable.Range(0, 10_000).Select(i => new SchemaField($"{new string('p', 990)}.{i}", null, null))] };

        var error = Assert.Throws<LimitExceededException>(() => EntityMerge.Write(null, new EntityInput { Key = Key, Properties = properties, Fields = schema }, First, "entities[0]"));

        Assert.Contains($"would hold {JsonSerializer.SerializeToUtf8Bytes(properties, LineageJson.Options).LongLength + EntityMerge.FieldsBytes(schema)} bytes", error.Message, StringComparison.Ordinal);
    }
}
