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
