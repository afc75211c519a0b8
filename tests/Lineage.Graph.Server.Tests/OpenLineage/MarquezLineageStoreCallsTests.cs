using Lineage.Graph.Core;
using Lineage.Graph.Server.Marquez;
using Lineage.Graph.Sqlite;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary>
/// <see cref="MarquezLineage"/> on an embedded store of its own, counted by <see cref="InstrumentedStore"/>:
/// what it asks of the store as a job's history grows, and which entities count as a dataset's versions.
/// </summary>
public sealed class MarquezLineageStoreCallsTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"marquez-{Guid.NewGuid():N}.db");
    private InstrumentedStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new InstrumentedStore(SqliteLineageStore.Open(new SqliteStoreOptions { Path = _path }, new TraversalLimits(), TimeProvider.System));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(300)]
    public async Task A_job_costs_the_same_calls_to_the_store_however_many_runs_it_has(int runs)
    {
        var job = EntityKey.Create(EntityKind.Job, "airflow", "daily");
        var entities = new List<EntityInput> { new() { Key = job } };
        var edges = new List<EdgeInput>();
        for (var i = 0; i < runs; i++)
        {
            var run = EntityKey.Create(EntityKind.Run, "airflow", "daily", $"00000000-0000-4000-8000-{i:D12}");
            var input = EntityKey.Create(EntityKind.Dataset, "s3://lake", "raw", $"v{i:D3}");
            var output = EntityKey.Create(EntityKind.Dataset, "s3://lake", "clean", $"v{i:D3}");
            entities.AddRange([new() { Key = run }, new() { Key = input }, new() { Key = output }]);
            edges.AddRange([new(run, job, RelationKind.InstanceOf), new(input, run, RelationKind.InputTo), new(run, output, RelationKind.Produced)]);
        }

        await _store.WriteAsync(new WriteBatch { Entities = entities, Edges = edges });
        _store.Reset();

        var graph = await new MarquezLineage(_store, new TraversalLimits(), 100).BuildAsync([new MarquezNodeId(MarquezNodeType.Job, "airflow", "daily")], 20, default);

        Assert.Equal(["dataset:s3://lake:clean", "dataset:s3://lake:raw", "job:airflow:daily"], graph.Graph.Select(n => n.Id));
        Assert.Equal($"v{runs - 1:D3}", ((MarquezDatasetData)graph.Graph[0].Data).CurrentVersion);

        // The job's runs; what its current run read and wrote; the runs of every version of raw and clean (all
        // of the one job already met, so no more); last, whether a run wrote any version of raw, which no job of
        // the answer writes. Only the job's runs are read as entities, for its latest; the other hops are keys.
        // One listing of versions, for both datasets and each kind that counts as one.
        Assert.Equal(0, _store.Walks);
        Assert.Equal([1], _store.WalkManySizes);
        Assert.Equal([1, 2 * runs, runs], _store.WalkKeysManySizes);
        Assert.Equal(0, _store.Lists);
        Assert.Equal([6], _store.ListVersionsSizes);
    }

    [Fact]
    public async Task A_job_named_as_a_dataset_in_the_same_namespace_is_not_one_of_its_versions()
    {
        var dataset = EntityKey.Create(EntityKind.Dataset, "warehouse", "orders", "v1");
        var job = EntityKey.Create(EntityKind.Job, "warehouse", "orders");
        var run = EntityKey.Create(EntityKind.Run, "warehouse", "orders", "00000000-0000-4000-8000-000000000001");
        await _store.WriteAsync(new WriteBatch { Entities = [new() { Key = dataset, Description = "the orders table" }] });

        // Later than the dataset, so that the job or its run would describe the node if either counted as its latest version.
        await Task.Delay(TimeSpan.FromMilliseconds(5));
        await _store.WriteAsync(new WriteBatch
        {
            Entities = [new() { Key = job, Description = "a job" }, new() { Key = run, Description = "a run" }],
            Edges = [new(run, job, RelationKind.InstanceOf), new(dataset, run, RelationKind.InputTo)],
        });

        var graph = await new MarquezLineage(_store, new TraversalLimits(), 100).BuildAsync([new MarquezNodeId(MarquezNodeType.Dataset, "warehouse", "orders")], 0, default);

        Assert.Equal(["dataset:warehouse:orders", "job:warehouse:orders"], graph.Graph.Select(n => n.Id));
        var data = (MarquezDatasetData)graph.Graph[0].Data;
        Assert.Equal(("v1", "the orders table", "Dataset"), (data.CurrentVersion, data.Description, data.Kind));
    }
}
