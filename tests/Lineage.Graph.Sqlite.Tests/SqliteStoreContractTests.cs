using Lineage.Graph.Core;
using Lineage.Graph.Store.Contract;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>The store contract, run against the embedded store on a database file of its own per store.</summary>
public class SqliteStoreContractTests : StoreContractTests
{
    /// <summary>How many decoded entities the stores cache.</summary>
    protected virtual int EntityCacheSize => SqliteStoreOptions.DefaultEntityCacheSize;

    private readonly List<string> _folders = [];

    protected override Task<ILineageStore> CreateStoreAsync(TimeProvider timeProvider, TraversalLimits limits)
    {
        var folder = Path.Combine(Path.GetTempPath(), "lineage-contract-" + Guid.NewGuid().ToString("N"));
        _folders.Add(folder);
        var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Path.Combine(folder, "lineage.db"), EntityCacheSize = EntityCacheSize }, limits, timeProvider);
        return Task.FromResult<ILineageStore>(store);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>
/// The store contract again, with a cache of two entities: nearly every read mixes cached copies
/// with rows read from SQLite, and every write evicts, so no answer may depend on what is cached.
/// </summary>
public sealed class SqliteStoreContractTinyCacheTests : SqliteStoreContractTests
{
    protected override int EntityCacheSize => 2;
}

/// <summary>
/// The store contract again, through two stores on one file, as the server and the CLI share one:
/// every write goes through one and every read through the other, so that each answer comes after
/// the reading store has caught up with commits it did not make (its index and caches brought up to
/// date from the file, purges included).
/// </summary>
public sealed class SqliteStoreContractTwoStoresTests : SqliteStoreContractTests
{
    protected override async Task<ILineageStore> CreateStoreAsync(TimeProvider timeProvider, TraversalLimits limits)
    {
        var writer = (SqliteLineageStore)await base.CreateStoreAsync(timeProvider, limits);
        var reader = SqliteLineageStore.Open(new SqliteStoreOptions { Path = writer.Path, EntityCacheSize = EntityCacheSize }, limits, timeProvider);
        return new SplitStore(writer, reader);
    }

    /// <summary>Writes through one store, reads through another.</summary>
    private sealed class SplitStore(ILineageStore writer, ILineageStore reader) : ILineageStore
    {
        public Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default) =>
            writer.WriteAsync(batch, cancellationToken);

        public Task<RetireResult> RetireAsync(RetireRequest request, CancellationToken cancellationToken = default) =>
            writer.RetireAsync(request, cancellationToken);

        public Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken = default) =>
            writer.PurgeAsync(request, cancellationToken);

        public Task<Entity?> GetAsync(EntityKey key, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default) =>
            reader.GetAsync(key, asOf, cancellationToken);

        public Task<IReadOnlyDictionary<EntityKey, Entity>> GetManyAsync(
            IReadOnlyCollection<EntityKey> keys, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default) =>
            reader.GetManyAsync(keys, asOf, cancellationToken);

        public Task<EntityPage> ListAsync(EntityQuery query, CancellationToken cancellationToken = default) =>
            reader.ListAsync(query, cancellationToken);

        public Task<IReadOnlyList<WalkKeys?>> WalkKeysManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default) =>
            reader.WalkKeysManyAsync(requests, cancellationToken);

        public Task<IReadOnlyList<RetiredEdge>> RetiredEdgesIntoAsync(
            IReadOnlyCollection<EntityKey> keys, IReadOnlyList<RelationKind> relations, DateTimeOffset? asOf, int limit, CancellationToken cancellationToken = default) =>
            reader.RetiredEdgesIntoAsync(keys, relations, asOf, limit, cancellationToken);

        public Task<IReadOnlyDictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>>> ListVersionsAsync(
            IReadOnlyCollection<(EntityKind Kind, string Namespace, string Name)> entities, int? newest = null, CancellationToken cancellationToken = default) =>
            reader.ListVersionsAsync(entities, newest, cancellationToken);

        public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default) => reader.CheckHealthAsync(cancellationToken);

        public Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken = default) =>
            reader.WalkAsync(request, cancellationToken);

        public Task<IReadOnlyList<WalkResult?>> WalkManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default) =>
            reader.WalkManyAsync(requests, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await writer.DisposeAsync();
        }
    }
}
