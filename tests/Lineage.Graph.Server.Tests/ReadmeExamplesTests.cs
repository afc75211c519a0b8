using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// Every GraphQL example in README.md, run in the order a reader meets them against the demo graph
/// that <c>--seed-demo</c> writes, with an admin key: each must answer without an error, and each
/// field it asks for at the top must be there (a query about a key the demo lacks answers null).
/// </summary>
public sealed partial class ReadmeExamplesTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task Every_graphql_example_in_the_readme_runs_on_the_demo_graph()
    {
        var examples = GraphQLBlock().Matches(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"))).Select(m => m.Groups[1].Value).ToList();
        Assert.True(examples.Count >= 8, $"README.md has {examples.Count} GraphQL examples; the test looks for them as ```graphql blocks.");
        var admin = server.Admin();

        foreach (var example in examples)
        {
            var response = await admin.PostAsync(example);

            Assert.False(response.Json.TryGetProperty("errors", out _), $"{example}\nanswered {response.Body}");
            foreach (var field in response.Json.GetProperty("data").EnumerateObject())
            {
                Assert.True(field.Value.ValueKind == JsonValueKind.Object, $"{example}\nanswered {field.Name}: {field.Value}");
                if (field.Value.TryGetProperty("errors", out var errors))
                {
                    Assert.True(errors.GetArrayLength() == 0, $"{example}\nanswered {errors}");
                }
            }
        }
    }

    [GeneratedRegex(@"```graphql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlock();
}
