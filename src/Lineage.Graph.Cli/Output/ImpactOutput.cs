using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>The answer of <c>impact KEY</c>: the downstream closure, the models and deployments it reaches, and the gate's verdict.</summary>
internal sealed class ImpactOutput(ImpactReport report, IReadOnlyList<EntityKind>? kinds, ImpactGate? gate) : ICommandOutput
{
    private readonly GraphView _graph = GraphView.Of(report.Walk, kinds);

    public LineageDrawing? Drawing => _graph.Drawing;

    private IEnumerable<WalkNode> Models => report.Models.Where(Shown);

    private IEnumerable<DeploymentImpact> Deployments => report.Deployments.Where(d => Shown(d.Deployment));

    public JsonNode ToJson()
    {
        var json = new JsonObject
        {
            ["of"] = JsonViews.Ref(report.Of.Key),
            ["truncated"] = report.Truncated,
            ["beyondDepth"] = JsonViews.Strings(report.BeyondDepth.Select(k => k.ToString())),
            ["byKind"] = _graph.ByKindJson(),
            ["nodes"] = JsonViews.Nodes(_graph.Nodes),
            ["edges"] = JsonViews.Edges(_graph.Edges),
            ["models"] = JsonViews.Nodes(Models),
            ["deployments"] = new JsonArray([.. Deployments.Select(d =>
            {
                var deployment = JsonViews.Node(d.Deployment);
                deployment["path"] = JsonViews.Edges(d.Path.Edges);
                return (JsonNode)deployment;
            })]),
        };
        if (gate is not null)
        {
            json["gate"] = gate.ToJson();
        }

        return json;
    }

    public void WriteTable(TextWriter writer)
    {
        writer.WriteLine($"Impact of {report.Of.Key}: {_graph.Summary()}");
        writer.WriteLine();
        _graph.WriteNodes(writer);
        var deployments = Deployments.ToList();
        if (deployments.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Deployments reached:");
            foreach (var deployment in deployments)
            {
                writer.WriteLine($"  {deployment.Deployment.Entity.Key} (depth {deployment.Deployment.Depth})");
                writer.WriteLine($"    via {GraphView.PathText(report.Of.Key, deployment.Path.Edges)}");
            }
        }

        if (report.BeyondDepth.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"Beyond the depth bound: {report.BeyondDepth.Count} {(report.BeyondDepth.Count == 1 ? "entity leads" : "entities lead")} further downstream (raise --depth to follow):");
            foreach (var key in report.BeyondDepth)
            {
                writer.WriteLine($"  {key}");
            }
        }

        if (gate is not null)
        {
            writer.WriteLine();
            var kinds = string.Join(", ", gate.FailOn.Select(Wire.Name));
            var stopped = gate.CutAt is { } count ? $"the walk was cut short at {count} entities" : "the walk stopped at the depth bound";
            writer.WriteLine(gate switch
            {
                { Reached.Count: > 0 } => $"Gate: tripped ({gate.Reached.Count} of {kinds} reached{(gate.Incomplete ? "; " + stopped : "")})",
                { Incomplete: true } => $"Gate: tripped ({stopped}, so no {kinds} beyond can be ruled out)",
                _ => $"Gate: passed (no {kinds} reached)",
            });
        }
    }

    private bool Shown(WalkNode node) => kinds is null || kinds.Contains(node.Entity.Kind);
}
