namespace Lineage.Graph.Core;

/// <summary>
/// An edge that no longer joins its ends at an instant because it was retired (by itself or with one
/// of its ends) at <paramref name="RetiredAt"/>, its latest retirement by then: what
/// <see cref="ILineageStore.RetiredEdgesIntoAsync"/> answers, and what a provenance report lists as
/// lineage that retirement took out of its closure.
/// </summary>
public sealed record RetiredEdge(EntityKey From, EntityKey To, RelationKind Relation, DateTimeOffset RetiredAt)
{
    public EdgeRef Ref => new(From, To, Relation);
}
