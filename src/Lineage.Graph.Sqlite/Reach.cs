namespace Lineage.Graph.Sqlite;

/// <summary>
/// What the breadth-first part of a walk reached: the nodes of returned kinds, each once, in
/// depth order; how many nodes it visited in all, the start included; whether more returned-kind
/// nodes were reachable than the limit.
/// </summary>
internal sealed record Reach(List<(int Id, int Depth)> Returned, bool Truncated, int NodesVisited, int EdgesVisited);
