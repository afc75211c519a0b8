using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>An edge with both its entities, taken from the answer it belongs to (so asOf answers show entities since retired).</summary>
internal sealed record EdgeView(Edge Edge, Entity From, Entity To)
{
    public static List<EdgeView> Of(WalkResult walk)
    {
        var byKey = walk.Nodes.Select(n => n.Entity).Append(walk.Start).DistinctBy(e => e.Key).ToDictionary(e => e.Key);
        return [.. walk.Edges.Select(e => new EdgeView(e, byKey[e.From], byKey[e.To]))];
    }

    public static List<EdgeView> Of(LineagePath path) =>
        [.. path.Edges.Select((e, i) => new EdgeView(e, path.Entities[i], path.Entities[i + 1]))];
}
