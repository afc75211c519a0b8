using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Search limits up to the store's cap, which the server answers a page at a time within its complexity budget.</summary>
public sealed class SearchTests(ManyTablesHost tables) : IClassFixture<ManyTablesHost>
{
    private readonly CliHost _host = tables.Host;

    public static TheoryData<string> Sources() => [CliHost.Embedded, CliHost.Server];

    [Theory]
    [InlineData(600)]
    [InlineData(EntityQuery.MaxFirst)]
    public async Task A_limit_past_one_request_s_complexity_budget_answers_as_the_database_file_does(int limit)
    {
        var embedded = await _host.RunAsync(CliHost.Embedded, "search", "table-", "--limit", $"{limit}", "--format", "json");
        var server = await _host.RunAsync(CliHost.Server, "search", "table-", "--limit", $"{limit}", "--format", "json");

        Assert.True(server.Exit == 0, server.Err);
        Assert.Equal(embedded.Out, server.Out);
        var json = JsonNode.Parse(server.Out)!;
        Assert.Equal(Math.Min(limit, ManyTablesHost.Count), json["entities"]!.AsArray().Count);
        Assert.Equal(ManyTablesHost.Count, (int)json["totalCount"]!);
    }

    [Fact]
    public async Task A_limit_that_stops_within_the_matches_says_there_are_more()
    {
        var embedded = await _host.RunAsync(CliHost.Embedded, "search", "table-", "--limit", "300", "--format", "json");
        var server = await _host.RunAsync(CliHost.Server, "search", "table-", "--limit", "300", "--format", "json");

        Assert.Equal(0, server.Exit);
        Assert.Equal(embedded.Out, server.Out);
        var json = JsonNode.Parse(server.Out)!;
        Assert.True((bool)json["hasNextPage"]!);
        Assert.Equal(300, json["entities"]!.AsArray().Count);
        Assert.Equal("dataset:s3://lake:table-0299@1", (string)json["entities"]![299]!["key"]!);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_limit_past_the_store_s_cap_is_refused_by_either_source(string source)
    {
        var result = await _host.RunAsync(source, "search", "table-", "--limit", $"{EntityQuery.MaxFirst + 1}");

        Assert.Equal(6, result.Exit);
        Assert.Equal($"lineage: LIMIT_EXCEEDED: --limit must be between 1 and {EntityQuery.MaxFirst}; it was {EntityQuery.MaxFirst + 1}.\n", result.Err.ReplaceLineEndings("\n"));
    }

}
