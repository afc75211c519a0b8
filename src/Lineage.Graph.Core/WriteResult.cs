namespace Lineage.Graph.Core;

/// <summary>What a batch changed. A replayed batch reports everything unchanged.</summary>
public sealed record WriteResult(int EntitiesCreated, int EntitiesUpdated, int EntitiesUnchanged, int EdgesCreated, int EdgesUnchanged);
