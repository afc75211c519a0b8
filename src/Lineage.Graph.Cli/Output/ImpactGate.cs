using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>
/// The CI gate of <c>impact --fail-on KINDS</c>: the entities of those kinds that a change reaches,
/// each with one shortest path from the changed entity.
/// </summary>
internal sealed class ImpactGate
{
    /// <summary>A CI log shows this many of the entities the walk stopped at; the JSON answer has them all.</summary>
    private const int MaxListed = 10;

    private ImpactGate(
        IReadOnlyList<EntityKind> failOn, IReadOnlyList<(WalkNode Node, IReadOnlyList<Edge> Path)> reached, int? cutAt, IReadOnlyList<WalkNode> beyondDepth)
    {
        FailOn = failOn;
        Reached = reached;
        CutAt = cutAt;
        BeyondDepth = beyondDepth;
    }

    public IReadOnlyList<EntityKind> FailOn { get; }

    public IReadOnlyList<(WalkNode Node, IReadOnlyList<Edge> Path)> Reached { get; }

    /// <summary>The entities the walk stopped at when the limit cut it short: it cannot show that nothing of the listed kinds lies beyond.</summary>
    public int? CutAt { get; }

    /// <summary>The entities at the walk's depth bound that lead further downstream: nothing past them was looked at.</summary>
    public IReadOnlyList<WalkNode> BeyondDepth { get; }

    /// <summary>The walk stopped before the whole downstream closure, at the limit or at the depth bound.</summary>
    public bool Incomplete => CutAt is not null || BeyondDepth.Count > 0;

    /// <summary>Tripped when a listed kind is reached, and when the walk stopped short of the whole closure: a gate fails closed rather than pass on part of the graph.</summary>
    public bool Tripped => Reached.Count > 0 || Incomplete;

    /// <summary>Judges the whole downstream walk, whatever <c>--kind</c> narrows the printed answer to.</summary>
    public static ImpactGate Judge(ImpactReport report, IReadOnlyList<EntityKind> failOn)
    {
        var walk = report.Walk;

        // Each node's step back is its first edge, in the walk's (from, to, relation) order, from a
        // node one hop nearer the start: a shortest path, and the one the impact report gives each
        // deployment (LineageReports picks its steps back the same way), so the two never disagree.
        var depth = walk.Nodes.ToDictionary(n => n.Entity.Key, n => n.Depth);
        depth[walk.Start.Key] = 0;
        var via = new Dictionary<EntityKey, Edge>();
        foreach (var edge in walk.Edges)
        {
            if (depth.TryGetValue(edge.From, out var from) && depth.TryGetValue(edge.To, out var to) && from == to - 1)
            {
                via.TryAdd(edge.To, edge);
            }
        }

        var reached = walk.Nodes
            .Where(n => failOn.Contains(n.Entity.Kind))
            .Select(n => (n, (IReadOnlyList<Edge>)PathTo(n.Entity.Key)))
            .ToList();
        var nodes = walk.Nodes.ToDictionary(n => n.Entity.Key);
        return new ImpactGate(
            [.. failOn.OrderBy(k => Wire.Name(k), StringComparer.Ordinal)], reached, walk.Truncated ? walk.Nodes.Count : null,
            [.. report.BeyondDepth.Select(key => nodes[key])]);

        List<Edge> PathTo(EntityKey key)
        {
            var path = new List<Edge>();
            while (via.TryGetValue(key, out var edge))
            {
                path.Insert(0, edge);
                key = edge.From;
            }

            return path;
        }
    }

    public JsonObject ToJson() => new()
    {
        ["failOn"] = JsonViews.Strings(FailOn.Select(Wire.Name)),
        ["tripped"] = Tripped,
        ["incomplete"] = Incomplete,
        ["beyondDepth"] = new JsonArray([.. BeyondDepth.Select(n => (JsonNode)JsonViews.Node(n))]),
        ["reached"] = new JsonArray([.. Reached.Select(r =>
        {
            var json = JsonViews.Node(r.Node);
            json["path"] = JsonViews.Edges(r.Path);
            return (JsonNode)json;
        })]),
    };

    /// <summary>The short report a failed CI job shows: what was reached and how.</summary>
    public void WriteReport(EntityKey changed, TextWriter writer)
    {
        var kinds = string.Join(" or ", FailOn.Select(Wire.Name));
        if (Reached.Count > 0)
        {
            writer.WriteLine($"lineage: impact gate tripped: a change to {changed} reaches {Reached.Count} {(Reached.Count == 1 ? "entity" : "entities")} of kind {kinds}:");
            foreach (var (node, path) in Reached)
            {
                writer.WriteLine($"  {Wire.Name(node.Entity.Kind)} {node.Entity.Key} (depth {node.Depth})");
                writer.WriteLine($"    via {GraphView.PathText(changed, path)}");
            }
        }

        if (CutAt is { } count)
        {
            writer.WriteLine($"lineage: impact gate tripped: the walk from {changed} stopped at {count} entities (the store's Lineage:Traversal:LimitCap), so it cannot show that no {kinds} lies beyond; narrow it with --relation.");
        }

        if (BeyondDepth.Count > 0)
        {
            writer.WriteLine($"lineage: impact gate tripped: the walk from {changed} stopped at depth {BeyondDepth[0].Depth}, and {BeyondDepth.Count} {(BeyondDepth.Count == 1 ? "entity there leads" : "entities there lead")} further downstream, so it cannot show that no {kinds} lies beyond; raise --depth (up to the store's Lineage:Traversal:MaxDepthCap).");
            foreach (var node in BeyondDepth.Take(MaxListed))
            {
                writer.WriteLine($"  {Wire.Name(node.Entity.Kind)} {node.Entity.Key}");
            }

            if (BeyondDepth.Count > MaxListed)
            {
                writer.WriteLine($"  ... and {BeyondDepth.Count - MaxListed} more (the JSON answer's gate.beyondDepth lists them all)");
            }
        }
    }
}
