namespace Lineage.Graph.Core.Tests;

public sealed class RelationsTests
{
    private static readonly EntityKey Dataset = EntityKey.Parse("dataset:s3://lake:events@v1");
    private static readonly EntityKey Run = EntityKey.Parse("run:airflow:etl@3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    private static readonly EntityKey Model = EntityKey.Parse("model:registry:churn@7");
    private static readonly EntityKey Deployment = EntityKey.Parse("deployment:prod:churn-api@42");
    private static readonly EntityKey Job = EntityKey.Parse("job:airflow:etl");

    [Theory]
    [InlineData(RelationKind.InputTo, "dataset", "run")]
    [InlineData(RelationKind.InputTo, "model", "run")]
    [InlineData(RelationKind.Produced, "run", "model")]
    [InlineData(RelationKind.DeployedAs, "model", "deployment")]
    [InlineData(RelationKind.Derives, "dataset", "model")]
    [InlineData(RelationKind.InstanceOf, "run", "job")]
    public void Allowed_endpoints_pass(RelationKind relation, string from, string to) =>
        Relations.Validate(Pick(from), Pick(to), relation);

    [Theory]
    [InlineData(RelationKind.InputTo, "run", "dataset")]
    [InlineData(RelationKind.Produced, "dataset", "run")]
    [InlineData(RelationKind.DeployedAs, "dataset", "deployment")]
    [InlineData(RelationKind.Derives, "run", "dataset")]
    [InlineData(RelationKind.ChildOf, "run", "job")]
    [InlineData(RelationKind.ExecutedIn, "dataset", "run")]
    public void Wrong_endpoints_are_rejected_with_the_allowed_kinds(RelationKind relation, string from, string to)
    {
        var error = Assert.Throws<InvalidRelationException>(() => Relations.Validate(Pick(from), Pick(to), relation, "edges[3]"));

        Assert.Equal(ErrorCodes.InvalidRelation, error.Code);
        Assert.Equal("edges[3]", error.Item);
        Assert.Contains(Relations.Name(relation), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_version_joins_only_versions_of_the_same_entity()
    {
        Relations.Validate(Dataset, EntityKey.Parse("dataset:s3://lake:events@v2"), RelationKind.NextVersion);

        Assert.Throws<InvalidRelationException>(() =>
            Relations.Validate(Dataset, EntityKey.Parse("dataset:s3://lake:other@v2"), RelationKind.NextVersion));
        Assert.Throws<InvalidRelationException>(() => Relations.Validate(Dataset, Dataset, RelationKind.NextVersion));
    }

    [Fact]
    public void A_run_is_an_instance_only_of_the_job_its_key_names_and_never_its_own_parent()
    {
        Relations.Validate(Run, Job, RelationKind.InstanceOf);
        Relations.Validate(Run, EntityKey.Parse("run:airflow:etl@00000000-0000-4000-8000-000000000001"), RelationKind.ChildOf);

        var other = Assert.Throws<InvalidRelationException>(() => Relations.Validate(Run, EntityKey.Parse("job:other:x"), RelationKind.InstanceOf, "edges[0]"));
        var self = Assert.Throws<InvalidRelationException>(() => Relations.Validate(Run, Run, RelationKind.ChildOf, "edges[1]"));

        Assert.Contains("job:airflow:etl", other.Message, StringComparison.Ordinal);
        Assert.Equal(("edges[0]", "edges[1]"), (other.Item, self.Item));
    }

    [Fact]
    public void Wire_names_parse_back_in_any_case_and_unknown_names_list_the_known_ones()
    {
        foreach (var relation in Relations.All)
        {
            Assert.Equal(relation, Relations.Parse(Relations.Name(relation).ToLowerInvariant()));
        }

        var error = Assert.Throws<InvalidInputException>(() => Relations.Parse("FEEDS"));
        Assert.Contains("INPUT_TO", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Walks_follow_lineage_relations_and_not_structural_ones_by_default()
    {
        Assert.DoesNotContain(RelationKind.NextVersion, Relations.Lineage);
        Assert.DoesNotContain(RelationKind.InstanceOf, Relations.Lineage);
        Assert.DoesNotContain(RelationKind.ChildOf, Relations.Lineage);
        Assert.Equal(6, Relations.Lineage.Count);
    }

    private static EntityKey Pick(string kind) => kind switch
    {
        "dataset" => Dataset,
        "run" => Run,
        "model" => Model,
        "deployment" => Deployment,
        "job" => Job,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
