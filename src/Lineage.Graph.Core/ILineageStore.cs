namespace Lineage.Graph.Core;

/// <summary>
/// The store port. Every store (embedded SQLite, Neo4j) implements it with the same answers for
/// the same graph; the store contract suite holds them to it. Failures arrive only as
/// <see cref="LineageException"/>s.
/// </summary>
public interface ILineageStore : IAsyncDisposable
{
    /// <summary>Writes a batch atomically: all of it or, on the first bad item, none of it.</summary>
    Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Retires entities (with their edges) and edges atomically; unknown ones are <see cref="NotFoundException"/>.</summary>
    Task<RetireResult> RetireAsync(RetireRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes entities (with all their edges) and edges physically and atomically; see <see cref="PurgeRequest"/>.</summary>
    Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken = default);

    /// <summary>The current entity, or the one that existed at <paramref name="asOf"/>; null when there is none.</summary>
    Task<Entity?> GetAsync(EntityKey key, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>Many entities in one round trip (what GraphQL batching needs); missing keys are left out of the answer.</summary>
    Task<IReadOnlyDictionary<EntityKey, Entity>> GetManyAsync(
        IReadOnlyCollection<EntityKey> keys, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>A page of current entities in key order.</summary>
    Task<EntityPage> ListAsync(EntityQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="WalkManyAsync"/>'s answers as keys alone (<see cref="WalkKeys.Of"/>), for callers that
    /// need only which entities the walks reach and by which edges: the Marquez endpoint walks every
    /// version and run of a lineage, hundreds of thousands of walks whose entities it never reads. A
    /// store that keeps keys apart from entities (the embedded one, in its index) answers without
    /// reading an entity.
    /// </summary>
    Task<IReadOnlyList<WalkKeys?>> WalkKeysManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>
    /// The edges of <paramref name="relations"/> into any of <paramref name="keys"/> (their <c>to</c>) that
    /// are not current at <paramref name="asOf"/> (now when null) though a version of them was retired by
    /// then: the lineage that retirement took out of an upstream walk through those keys. Each edge once,
    /// with its latest retirement by then; an edge written again since its retirement is current, and not
    /// among them. Keys that name no entity add nothing. The first <paramref name="limit"/> of them in
    /// (from, to, relation) order: a retention job that retires thousands of runs' edges into one
    /// table would otherwise send them all with every provenance over it.
    /// </summary>
    Task<IReadOnlyList<RetiredEdge>> RetiredEdgesIntoAsync(
        IReadOnlyCollection<EntityKey> keys, IReadOnlyList<RelationKind> relations, DateTimeOffset? asOf, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every current version of each logical entity (the kind, namespace and name its versions share,
    /// <see cref="EntityKey.Logical"/>), in one round trip: what GraphQL's <c>versions</c> field asks for
    /// a whole list of entities, and the Marquez endpoint for its datasets. Each list is oldest first
    /// (<see cref="EntityVersions.Compare"/>), whole, however long, or with <paramref name="newest"/> the
    /// newest that many, still oldest first, without the others' entities being read or sent (a caller
    /// that refuses lists past a bound asks for one more than it; a store may still read the others'
    /// recorded times to find the newest). An entity with no current version answers an
    /// empty list, so every one asked for is in the answer.
    /// </summary>
    Task<IReadOnlyDictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>>> ListVersionsAsync(
        IReadOnlyCollection<(EntityKind Kind, string Namespace, string Name)> entities, int? newest = null, CancellationToken cancellationToken = default);

    /// <summary>Whether the store can answer now, for health endpoints; never throws for an unreachable store.</summary>
    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>A traversal; throws <see cref="NotFoundException"/> when the start does not exist (at asOf).</summary>
    Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Many walks in one call, for callers that walk from many entities at once (GraphQL's
    /// neighbour fields over a list, the Marquez lineage endpoint): each answer is the one
    /// <see cref="WalkAsync"/> gives for its request, in request order, or null where the start does
    /// not exist (at its asOf). Every request is checked before any walk runs. A remote store answers
    /// walks that share their options in a few round trips, not several per walk.
    /// </summary>
    Task<IReadOnlyList<WalkResult?>> WalkManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default);
}
