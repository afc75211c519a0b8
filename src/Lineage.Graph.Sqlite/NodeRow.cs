using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// What the index keeps of an entity row; times are UTC ticks, the key is its canonical text, and
/// the sequence is that of the commit that last changed the row.
/// </summary>
internal readonly record struct NodeRow(int Id, EntityKind Kind, long RecordedAt, long? RetiredAt, string Key, long Sequence);
