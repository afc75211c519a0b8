using GraphQL.DataLoader;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Batches the entity lookups of one request: every key asked for while a level of the query is
/// resolved is fetched with one <see cref="ILineageStore.GetManyAsync"/> when the first result is
/// awaited, and each key is fetched once per request. GraphQL.NET's execution strategy resolves
/// <see cref="IDataLoaderResult"/>s only after the whole level has asked, which is what lets this batch.
/// </summary>
internal sealed class EntityLoader(ILineageStore store)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<EntityKey, Entity?> _loaded = [];
    private HashSet<EntityKey> _pending = [];

    public IDataLoaderResult<Entity?> Load(EntityKey key)
    {
        lock (_gate)
        {
            if (!_loaded.ContainsKey(key))
            {
                _pending.Add(key);
            }
        }

        return new Result(this, key);
    }

    private async Task<Entity?> GetAsync(EntityKey key, CancellationToken cancellationToken)
    {
        HashSet<EntityKey> batch;
        lock (_gate)
        {
            if (_loaded.TryGetValue(key, out var known))
            {
                return known;
            }

            (batch, _pending) = (_pending, []);
            batch.Add(key);
        }

        var found = await store.GetManyAsync(batch, null, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var asked in batch)
            {
                _loaded[asked] = found.GetValueOrDefault(asked);
            }

            return _loaded[key];
        }
    }

    private sealed class Result(EntityLoader loader, EntityKey key) : IDataLoaderResult<Entity?>
    {
        public Task<Entity?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
