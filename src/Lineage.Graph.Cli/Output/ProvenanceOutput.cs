using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>The answer of <c>provenance KEY</c>: the upstream closure and the reproducibility verdict.</summary>
internal sealed class ProvenanceOutput(ProvenanceReport report, IReadOnlyList<EntityKind>? kinds) : ICommandOutput
{
    private readonly GraphView _graph = GraphView.Of(report.Walk, kinds);

    public LineageDrawing? Drawing => _graph.Drawing;

    public JsonNode ToJson() => new JsonObject
    {
        ["of"] = JsonViews.Ref(report.Of.Key),
        ["reproducible"] = report.Reproducible,
        ["issues"] = new JsonArray([.. report.Issues.Select(i => (JsonNode)new JsonObject
        {
            ["code"] = i.Code,
            ["message"] = i.Message,
            ["run"] = i.Run?.ToString(),
            ["input"] = i.Input?.ToString(),
        })]),
        ["truncated"] = report.Truncated,
        ["byKind"] = _graph.ByKindJson(),
        ["nodes"] = JsonViews.Nodes(_graph.Nodes),
        ["edges"] = JsonViews.Edges(_graph.Edges),
    };

    public void WriteTable(TextWriter writer)
    {
        writer.WriteLine($"Provenance of {report.Of.Key}: {_graph.Summary()}");
        writer.WriteLine(report.Reproducible ? "Reproducible: yes" : $"Reproducible: no ({report.Issues.Count} {(report.Issues.Count == 1 ? "issue" : "issues")})");
        foreach (var issue in report.Issues)
        {
            writer.WriteLine($"  {issue.Code}: {issue.Message}");
        }

        writer.WriteLine();
        _graph.WriteNodes(writer);
    }
}
