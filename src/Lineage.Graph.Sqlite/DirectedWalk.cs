namespace Lineage.Graph.Sqlite;

/// <summary>The ids a one-direction walk over the index found, before entity data is read.</summary>
internal sealed record DirectedWalk(
    IReadOnlyList<(int Id, int Depth)> Nodes, IReadOnlyList<int> Edges, bool Truncated, int NodesVisited, int EdgesVisited);
