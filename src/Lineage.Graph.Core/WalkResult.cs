namespace Lineage.Graph.Core;

/// <summary>
/// The answer to a walk: the start, the nodes in (depth, kind, key) order, the followed edges
/// between returned nodes in (from, to, relation) order, whether more nodes were reachable than
/// returned, and how much of the graph the walk touched.
/// </summary>
public sealed record WalkResult
{
    public required Entity Start { get; init; }

    public required IReadOnlyList<WalkNode> Nodes { get; init; }

    public required IReadOnlyList<Edge> Edges { get; init; }

    public required bool Truncated { get; init; }

    /// <summary>
    /// Distinct nodes the walk reached, the start included; a store may stop early once it knows the
    /// answer is truncated. A BOTH walk is two walks, and adds their counts, the start once: a node
    /// reached both ways counts twice, as the work of visiting it was done twice.
    /// </summary>
    public required int NodesVisited { get; init; }

    /// <summary>Edges the walk examined that passed its relation and time filters.</summary>
    public required int EdgesVisited { get; init; }
}
