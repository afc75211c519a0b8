using Lineage.Graph.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>Pooled read sessions: a read that fails part-way must not leave its session behind on an old snapshot.</summary>
public sealed class ReadSessionTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-session-").FullName;

    private string Database => Path.Combine(_folder, "lineage.db");

    [Fact]
    public async Task A_row_that_cannot_be_read_leaves_later_reads_seeing_later_commits()
    {
        var broken = EntityKey.Create(EntityKind.Dataset, "s3://lake", "broken", "1");
        var later = EntityKey.Create(EntityKind.Dataset, "s3://lake", "later", "1");
        await using var reader = Open(cacheSize: 0);
        await reader.WriteAsync(new WriteBatch { Entities = [new() { Key = broken }] });
        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var corrupt = connection.CreateCommand();
            corrupt.CommandText = "UPDATE entities SET properties = '{not json' WHERE key = $key";
            corrupt.Parameters.AddWithValue("$key", broken.ToString());
            Assert.Equal(1, corrupt.ExecuteNonQuery());
        }

        await Assert.ThrowsAnyAsync<Exception>(() => reader.GetManyAsync([broken]));
        await using (var writer = Open(cacheSize: 0))
        {
            await writer.WriteAsync(new WriteBatch { Entities = [new() { Key = later, Tags = ["fresh"] }] });
        }

        // Tag listings are read by SQL on a pooled session; the one the failed read used must see the new row.
        var page = await reader.ListAsync(new EntityQuery { Tag = "fresh" });
        Assert.Equal([later], page.Items.Select(e => e.Key));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteLineageStore Open(int cacheSize) =>
        SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database, EntityCacheSize = cacheSize }, new TraversalLimits(), _clock);
}
