using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// An entity one hop away and the edge that joins it to the entity asked about: one for each edge, so an
/// entity joined by two relations is two neighbours, and an entity with a self-loop is its own neighbour,
/// as the walk lists its edges.
/// </summary>
internal sealed record Neighbour(Entity Entity, Edge Edge)
{
    public static List<Neighbour> From(WalkResult walk, Direction direction)
    {
        var byKey = walk.Nodes.ToDictionary(n => n.Entity.Key, n => n.Entity);
        byKey[walk.Start.Key] = walk.Start;
        var start = walk.Start.Key;
        return
        [
            .. walk.Edges
                .Where(e => direction == Direction.Downstream ? e.From == start : e.To == start)
                .Select(e => new Neighbour(byKey[direction == Direction.Downstream ? e.To : e.From], e)),
        ];
    }
}
