namespace Lineage.Graph.Core;

/// <summary>Names an edge by its identity, for retiring it.</summary>
public sealed record EdgeRef(EntityKey From, EntityKey To, RelationKind Relation);
