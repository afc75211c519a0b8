namespace Lineage.Graph.Core;

/// <summary>Walk rules that every store shares, so that they cannot drift apart.</summary>
public static class Walks
{
    /// <summary>
    /// Node order: by depth, then key. Keys start with the kind's name in lower case, and the
    /// kinds' names sort the same in either case, so this is the model's (depth, kind, key).
    /// </summary>
    public static int CompareNodes(WalkNode? a, WalkNode? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var order = a.Depth.CompareTo(b.Depth);
        return order != 0 ? order : a.Entity.Key.CompareTo(b.Entity.Key);
    }

    /// <summary>
    /// A BOTH walk from its two halves, each run with the same limit: the union of their nodes
    /// (a node reached both ways keeps its smaller depth), cut to the limit in node order, and the
    /// edges of either half whose ends both survive the cut. The cut can keep only nodes of the
    /// halves' own answers, since each half holds its own first nodes in the same order.
    /// </summary>
    public static WalkResult CombineBoth(WalkResult upstream, WalkResult downstream, int limit)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(downstream);
        var byKey = new Dictionary<EntityKey, WalkNode>();
        foreach (var node in upstream.Nodes.Concat(downstream.Nodes))
        {
            if (!byKey.TryGetValue(node.Entity.Key, out var seen) || node.Depth < seen.Depth)
            {
                byKey[node.Entity.Key] = node;
            }
        }

        var nodes = byKey.Values.ToList();
        nodes.Sort(CompareNodes);
        var truncated = upstream.Truncated || downstream.Truncated || nodes.Count > limit;
        if (nodes.Count > limit)
        {
            nodes.RemoveRange(limit, nodes.Count - limit);
        }

        var kept = nodes.Select(n => n.Entity.Key).Append(upstream.Start.Key).ToHashSet();
        var edges = upstream.Edges.Concat(downstream.Edges)
            .Where(e => kept.Contains(e.From) && kept.Contains(e.To))
            .DistinctBy(e => (e.From, e.To, e.Relation))
            .ToList();
        edges.Sort(Edge.Compare);
        return new WalkResult
        {
            Start = upstream.Start,
            Nodes = nodes,
            Edges = edges,
            Truncated = truncated,
            NodesVisited = upstream.NodesVisited + downstream.NodesVisited - 1,
            EdgesVisited = upstream.EdgesVisited + downstream.EdgesVisited,
        };
    }
}
