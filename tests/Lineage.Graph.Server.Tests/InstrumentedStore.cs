using System.Collections.Concurrent;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// The real store, wrapped so that a test can count the calls a request makes and steer the
/// store: fail a call, make it hang until the request is cancelled, or report a health.
/// </summary>
public sealed class InstrumentedStore(ILineageStore inner) : ILineageStore
{
    private int _gets;
    private int _walks;
    private int _lists;

    /// <summary>The keys of each <see cref="GetManyAsync"/> call, in order.</summary>
    public ConcurrentQueue<int> GetManySizes { get; } = new();

    /// <summary>The requests of each <see cref="WalkManyAsync"/> call, in order.</summary>
    public ConcurrentQueue<int> WalkManySizes { get; } = new();

    /// <summary>The requests of each <see cref="WalkKeysManyAsync"/> call, in order.</summary>
    public ConcurrentQueue<int> WalkKeysManySizes { get; } = new();

    /// <summary>The entities of each <see cref="ListVersionsAsync"/> call, in order.</summary>
    public ConcurrentQueue<int> ListVersionsSizes { get; } = new();

    /// <summary>The <c>newest</c> of each <see cref="ListVersionsAsync"/> call, in order.</summary>
    public ConcurrentQueue<int?> ListVersionsNewest { get; } = new();

    public int Gets => _gets;

    public int Walks => _walks;

    public int Lists => _lists;

    /// <summary>Runs before every call with the call's name (Write, Retire, Get, GetMany, List, ListVersions, Walk, WalkMany, WalkKeysMany, RetiredEdgesInto); it may throw or wait on the token.</summary>
    public Func<string, CancellationToken, Task>? Before { get; set; }

    /// <summary>Replaces what <see cref="CheckHealthAsync"/> answers.</summary>
    public StoreHealth? Health { get; set; }

    /// <summary>Clears the counters and every hook.</summary>
    public void Reset()
    {
        _gets = 0;
        _walks = 0;
        _lists = 0;
        GetManySizes.Clear();
        WalkManySizes.Clear();
        ListVersionsSizes.Clear();
        ListVersionsNewest.Clear();
        WalkKeysManySizes.Clear();
        Before = null;
        Health = null;
    }

    public async Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        await HookAsync("Write", cancellationToken).ConfigureAwait(false);
        return await inner.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RetireResult> RetireAsync(RetireRequest request, CancellationToken cancellationToken = default)
    {
        await HookAsync("Retire", cancellationToken).ConfigureAwait(false);
        return await inner.RetireAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken = default)
    {
        await HookAsync("Purge", cancellationToken).ConfigureAwait(false);
        return await inner.PurgeAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Entity?> GetAsync(EntityKey key, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _gets);
        await HookAsync("Get", cancellationToken).ConfigureAwait(false);
        return await inner.GetAsync(key, asOf, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<EntityKey, Entity>> GetManyAsync(
        IReadOnlyCollection<EntityKey> keys, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        GetManySizes.Enqueue(keys.Count);
        await HookAsync("GetMany", cancellationToken).ConfigureAwait(false);
        return await inner.GetManyAsync(keys, asOf, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WalkKeys?>> WalkKeysManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default)
    {
        WalkKeysManySizes.Enqueue(requests.Count);
        await HookAsync("WalkKeysMany", cancellationToken).ConfigureAwait(false);
        return await inner.WalkKeysManyAsync(requests, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RetiredEdge>> RetiredEdgesIntoAsync(
        IReadOnlyCollection<EntityKey> keys, IReadOnlyList<RelationKind> relations, DateTimeOffset? asOf, int limit, CancellationToken cancellationToken = default)
    {
        await HookAsync("RetiredEdgesInto", cancellationToken).ConfigureAwait(false);
        return await inner.RetiredEdgesIntoAsync(keys, relations, asOf, limit, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>>> ListVersionsAsync(
        IReadOnlyCollection<(EntityKind Kind, string Namespace, string Name)> entities, int? newest = null, CancellationToken cancellationToken = default)
    {
        ListVersionsSizes.Enqueue(entities.Count);
        ListVersionsNewest.Enqueue(newest);
        await HookAsync("ListVersions", cancellationToken).ConfigureAwait(false);
        return await inner.ListVersionsAsync(entities, newest, cancellationToken).ConfigureAwait(false);
    }

    public async Task<EntityPage> ListAsync(EntityQuery query, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lists);
        await HookAsync("List", cancellationToken).ConfigureAwait(false);
        return await inner.ListAsync(query, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default) =>
        Health ?? await inner.CheckHealthAsync(cancellationToken).ConfigureAwait(false);

    public async Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _walks);
        await HookAsync("Walk", cancellationToken).ConfigureAwait(false);
        return await inner.WalkAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WalkResult?>> WalkManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default)
    {
        WalkManySizes.Enqueue(requests.Count);
        await HookAsync("WalkMany", cancellationToken).ConfigureAwait(false);
        return await inner.WalkManyAsync(requests, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private Task HookAsync(string call, CancellationToken cancellationToken) =>
        Before is { } before ? before(call, cancellationToken) : Task.CompletedTask;
}
