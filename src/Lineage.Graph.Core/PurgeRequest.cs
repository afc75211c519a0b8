namespace Lineage.Graph.Core;

/// <summary>
/// Entities (with every edge they have, current or retired) and edges (every version of each) to
/// delete physically, atomically. Unlike retiring, this leaves nothing for asOf queries: it is the
/// explicit admin operation for data that must go (a mistaken import, a legal erasure).
/// Purging what is not there changes nothing, so a replayed purge is harmless.
/// </summary>
public sealed record PurgeRequest
{
    public IReadOnlyList<EntityKey> Entities { get; init; } = [];

    public IReadOnlyList<EdgeRef> Edges { get; init; } = [];

    /// <summary>
    /// Checks that every key and edge is named in full, and that each edge's ends are of kinds its relation
    /// joins (an edge no write could make would otherwise purge nothing without a word); throws for the first
    /// that is not, naming it.
    /// </summary>
    public PurgeRequest Validate()
    {
        NamedItems.Check(Entities, Edges);
        return NamedItems.FirstImpossibleEdge(Edges) is { } impossible ? throw impossible.Error : this;
    }
}
