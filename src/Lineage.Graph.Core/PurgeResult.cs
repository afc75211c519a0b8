namespace Lineage.Graph.Core;

/// <summary>What a purge deleted: entities, and edges (those of the purged entities included, every version counted).</summary>
public sealed record PurgeResult(int EntitiesPurged, int EdgesPurged);
