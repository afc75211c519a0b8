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
