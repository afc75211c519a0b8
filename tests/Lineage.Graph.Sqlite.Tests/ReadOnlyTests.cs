using System.Security.Cryptography;
using Lineage.Graph.Core;
using Lineage.Graph.TestSupport;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary><see cref="SqliteStoreOptions.ReadOnly"/>: the file is read as it is and never written, in a folder this process cannot write too.</summary>
public sealed class ReadOnlyTests : IDisposable
{
    private static readonly EntityKey Raw = EntityKey.Parse("dataset:s3://lake:raw@1");
    private static readonly EntityKey Clean = EntityKey.Parse("dataset:s3://lake:clean@1");
    private static readonly EntityKey Model = EntityKey.Parse("model:registry:churn@1");

    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-readonly-").FullName;

    [SkippableFact]
    public async Task A_file_in_a_folder_it_cannot_write_is_read_whole_and_left_byte_for_byte()
    {
        // Characters a file URI must escape: the unchanging open names the file by URI.
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "snap #1 ?x%20 ü")).FullName;
        var database = Path.Combine(folder, "lineage #2.db");
        await WriteChainAsync(database);
        var before = Hash(database);

        using (var locked = LockedFolder.Lock(folder))
        {
            Skip.If(locked is null, LockedFolder.Unavailable);

            // What the CLI met before it read such files: SQLite must create the log's shared-memory file beside a WAL file to read it
            // (READONLY where the folder's mode forbids it, CANTOPEN where its immutable attribute does).
            var writable = Assert.Throws<StoreUnavailableException>(() => Open(database, readOnly: false));
            Assert.Contains(Assert.IsType<SqliteException>(writable.InnerException).SqliteErrorCode, new[] { SQLitePCL.raw.SQLITE_READONLY, SQLitePCL.raw.SQLITE_CANTOPEN });

            await using var store = Open(database, readOnly: true);
            var walk = await store.WalkAsync(new WalkRequest { Start = Raw });
            Assert.Equal([Clean, Model], walk.Nodes.Select(n => n.Entity.Key));
            Assert.Equal("cleaned", (await store.GetAsync(Clean))?.Description);
            Assert.Equal(StoreStatus.Healthy, (await store.CheckHealthAsync()).Status);

            var write = await Assert.ThrowsAsync<StoreReadOnlyException>(() => store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = Raw, Description = "changed" }] }));
            Assert.Contains("opened read-only", write.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<StoreReadOnlyException>(() => store.RetireAsync(new RetireRequest { Entities = [Raw] }));
            await Assert.ThrowsAsync<StoreReadOnlyException>(() => store.PurgeAsync(new PurgeRequest { Entities = [Model] }));
        }

        Assert.Equal(before, Hash(database));
        Assert.Equal(["lineage #2.db"], Directory.EnumerateFiles(folder).Select(Path.GetFileName));
    }

    [SkippableFact]
    public async Task A_file_it_may_not_write_is_refused_to_a_writer_at_open_and_read_when_opened_read_only()
    {
        // SQLite opened such a file read-only without a word: a writer server started healthy and then
        // failed every write as STORE_UNAVAILABLE, which emitters retry for ever.
        var database = Path.Combine(_folder, "lineage.db");
        await WriteChainAsync(database);

        using (var locked = LockedFolder.LockFile(database))
        {
            Skip.If(locked is null, LockedFolder.Unavailable);

            var writer = Assert.Throws<StoreUnavailableException>(() => Open(database, readOnly: false));
            Assert.Contains("cannot be written", writer.Message, StringComparison.Ordinal);
            Assert.Equal(SQLitePCL.raw.SQLITE_READONLY, Assert.IsType<SqliteException>(writer.InnerException).SqliteErrorCode);

            await using var store = Open(database, readOnly: true);
            Assert.Equal([Clean, Model], (await store.WalkAsync(new WalkRequest { Start = Raw })).Nodes.Select(n => n.Entity.Key));
        }
    }

    [SkippableFact]
    public async Task A_file_read_as_unchanging_that_its_owner_then_writes_is_refused_rather_than_read_part_old_part_new()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "snapshot")).FullName;
        var database = Path.Combine(folder, "lineage.db");
        await WriteChainAsync(database);

        // An empty log, as a reader leaves one, holds no commit: the file is still read as unchanging.
        File.WriteAllBytes(database + "-wal", []);
        SqliteLineageStore snapshot;
        using (var locked = LockedFolder.Lock(folder))
        {
            Skip.If(locked is null, LockedFolder.Unavailable);
            snapshot = Open(database, readOnly: true);
        }

        await using (snapshot)
        {
            var health = await snapshot.CheckHealthAsync();
            Assert.Equal(true, health.Data["unchanging"]);
            Assert.Equal(true, health.Data["readOnly"]);
            Assert.Equal("cleaned", (await snapshot.GetAsync(Clean))?.Description);

            // The owner writes; the snapshot's next read of the file stops rather than mix its index with new rows.
            await using (var owner = Open(database, readOnly: false))
            {
                await owner.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = Clean, Description = "changed" }] });
            }

            var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => snapshot.GetAsync(Model));
            Assert.Contains("changed after this store opened it read-only as unchanging", refused.Message, StringComparison.Ordinal);
            Assert.Equal(StoreStatus.Degraded, (await snapshot.CheckHealthAsync()).Status);
        }
    }

    [SkippableFact]
    public async Task A_log_with_commits_in_a_folder_it_cannot_write_is_refused_saying_why()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "with-log")).FullName;
        var database = Path.Combine(folder, "lineage.db");
        await WriteChainAsync(database);
        File.WriteAllBytes(database + "-wal", new byte[64]);

        using var locked = LockedFolder.Lock(folder);
        Skip.If(locked is null, LockedFolder.Unavailable);

        var refused = Assert.Throws<StoreUnavailableException>(() => Open(database, readOnly: true));
        Assert.Contains("cannot create the lineage.db-shm file it needs to read the commits in lineage.db-wal", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_store_on_a_writable_folder_sees_another_stores_commits()
    {
        var database = Path.Combine(_folder, "lineage.db");
        await using var writer = Open(database, readOnly: false);
        await writer.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = Raw }] });
        await using var reader = Open(database, readOnly: true);

        await writer.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = Clean }], Edges = [new EdgeInput(Raw, Clean, RelationKind.Derives)] });

        Assert.Equal([Clean], (await reader.WalkAsync(new WalkRequest { Start = Raw })).Nodes.Select(n => n.Entity.Key));
    }

    [Fact]
    public void A_missing_file_is_not_created_and_an_empty_one_is_not_given_a_schema()
    {
        var missing = Path.Combine(_folder, "missing", "lineage.db");
        Assert.Equal(
            $"No database file at {missing}; a read-only store never creates one.", Assert.Throws<StoreUnavailableException>(() => Open(missing, readOnly: true)).Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));

        var empty = Path.Combine(_folder, "empty.db");
        File.WriteAllBytes(empty, []);
        var refused = Assert.Throws<StoreUnavailableException>(() => Open(empty, readOnly: true));
        Assert.Contains("is empty", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(empty).Length);
    }

    [Fact]
    public async Task A_file_of_an_earlier_schema_is_refused_unchanged_since_migrating_it_would_write()
    {
        var database = Path.Combine(_folder, "lineage.db");
        await WriteChainAsync(database);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = 1 WHERE name = 'schema'";
            command.ExecuteNonQuery();
        }

        var before = Hash(database);

        var refused = Assert.Throws<StoreUnavailableException>(() => Open(database, readOnly: true));

        Assert.Contains("earlier Lineage.Graph (schema 1)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(database));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static SqliteLineageStore Open(string database, bool readOnly) =>
        SqliteLineageStore.Open(new SqliteStoreOptions { Path = database, ReadOnly = readOnly }, new TraversalLimits(), TimeProvider.System);

    /// <summary>Writes raw → clean → model and closes the store, which folds its log into the file and removes it.</summary>
    private static async Task WriteChainAsync(string database)
    {
        await using var store = Open(database, readOnly: false);
        await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = Raw }, new EntityInput { Key = Clean, Description = "cleaned" }, new EntityInput { Key = Model }],
            Edges = [new EdgeInput(Raw, Clean, RelationKind.Derives), new EdgeInput(Clean, Model, RelationKind.Derives)],
        });
    }

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}
