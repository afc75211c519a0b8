using GraphQL.DataLoader;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Batches one kind of lookup by key over one request: every key asked for while a level of the
/// query is resolved is fetched in one store call when the first result is awaited, and each key
/// once per request. GraphQL.NET's execution strategy resolves <see cref="IDataLoaderResult"/>s only
/// after the whole level has asked, which is what lets this batch.
/// </summary>
internal abstract class BatchLoader<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TValue?> _loaded = [];
    private HashSet<TKey> _pending = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
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

    /// <summary>The values of <paramref name="keys"/> in one store call; a key left out has none.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken);

    private async Task<TValue?> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        HashSet<TKey> batch;
        lock (_gate)
        {
            if (_loaded.TryGetValue(key, out var known))
            {
                return known;
            }

            (batch, _pending) = (_pending, []);
            batch.Add(key);
        }

        var found = await FetchAsync(batch, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var asked in batch)
            {
                _loaded[asked] = found.GetValueOrDefault(asked);
            }

            return _loaded[key];
        }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
