using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>
/// A walk as the output shows it: the nodes of the kinds asked for (all when none were), and the
/// walk's edges between what is shown. The walk itself passed through every kind.
/// </summary>
internal sealed record GraphView(Entity Start, IReadOnlyList<WalkNode> Nodes, IReadOnlyList<Edge> Edges, bool Truncated)
{
    public static GraphView Of(WalkResult walk, IReadOnlyList<EntityKind>? kinds)
    {
        var nodes = kinds is null ? walk.Nodes : [.. walk.Nodes.Where(n => kinds.Contains(n.Entity.Kind))];
        var shown = nodes.Select(n => n.Entity.Key).Append(walk.Start.Key).ToHashSet();
        return new GraphView(walk.Start, nodes, [.. walk.Edges.Where(e => shown.Contains(e.From) && shown.Contains(e.To))], walk.Truncated);
    }

    public LineageDrawing Drawing => new(Start.Key, [.. Nodes.Select(n => n.Entity.Key)], Edges);

    public JsonArray ByKindJson() =>
        [.. Nodes.GroupBy(n => n.Entity.Kind).OrderBy(g => Wire.Name(g.Key), StringComparer.Ordinal)
            .Select(g => new JsonObject { ["kind"] = Wire.Name(g.Key), ["count"] = g.Count() })];

    /// <summary>"12 entities: 2 DATASET, 1 DEPLOYMENT, ..."</summary>
    public string Summary() =>
        Nodes.Count == 0 ? "no entities"
        : $"{Nodes.Count} {(Nodes.Count == 1 ? "entity" : "entities")}: "
          + string.Join(", ", Nodes.GroupBy(n => n.Entity.Kind).OrderBy(g => Wire.Name(g.Key), StringComparer.Ordinal).Select(g => $"{g.Count()} {Wire.Name(g.Key)}"));

    public void WriteNodes(TextWriter writer)
    {
        var table = new TextTable("DEPTH", "KIND", "KEY").Add("0", Wire.Name(Start.Kind), Start.Key.ToString());
        foreach (var node in Nodes)
        {
            table.Add(node.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture), Wire.Name(node.Entity.Kind), node.Entity.Key.ToString());
        }

        table.Write(writer);
        if (Truncated)
        {
            writer.WriteLine("(truncated: more entities are reachable than the limit lets through)");
        }
    }

    public void WriteEdges(TextWriter writer)
    {
        var table = new TextTable("FROM", "RELATION", "TO");
        foreach (var edge in Edges)
        {
            table.Add(edge.From.ToString(), Relations.Name(edge.Relation) + (edge.Role is null ? "" : $" ({edge.Role})"), edge.To.ToString());
        }

        table.Write(writer);
    }

    /// <summary>A path on one line: <c>a -INPUT_TO-> b -PRODUCED-> c</c>.</summary>
    public static string PathText(EntityKey start, IReadOnlyList<Edge> edges) =>
        string.Concat(edges.Select(e => $" -{Relations.Name(e.Relation)}-> {e.To}").Prepend(start.ToString()));
}
