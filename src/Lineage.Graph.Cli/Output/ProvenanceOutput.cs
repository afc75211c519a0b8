using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>The answer of <c>provenance KEY</c>: the upstream closure and the reproducibility verdict.</summary>
internal sealed class ProvenanceOutput(ProvenanceReport report, IReadOnlyList<EntityKind>? kinds) : ICommandOutput
{
    private readonly GraphView _graph = GraphView.Of(report.Walk, kinds);

    // Both sources ask for them (the embedded one by default, the remote one in its query).
    private readonly IReadOnlyList<RetiredEdge> _retired = report.RetiredUpstream ?? [];

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
        ["retiredUpstream"] = new JsonArray([.. _retired.Select(e => (JsonNode)new JsonObject
        {
            ["from"] = e.From.ToString(),
            ["to"] = e.To.ToString(),
            ["relation"] = Relations.Name(e.Relation),
            ["retiredAt"] = Wire.Time(e.RetiredAt),
        })]),
        ["retiredUpstreamTruncated"] = report.RetiredUpstreamTruncated,
    };

    public void WriteTable(TextWriter writer)
    {
        writer.WriteLine($"Provenance of {report.Of.Key}: {_graph.Summary()}");
        writer.WriteLine(report.Reproducible ? "Reproducible: yes" : $"Reproducible: no ({report.Issues.Count} {(report.Issues.Count == 1 ? "issue" : "issues")})");
        foreach (var issue in report.Issues)
        {
            writer.WriteLine($"  {issue.Code}: {issue.Message}");
        }

        if (_retired.Count > 0)
        {
            // The verdict judged the closure as it is: what retirement took out of it is named, so that
            // an audit does not take a closure that lost a retired base model or dataset for the whole.
            var count = report.RetiredUpstreamTruncated ? $"the first {_retired.Count} of more" : $"{_retired.Count}";
            writer.WriteLine($"Retired upstream, not in this closure nor judged ({count}); ask with --as-of before a retirement to see it:");
            foreach (var edge in _retired)
            {
                writer.WriteLine($"  {edge.From} -{Relations.Name(edge.Relation)}-> {edge.To}, retired {Wire.Time(edge.RetiredAt)}");
            }
        }

        writer.WriteLine();
        _graph.WriteNodes(writer);
    }
}
