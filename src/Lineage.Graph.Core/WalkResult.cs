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
    /// Nodes the breadth-first walk visited, the start included: every node within the depth at which
    /// it stopped, the depth bound or, when the answer is truncated, the depth of the first node past
    /// the limit, since no deeper node could make the cut. Every store counts alike. A BOTH walk is two
    /// walks, and adds their counts, the start once: a node reached both ways counts twice, as the
    /// work of visiting it was done twice.
    /// </summary>
    public required int NodesVisited { get; init; }

    /// <summary>
    /// Edges the walk followed: each edge of its relations, current at its instant, that leaves a
    /// visited node above the depth at which it stopped, whether or not it led to a new node (a
    /// self-loop, or an edge closing a cycle, counts). A BOTH walk adds its two walks' counts.
    /// </summary>
    public required int EdgesVisited { get; init; }
}
