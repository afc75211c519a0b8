using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Sources;

/// <summary>
/// Where the commands read and write: an embedded database file or a server. Both answer with
/// Core's result types, so the same graph gives the same output whichever source served it.
/// Failures arrive as <see cref="LineageException"/>s.
/// </summary>
internal interface ILineageSource : IAsyncDisposable
{
    /// <summary>The current entity; <see cref="NotFoundException"/> when there is none.</summary>
    Task<Entity> GetAsync(EntityKey key, CancellationToken cancellationToken);

    Task<EntityPage> SearchAsync(EntityQuery query, CancellationToken cancellationToken);

    Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken);

    Task<ImpactReport> ImpactAsync(
        EntityKey key, int? maxDepth, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf, CancellationToken cancellationToken);

    Task<ProvenanceReport> ProvenanceAsync(
        EntityKey key, int? maxDepth, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf, CancellationToken cancellationToken);

    Task<PathsResult> PathsAsync(
        EntityKey from, EntityKey to, int k, int? maxDepth, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf,
        CancellationToken cancellationToken);

    Task<DiffReport> DiffAsync(EntityKey a, EntityKey b, int? maxDepth, DateTimeOffset? asOf, CancellationToken cancellationToken);

    /// <summary>Writes one batch atomically; a replayed batch reports everything unchanged.</summary>
    Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken);
}
