using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// ILineageStore.CheckHealthAsync: what /healthz reports.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Health_of_an_open_store_is_healthy_and_names_the_store()
    {
        await Store.WriteAsync(new MlGraph().Batch);

        var health = await Store.CheckHealthAsync();

        Assert.Equal(StoreStatus.Healthy, health.Status);
        Assert.False(string.IsNullOrWhiteSpace(health.Store));
    }
}
