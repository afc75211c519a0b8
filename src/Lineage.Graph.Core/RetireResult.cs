namespace Lineage.Graph.Core;

/// <summary>What a retire request changed: the entities and the edges (including those of retired entities) newly retired.</summary>
public sealed record RetireResult(int EntitiesRetired, int EdgesRetired);
