using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Lineage.Graph.Cli.Tests;

/// <summary>A host on more matching datasets than the store's largest page, all written at one instant.</summary>
public sealed class ManyTablesHost : IDisposable
{
    public const int Count = 1100;

    public CliHost Host { get; } = new(WriteAsync);

    public void Dispose() => Host.Dispose();

    private static async Task WriteAsync(string path)
    {
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = path }, new TraversalLimits(), new FakeTimeProvider(TestGraph.WrittenAt));
        await store.WriteAsync(new WriteBatch
        {
            Entities = [.. Enumerable.Range(0, Count).Select(i => new EntityInput { Key = EntityKey.Parse($"dataset:s3://lake:table-{i:D4}@1"), Description = $"Table {i}" })],
        });
    }
}
