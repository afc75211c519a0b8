namespace Lineage.Graph.Core;

/// <summary>
/// Entities and edges to retire, atomically. Retiring an entity retires its current edges too.
/// Retiring what is already retired changes nothing.
/// </summary>
public sealed record RetireRequest
{
    public IReadOnlyList<EntityKey> Entities { get; init; } = [];

    public IReadOnlyList<EdgeRef> Edges { get; init; } = [];

    /// <summary>Checks that every key and edge is named in full; throws for the first that is not, naming it.</summary>
    public RetireRequest Validate()
    {
        NamedItems.Check(Entities, Edges);
        return this;
    }
}
