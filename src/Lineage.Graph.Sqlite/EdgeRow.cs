using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite;

/// <summary>What the index keeps of an edge row; times are UTC ticks.</summary>
internal readonly record struct EdgeRow(int Id, int From, int To, RelationKind Relation, long RecordedAt, long? RetiredAt);
