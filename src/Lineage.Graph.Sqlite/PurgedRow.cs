namespace Lineage.Graph.Sqlite;

/// <summary>A purged entity or edge (with its ends), as the <c>purged</c> table records it for other connections.</summary>
internal readonly record struct PurgedRow(int? EntityId, int? EdgeId, int From, int To);
