namespace Lineage.Graph.Core;

/// <summary>
/// A walk's answer as keys (<see cref="ILineageStore.WalkKeysManyAsync"/>): the start, each node's
/// key and depth, and each followed edge's ends and relation, in the orders of <see cref="WalkResult"/>.
/// </summary>
public sealed record WalkKeys(EntityKey Start, IReadOnlyList<(EntityKey Key, int Depth)> Nodes, IReadOnlyList<EdgeRef> Edges, bool Truncated)
{
    /// <summary>The keys of a walk's whole answer.</summary>
    public static WalkKeys Of(WalkResult walk)
    {
        ArgumentNullException.ThrowIfNull(walk);
        return new WalkKeys(
            walk.Start.Key,
            [.. walk.Nodes.Select(n => (n.Entity.Key, n.Depth))],
            [.. walk.Edges.Select(e => e.Ref)],
            walk.Truncated);
    }
}
