using System.Text.Json;

namespace Lineage.Graph.Core.Tests;

public sealed class WriteBatchTests
{
    private static readonly EntityKey Dataset = EntityKey.Parse("dataset:s3://lake:events@v1");
    private static readonly EntityKey Run = EntityKey.Parse("run:airflow:etl@3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    [Fact]
    public void Fields_of_another_kind_name_the_item()
    {
        var batch = new WriteBatch
        {
            Entities = [new EntityInput { Key = Dataset }, new EntityInput { Key = Run, Fields = new ModelFields() }],
        };

        var error = Assert.Throws<InvalidInputException>(() => batch.Validate());

        Assert.Equal("entities[1]", error.Item);
        Assert.StartsWith("entities[1]: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("job:   :  ", "namespace")]
    [InlineData("dataset: :x@1", "namespace")]
    [InlineData("dataset:s3://lake:\u2003@1", "name")]
    [InlineData("model:m:n@%20", "version")]
    [InlineData("dataset:x:y@\u3000", "version")]
    [InlineData("codeversion:https://github.com/acme/churn: @abc", "name")]
    [InlineData("dataset:s3://lake:\u200b\ufeff@1", "name")]
    public void An_entity_whose_key_has_a_part_of_white_space_alone_is_refused_yet_the_key_still_parses(string text, string part)
    {
        var key = EntityKey.Parse(System.Text.RegularExpressions.Regex.Unescape(text));

        var error = Assert.Throws<InvalidKeyException>(() => new WriteBatch { Entities = [new EntityInput { Key = Dataset }, new EntityInput { Key = key }] }.Validate());

        Assert.Equal("entities[1]", error.Item);
        Assert.Equal($"entities[1]: A {key.Kind} key's {part} cannot be white space alone.", error.Message);
    }

    [Fact]
    public void A_part_with_white_space_beside_other_text_and_a_code_version_without_a_path_are_taken()
    {
        var batch = new WriteBatch
        {
            Entities = [new EntityInput { Key = EntityKey.Parse("dataset: lake : daily events @ v1 ") }, new EntityInput { Key = EntityKey.Parse("codeversion:https://github.com/acme/churn:@abc") }],
        };

        Assert.Equal(2, batch.Validate().Entities.Count);
    }

    [Fact]
    public void Edges_name_their_own_position_and_a_valid_role_is_kept_as_given()
    {
        var model = EntityKey.Parse("model:ml:churn@1");
        var valid = new EdgeInput(Dataset, Run, RelationKind.InputTo) { Role = "training" };
        var upper = valid with { Role = "TRAINING" };
        var batch = new WriteBatch { Edges = [valid, upper, new EdgeInput(Run, model, RelationKind.Produced), new EdgeInput(model, Run, RelationKind.Produced)] };

        var relation = Assert.Throws<InvalidRelationException>(() => batch.Validate());
        var checkedBatch = (batch with { Edges = batch.Edges.Take(3).ToList() }).Validate();

        Assert.Equal("edges[3]", relation.Item);
        Assert.StartsWith("edges[3]: PRODUCED cannot join Model to Run", relation.Message, StringComparison.Ordinal);
        Assert.Same(valid, checkedBatch.Edges[0]);
        Assert.Equal("training", checkedBatch.Edges[1].Role);
    }

    public static TheoryData<string, EntityInput, string> UnreadableFields => new()
    {
        { "metric without a name", new EntityInput { Key = Run, Fields = new RunFields { Metrics = new Dictionary<string, double> { [""] = 1 } } }, "A metric needs a name." },
        { "metric named with NUL", new EntityInput { Key = Run, Fields = new RunFields { Metrics = new Dictionary<string, double> { ["a\0"] = 1 } } }, "The name of a metric" },
        { "schema field without a name", new EntityInput { Key = Dataset, Fields = new DatasetFields { Schema = [new SchemaField("")] } }, "A schema field needs a name." },
        { "schema field named with NUL", new EntityInput { Key = Dataset, Fields = new DatasetFields { Schema = [new SchemaField("a\0")] } }, "The name of a schema field" },
        { "negative row count", new EntityInput { Key = Dataset, Fields = new DatasetFields { RowCount = -1 } }, "a count of rows is 0 or more" },
        { "status with NUL", new EntityInput { Key = Run, Fields = new RunFields { Status = "a\0" } }, "A status is at most 256 characters" },
        {
            "run that ends before it starts",
            new EntityInput
            {
                Key = Run,
                Fields = new RunFields { StartedAt = DateTimeOffset.Parse("2026-06-01T12:00:00+02:00"), EndedAt = DateTimeOffset.Parse("2026-06-01T09:59:59Z") },
            },
            "endedAt (2026-06-01T09:59:59.0000000+00:00) is before startedAt (2026-06-01T10:00:00.0000000+00:00)"
        },
        { "status of 5,000 characters", new EntityInput { Key = Run, Fields = new RunFields { Status = new string('s', 5_000) } }, "A status is at most 256 characters" },
        {
            "deployment status with a line break",
            new EntityInput { Key = EntityKey.Parse("deployment:prod:api@1"), Fields = new DeploymentFields { Status = "ACTIVE\nFORGED" } },
            "A status is at most 256 characters"
        },
    };

    [Theory]
    [MemberData(nameof(UnreadableFields))]
    public void Typed_fields_that_no_table_can_show_or_client_match_are_refused(string what, EntityInput entity, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => new WriteBatch { Entities = [new EntityInput { Key = Dataset }, entity] }.Validate());

        Assert.True(error.Item == "entities[1]", what);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_limits_count_characters_so_that_an_emoji_is_one()
    {
        var emoji = (int count) => string.Concat(Enumerable.Repeat("\U0001F600", count));
        var atLimits = new EntityInput
        {
            Key = Run,
            Description = emoji(65_536),
            Tags = [emoji(256)],
            Properties = new Dictionary<string, JsonElement> { [emoji(1_024)] = JsonSerializer.SerializeToElement(1) },
            Fields = new RunFields { Status = emoji(256) },
        };

        new WriteBatch { Entities = [atLimits] }.Validate();

        Assert.Throws<InvalidInputException>(() => new WriteBatch { Entities = [atLimits with { Description = emoji(65_537) }] }.Validate());
        Assert.Throws<InvalidInputException>(() => new WriteBatch { Entities = [atLimits with { Tags = [emoji(257)] }] }.Validate());
        Assert.Throws<InvalidInputException>(() => new WriteBatch { Entities = [atLimits with { Fields = new RunFields { Status = emoji(257) } }] }.Validate());
        var name = Assert.Throws<InvalidInputException>(
            () => new WriteBatch { Entities = [atLimits with { Properties = new Dictionary<string, JsonElement> { [emoji(1_025)] = JsonSerializer.SerializeToElement(1) } }] }.Validate());
        Assert.Contains("...' has 1025 characters", name.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hyperparameter_set_must_be_named_by_the_hash_of_its_values()
    {
        var values = new Dictionary<string, JsonElement> { ["lr"] = JsonSerializer.SerializeToElement(0.01) };
        var wrong = new EntityInput
        {
            Key = EntityKey.Create(EntityKind.HyperparameterSet, HyperparameterSets.Namespace, "sha256:00"),
            Fields = new HyperparameterSetFields { Values = values },
        };

        var error = Assert.Throws<InvalidInputException>(() => new WriteBatch { Entities = [wrong] }.Validate());

        Assert.Contains(HyperparameterSets.KeyFor(values).ToString(), error.Message, StringComparison.Ordinal);
        new WriteBatch { Entities = [HyperparameterSets.InputFor(values)] }.Validate();
    }

    [Theory]
    [InlineData("hyperparameters", "sha256:00")]
    [InlineData("hyperparameters", "sha256:5E884898DA28047151D0E56F8DC6292773603D0D6AABBDD62A11EF721D1542D8")]
    [InlineData("hyperparameters", "lr-0.01")]
    public void A_hyperparameter_set_given_by_key_alone_must_be_named_as_a_set_is(string ns, string name)
    {
        var byKey = new EntityInput { Key = EntityKey.Create(EntityKind.HyperparameterSet, ns, name), Description = "tuned" };

        var error = Assert.Throws<InvalidInputException>(() => new WriteBatch { Entities = [byKey] }.Validate());

        Assert.Equal("entities[0]", error.Item);
        Assert.Contains("named by its values", error.Message, StringComparison.Ordinal);
        new WriteBatch { Entities = [byKey with { Key = HyperparameterSets.KeyFor(new Dictionary<string, JsonElement>()) }] }.Validate();
    }

    [Fact]
    public void Roles_are_normalised_and_only_input_edges_carry_them()
    {
        var batch = new WriteBatch { Edges = [new EdgeInput(Dataset, Run, RelationKind.InputTo) { Role = "Training" }] }.Validate();
        Assert.Equal("training", batch.Edges[0].Role);

        Assert.Throws<InvalidInputException>(() =>
            new WriteBatch { Edges = [new EdgeInput(Dataset, Run, RelationKind.InputTo) { Role = "gold" }] }.Validate());
        var produced = Assert.Throws<InvalidInputException>(() =>
            new WriteBatch { Edges = [new EdgeInput(Run, Dataset, RelationKind.Produced) { Role = "training" }] }.Validate());
        Assert.Equal("edges[0]", produced.Item);
    }

    [Fact]
    public void Wrong_endpoints_name_the_edge()
    {
        var error = Assert.Throws<InvalidRelationException>(() =>
            new WriteBatch { Edges = [new EdgeInput(Dataset, Run, RelationKind.InputTo), new EdgeInput(Dataset, Run, RelationKind.Produced)] }.Validate());

        Assert.Equal("edges[1]", error.Item);
    }

    [Fact]
    public void Hostile_labels_are_rejected()
    {
        Assert.Throws<InvalidInputException>(() =>
            new WriteBatch { Entities = [new EntityInput { Key = Dataset, Tags = ["ok", "bad\u0000tag"] }] }.Validate());
        Assert.Throws<InvalidInputException>(() =>
            new WriteBatch { Entities = [new EntityInput { Key = Dataset, Owners = [new string('o', 300)] }] }.Validate());
    }

    [Fact]
    public void Oversized_batches_are_refused()
    {
        var batch = new WriteBatch
        {
            Entities = [.. Enumerable.Range(0, WriteBatch.MaxItems + 1).Select(i => new EntityInput { Key = EntityKey.Create(EntityKind.Job, "ns", $"j{i}") })],
        };

        Assert.Equal(ErrorCodes.LimitExceeded, Assert.Throws<LimitExceededException>(() => batch.Validate()).Code);
    }
}
