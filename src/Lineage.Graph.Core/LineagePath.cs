namespace Lineage.Graph.Core;

/// <summary>A path along the flow of data: entities[0] -edges[0]-> entities[1] -> ...</summary>
public sealed record LineagePath(IReadOnlyList<Entity> Entities, IReadOnlyList<Edge> Edges);
