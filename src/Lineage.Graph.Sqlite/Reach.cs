namespace Lineage.Graph.Sqlite;

/// <summary>
/// What the breadth-first part of a walk reached: each node once, in depth order, with whether it
/// is of a returned kind; whether more returned-kind nodes were reachable than the limit.
/// </summary>
internal sealed record Reach(IReadOnlyList<(int Id, int Depth, bool Returned)> Reached, bool Truncated, int NodesVisited, int EdgesVisited);
