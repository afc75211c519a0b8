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

    /// <summary>
    /// Checks that every key and edge is named in full, and throws for the first that is not, naming it; an
    /// edge whose ends are of kinds its relation never joins (<see cref="NamedItems.FirstImpossibleEdge"/>)
    /// becomes <see cref="Refused"/>, with the request cut before it, so that a store still names an earlier
    /// item that is not there.
    /// </summary>
    public RetireRequest Validate()
    {
        // An impossible edge comes before any Refused item, which is past the last edge given.
        NamedItems.Check(Entities, Edges);
        return NamedItems.FirstImpossibleEdge(Edges) is { } impossible
            ? this with { Edges = [.. Edges.Take(impossible.At)], Refused = impossible.Error }
            : this;
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
