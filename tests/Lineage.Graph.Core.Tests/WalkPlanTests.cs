namespace Lineage.Graph.Core.Tests;

public sealed class WalkPlanTests
{
    private static readonly EntityKey Start = EntityKey.Parse("dataset:s3://lake:events@v1");

    [Fact]
    public void Defaults_come_from_the_limits()
    {
        var plan = WalkPlan.From(new WalkRequest { Start = Start }, new TraversalLimits { DefaultMaxDepth = 7, DefaultLimit = 33 });

        Assert.Equal(7, plan.MaxDepth);
        Assert.Equal(33, plan.Limit);
        Assert.Equal(Relations.Lineage, plan.Relations);
        Assert.Null(plan.Kinds);
    }

    [Fact]
    public void Relations_come_back_distinct_in_enum_order_given_or_not()
    {
        // A plan without relations keeps the default list as it is, which must be in the plan's order already.
        Assert.Equal([.. Relations.Lineage.Distinct().Order()], WalkPlan.From(new WalkRequest { Start = Start }, new TraversalLimits()).Relations);

        var given = WalkPlan.From(
            new WalkRequest { Start = Start, Relations = [RelationKind.DeployedAs, RelationKind.InputTo, RelationKind.DeployedAs] }, new TraversalLimits());

        Assert.Equal([RelationKind.InputTo, RelationKind.DeployedAs], given.Relations);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(int.MaxValue)]
    public void Depths_outside_one_to_the_cap_are_refused(int depth)
    {
        var error = Assert.Throws<DepthLimitException>(() => WalkPlan.From(new WalkRequest { Start = Start, MaxDepth = depth }, new TraversalLimits()));

        Assert.Equal(ErrorCodes.DepthLimit, error.Code);
        Assert.Contains("between 1 and 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_over_the_cap_are_refused()
    {
        var error = Assert.Throws<LimitExceededException>(() =>
            WalkPlan.From(new WalkRequest { Start = Start, Limit = 10_001 }, new TraversalLimits()));

        Assert.Equal(ErrorCodes.LimitExceeded, error.Code);
    }

    [Fact]
    public void Empty_filters_are_refused_rather_than_read_as_everything()
    {
        Assert.Throws<InvalidInputException>(() => WalkPlan.From(new WalkRequest { Start = Start, Relations = [] }, new TraversalLimits()));
        Assert.Throws<InvalidInputException>(() => WalkPlan.From(new WalkRequest { Start = Start, Kinds = [] }, new TraversalLimits()));
    }
}
