namespace Lineage.Graph.Cli.Tests;

/// <summary>How the command line splits into a command, its arguments and its options.</summary>
public sealed class ParsedArgumentsTests
{
    [Fact]
    public void Options_may_come_anywhere_and_take_values_with_or_without_an_equals_sign()
    {
        var parsed = ParsedArguments.Parse(["--format=json", "impact", "--depth", "3", "dataset:a:b@1", "--kind", "MODEL,deployment", "--kind=RUN"]);

        Assert.Equal("impact", parsed.Command!.Name);
        Assert.Equal(["dataset:a:b@1"], parsed.Positionals);
        Assert.Equal("json", parsed.Single("format"));
        Assert.Equal(3, parsed.PositiveInt("depth"));
        Assert.Equal(["MODEL", "deployment", "RUN"], parsed.Many("kind"));
    }

    [Fact]
    public void A_double_dash_ends_the_options_so_a_search_may_start_with_a_dash()
    {
        var parsed = ParsedArguments.Parse(["search", "--limit", "5", "--", "--weird-name"]);

        Assert.Equal(["--weird-name"], parsed.Positionals);
        Assert.Equal(5, parsed.PositiveInt("limit"));
    }

    [Fact]
    public void An_option_given_twice_where_once_is_allowed_is_a_usage_error()
    {
        var parsed = ParsedArguments.Parse(["impact", "dataset:a:b@1", "--depth", "2", "--depth", "3"]);

        var error = Assert.Throws<CliException>(() => parsed.PositiveInt("depth"));
        Assert.Equal(CliErrorCodes.Usage, error.Code);
        Assert.Equal("--depth was given 2 times; give it once.", error.Message);
    }
}
