using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>The current entities of keys asked for by a request, in one <see cref="ILineageStore.GetManyAsync"/> per level.</summary>
internal sealed class EntityLoader(ILineageStore store) : BatchLoader<EntityKey, Entity>
{
    protected override Task<IReadOnlyDictionary<EntityKey, Entity>> FetchAsync(IReadOnlyCollection<EntityKey> keys, CancellationToken cancellationToken) =>
        store.GetManyAsync(keys, null, cancellationToken);
}
