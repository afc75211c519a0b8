using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// An entity one hop away and the edge that joins it to the entity asked about: one for each edge, so an
/// entity joined by two relations is two neighbours, and an entity with a self-loop is its own neighbour,
/// as the walk lists its edges.
/// </summary>
internal sealed record Neighbour(Entity Entity, Edge Edge)
{
    /// <summary>
    /// The neighbours of a one-hop <paramref name="walk"/> asked for by <paramref name="request"/>, in the walk's
    /// order of edges (by the neighbour's key, then relation). The walk keeps every edge at its start, filters
    /// or not, so a self-loop's is there whatever the request's kinds; it is a neighbour only where the start's
    /// kind is asked for, and counts, as the start, towards the request's limit of entities.
    /// </summary>
    public static List<Neighbour> From(WalkResult walk, WalkRequest request)
    {
        var byKey = walk.Nodes.ToDictionary(n => n.Entity.Key, n => n.Entity);
        var start = walk.Start.Key;
        var startIsListed = request.Kinds is null || request.Kinds.Contains(start.Kind);
        if (startIsListed)
        {
            byKey[start] = walk.Start;
        }

        var downstream = request.Direction == Direction.Downstream;
        var joined = walk.Edges
            .Where(e => downstream ? e.From == start : e.To == start)
            .Select(e => (Key: downstream ? e.To : e.From, Edge: e))
            .Where(n => byKey.ContainsKey(n.Key))
            .ToList();

        // The walk returns at most the limit's entities besides its start; with the start among them, the list's
        // first entities by key (those the walk returned sort before any it left out) are the limit's.
        var kept = joined.Select(n => n.Key).Distinct().Take(request.Limit ?? int.MaxValue).ToHashSet();
        return [.. joined.Where(n => kept.Contains(n.Key)).Select(n => new Neighbour(byKey[n.Key], n.Edge))];
    }
}
