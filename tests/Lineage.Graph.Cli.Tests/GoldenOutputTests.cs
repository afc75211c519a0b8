namespace Lineage.Graph.Cli.Tests;

/// <summary>
/// Every command in every format it has, against both sources: the embedded file and the server
/// print the same text, the checked-in golden file (see <see cref="Golden"/>).
/// </summary>
public sealed class GoldenOutputTests(GraphHost graph) : IClassFixture<GraphHost>
{
    private readonly CliHost _host = graph.Host;

    public static TheoryData<string, string, string[]> Cases()
    {
        var cases = new (string Golden, string[] Args)[]
        {
            ("impact.txt", ["impact", TestGraph.RawEvents, "--format", "table"]),
            ("impact.json", ["impact", TestGraph.RawEvents, "--format", "json"]),
            ("impact.dot", ["impact", TestGraph.RawEvents, "--format", "dot"]),
            ("impact.mmd", ["impact", TestGraph.RawEvents, "--format", "mermaid"]),
            ("impact-models-and-deployments.json", ["impact", TestGraph.RawEvents, "--kind", "model,Deployment", "--format", "json"]),
            ("impact-depth-2.txt", ["impact", TestGraph.RawEvents, "--depth", "2", "--format", "table"]),
            ("provenance.txt", ["provenance", TestGraph.ModelV2, "--format", "table"]),
            ("provenance.json", ["provenance", TestGraph.ModelV2, "--format", "json"]),
            ("provenance.dot", ["provenance", TestGraph.ModelV2, "--format", "dot"]),
            ("provenance.mmd", ["provenance", TestGraph.ModelV2, "--format", "mermaid"]),
            ("provenance-data-only.json", ["provenance", TestGraph.ModelV2, "--relation", "PRODUCED,INPUT_TO", "--format", "json"]),
            ("lineage-both.txt", ["lineage", TestGraph.Features, "--direction", "both", "--depth", "2", "--format", "table"]),
            ("lineage-upstream.json", ["lineage", TestGraph.ModelV1, "--direction", "UPSTREAM", "--kind", "DATASET", "--kind", "code_version", "--format", "json"]),
            ("lineage-structural.json", ["lineage", TestGraph.ModelV1, "--relation", "NEXT_VERSION", "--format", "json"]),
            ("lineage-awkward.dot", ["lineage", TestGraph.Awkward.ToString(), "--direction", "upstream", "--format", "dot"]),
            ("lineage-awkward.mmd", ["lineage", TestGraph.Awkward.ToString(), "--direction", "upstream", "--format", "mermaid"]),
            ("paths.txt", ["paths", TestGraph.RawEvents, TestGraph.Deployment, "--format", "table"]),
            ("paths.json", ["paths", TestGraph.Deployment, TestGraph.RawEvents, "--format", "json"]),
            ("paths.mmd", ["paths", TestGraph.RawEvents, TestGraph.Deployment, "--format", "mermaid"]),
            ("diff.txt", ["diff", TestGraph.ModelV1, TestGraph.ModelV2, "--format", "table"]),
            ("diff.json", ["diff", TestGraph.ModelV1, TestGraph.ModelV2, "--format", "json"]),
            ("get-model.json", ["get", TestGraph.ModelV2, "--format", "json"]),
            ("get-awkward.txt", ["get", TestGraph.Awkward.ToString(), "--format", "table"]),
            ("search.txt", ["search", "click", "--format", "table"]),
            ("search-runs.json", ["search", "churn", "--kind", "run", "--limit", "2", "--format", "json"]),
        };
        var data = new TheoryData<string, string, string[]>();
        foreach (var source in new[] { CliHost.Embedded, CliHost.Server })
        {
            foreach (var (golden, args) in cases)
            {
                data.Add(source, golden, args);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_source_prints_the_golden_output(string source, string golden, string[] args)
    {
        var result = await _host.RunAsync(source, args);

        Assert.True(result.Exit == 0, $"exit {result.Exit}: {result.Err}");
        Assert.Equal("", result.Err);
        Golden.Check(golden, source, result.Out);
    }
}
