namespace Lineage.Graph.Core;

/// <summary>
/// Entities and edges to retire, atomically. Retiring an entity retires its current edges too.
/// Retiring what is already retired changes nothing.
/// </summary>
public sealed record RetireRequest
{
    public IReadOnlyList<EntityKey> Entities { get; init; } = [];

    public IReadOnlyList<EdgeRef> Edges { get; init; } = [];

    /// <summary>
    /// Why the item after this request's last one was refused before the request reached a store (a
    /// key that did not parse), as for <see cref="WriteBatch.Refused"/>: a store checks that these items
    /// exist, throws the first that does not, and otherwise throws this one, retiring nothing either way.
    /// </summary>
    public LineageException? Refused { get; init; }

    /// <summary>Checks that every key and edge is named in full; throws for the first that is not, naming it.</summary>
    public RetireRequest Validate()
    {
        NamedItems.Check(Entities, Edges);
        return this;
    }

    /// <summary>Throws <see cref="Refused"/>, if there is one: for a store, once these items have passed its checks and before it retires anything.</summary>
    public void ThrowIfRefused()
    {
        if (Refused is { } refused)
        {
            throw refused;
        }
    }
}
