using GraphQL.DataLoader;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Batches one kind of lookup by key over one operation: every key asked for while a level of the
/// query is resolved is fetched in one store call when the first result is awaited, and each key
/// once. A key asked for while its batch is in flight (a remote store answers later) waits for that
/// batch rather than fetching again. GraphQL.NET's execution strategy resolves
/// <see cref="IDataLoaderResult"/>s only after the whole level has asked, which is what lets this batch.
/// </summary>
/// <remarks>
/// A loader lives as long as its scope: an operation of a batched request (<c>GraphQLHttpHandler</c>
/// gives each its own), or one top-level field of a mutation (<see cref="MutationExecutionStrategy"/>),
/// so its answers are as of the writes before it.
/// </remarks>
internal abstract class BatchLoader<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _asked = [];
    private HashSet<TKey> _pending = [];

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_asked.ContainsKey(key))
            {
                _asked[key] = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending.Add(key);
            }
        }

        return new Result(this, key);
    }

    /// <summary>The value of <paramref name="key"/>, passed through <paramref name="then"/> once fetched (which may throw, failing its field alone).</summary>
    public IDataLoaderResult<T> Load<T>(TKey key, Func<TValue?, T> then) => new LoadedResult<TValue?, T>(Load(key).GetResultAsync, then);

    /// <summary>The values of <paramref name="keys"/> in one store call; a key left out has none.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken);

    /// <summary>Sends every key asked for and not yet sent, unless this key's batch is sent already, then waits for this key's value.</summary>
    private async Task<TValue?> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        HashSet<TKey> batch = [];
        TaskCompletionSource<TValue?> answer;
        lock (_gate)
        {
            answer = _asked[key];
            if (_pending.Contains(key))
            {
                (batch, _pending) = (_pending, []);
            }
        }

        if (batch.Count > 0)
        {
            try
            {
                var found = await FetchAsync(batch, cancellationToken).ConfigureAwait(false);
                Settle(batch, (asked, value) => value.TrySetResult(found.GetValueOrDefault(asked)));
            }
            catch (Exception ex)
            {
                // Every result of the batch fails as the call did, and none is fetched again.
                Settle(batch, (_, value) => value.TrySetException(ex));
            }
        }

        return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Settle(HashSet<TKey> batch, Action<TKey, TaskCompletionSource<TValue?>> settle)
    {
        List<(TKey Key, TaskCompletionSource<TValue?> Value)> answers;
        lock (_gate)
        {
            answers = [.. batch.Select(key => (key, _asked[key]))];
        }

        answers.ForEach(a => settle(a.Key, a.Value));
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
