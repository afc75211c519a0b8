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
        var (nodes, edges, truncated) = Combine(
            upstream.Nodes.Concat(downstream.Nodes), n => (n.Entity.Key, n.Depth), CompareNodes,
            upstream.Edges.Concat(downstream.Edges), e => (e.From, e.To, e.Relation), Edge.Compare,
            upstream.Start.Key, upstream.Truncated || downstream.Truncated, limit);
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

    /// <summary>The same for the halves' keys (<see cref="ILineageStore.WalkKeysManyAsync"/>).</summary>
    public static WalkKeys CombineBoth(WalkKeys upstream, WalkKeys downstream, int limit)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(downstream);
        var (nodes, edges, truncated) = Combine(
            upstream.Nodes.Concat(downstream.Nodes), n => n, CompareKeys,
            upstream.Edges.Concat(downstream.Edges), e => (e.From, e.To, e.Relation), EdgeRef.Compare,
            upstream.Start, upstream.Truncated || downstream.Truncated, limit);
        return new WalkKeys(upstream.Start, nodes, edges, truncated);
    }

    /// <summary>Node order for keys: by depth, then key, as <see cref="CompareNodes"/>.</summary>
    public static int CompareKeys((EntityKey Key, int Depth) a, (EntityKey Key, int Depth) b)
    {
        var order = a.Depth.CompareTo(b.Depth);
        return order != 0 ? order : a.Key.CompareTo(b.Key);
    }

    private static (List<TNode> Nodes, List<TEdge> Edges, bool Truncated) Combine<TNode, TEdge>(
        IEnumerable<TNode> halves, Func<TNode, (EntityKey Key, int Depth)> place, Comparison<TNode> nodeOrder,
        IEnumerable<TEdge> halvesEdges, Func<TEdge, (EntityKey From, EntityKey To, RelationKind Relation)> identity, Comparison<TEdge> edgeOrder,
        EntityKey start, bool halfTruncated, int limit)
    {
        var byKey = new Dictionary<EntityKey, TNode>();
        foreach (var node in halves)
        {
            var (key, depth) = place(node);
            if (!byKey.TryGetValue(key, out var seen) || depth < place(seen).Depth)
            {
                byKey[key] = node;
            }
        }

        var nodes = byKey.Values.ToList();
        nodes.Sort(nodeOrder);
        var truncated = halfTruncated || nodes.Count > limit;
        if (nodes.Count > limit)
        {
            nodes.RemoveRange(limit, nodes.Count - limit);
        }

        var kept = nodes.Select(n => place(n).Key).Append(start).ToHashSet();
        var edges = halvesEdges
            .Where(e => kept.Contains(identity(e).From) && kept.Contains(identity(e).To))
            .DistinctBy(identity)
            .ToList();
        edges.Sort(edgeOrder);
        return (nodes, edges, truncated);
    }
}
