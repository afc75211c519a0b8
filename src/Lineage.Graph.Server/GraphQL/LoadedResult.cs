using GraphQL.DataLoader;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>A loader's answer passed through <paramref name="then"/> once it has arrived: what a field resolves to.</summary>
internal sealed class LoadedResult<TLoaded, T>(Func<CancellationToken, Task<TLoaded>> load, Func<TLoaded, T> then) : IDataLoaderResult<T>
{
    public async Task<T> GetResultAsync(CancellationToken cancellationToken = default) =>
        then(await load(cancellationToken).ConfigureAwait(false));

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await GetResultAsync(cancellationToken).ConfigureAwait(false);
}
