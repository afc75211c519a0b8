using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Kinds as people type them on the command line.</summary>
public sealed class WireTests
{
    [Theory]
    [InlineData("Deployment")]
    [InlineData("DEPLOYMENT")]
    [InlineData("deployment")]
    public void Kinds_are_read_in_any_case(string text) => Assert.Equal(EntityKind.Deployment, Wire.FromUser<EntityKind>("kind", text));

    [Theory]
    [InlineData("code_version")]
    [InlineData("CodeVersion")]
    [InlineData("code-version")]
    public void Kinds_are_read_with_or_without_separators(string text) => Assert.Equal(EntityKind.CodeVersion, Wire.FromUser<EntityKind>("kind", text));

    [Fact]
    public void A_number_is_not_a_kind()
    {
        var error = Assert.Throws<CliException>(() => Wire.FromUser<EntityKind>("kind", "3"));
        Assert.StartsWith("--kind: unknown value '3'. Known values: DATASET, FEATURE, CODE_VERSION,", error.Message, StringComparison.Ordinal);
    }
}
