using System.Text.Json;
using Lineage.Graph.Cli.Output;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Tests;

/// <summary>The default format follows where stdout goes; DOT and Mermaid escape keys for their languages.</summary>
public sealed class OutputFormatTests(GraphHost graph) : IClassFixture<GraphHost>
{
    private readonly CliHost _host = graph.Host;

    [Fact]
    public async Task A_terminal_gets_a_table_by_default()
    {
        var result = await _host.RunAsync(CliHost.Embedded, new CliEnvironment { OutputIsTerminal = true }, CliHost.ReaderKey, "impact", TestGraph.ModelV2);

        Assert.Equal(0, result.Exit);
        Assert.StartsWith($"Impact of {TestGraph.ModelV2}: 2 entities: 1 DEPLOYMENT, 1 RUN\n", result.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipe_gets_json_by_default()
    {
        var result = await _host.RunAsync(CliHost.Server, "impact", TestGraph.ModelV2);

        Assert.Equal(0, result.Exit);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(TestGraph.ModelV2, json.GetProperty("of").GetProperty("key").GetString());
        Assert.Equal(TestGraph.Deployment, json.GetProperty("deployments")[0].GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("dataset:s3://b:plain@1", "\"dataset:s3://b:plain@1\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\temp", "\"C:\\\\temp\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    [InlineData("données ✓", "\"données ✓\"")]
    public void Dot_quotes_escape_backslashes_and_quotes_only(string text, string quoted) => Assert.Equal(quoted, DotWriter.Quote(text));

    [Theory]
    [InlineData("dataset:s3://b/p:events@2024-06-01", "dataset:s3://b/p:events@2024-06-01")]
    [InlineData("a \"quoted\" name", "a #quot;quoted#quot; name")]
    [InlineData("<b>#1</b>", "#lt;b#gt;#35;1#lt;/b#gt;")]
    [InlineData("a|b & `c`", "a#124;b #amp; #96;c#96;")]
    [InlineData("résumé", "résumé")]
    public void Mermaid_labels_write_markup_characters_as_entity_codes(string text, string escaped) => Assert.Equal(escaped, MermaidWriter.Escape(text));

    [Fact]
    public void Mermaid_ids_do_not_depend_on_keys_and_the_start_comes_first()
    {
        var start = EntityKey.Parse("model:m:x@1");
        var deployment = EntityKey.Parse("deployment:prod:api@1");
        var edge = new Edge { From = start, To = deployment, Relation = RelationKind.DeployedAs, RecordedAt = TestGraph.WrittenAt };
        using var writer = new StringWriter();

        MermaidWriter.Write(new LineageDrawing(start, [deployment], [edge]), writer);

        var lines = writer.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("  n0[\"MODEL<br/>model:m:x@1\"]", lines[1]);
        Assert.Equal("  n1[\"DEPLOYMENT<br/>deployment:prod:api@1\"]", lines[2]);
        Assert.Equal("  n0 -->|\"DEPLOYED_AS\"| n1", lines[3]);
    }
}
