using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// What the index keeps of an edge row; times are UTC ticks. Role and whether the edge has
/// properties are kept so that a walk can report most edges without reading their rows.
/// </summary>
internal readonly record struct EdgeRow(int Id, int From, int To, RelationKind Relation, long RecordedAt, long? RetiredAt, string? Role, bool HasProperties);
