using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>
/// The embedded store's write path below the contract: rows go to SQLite many to a statement, and
/// with foreign key enforcement off, so what these tests check the contract suite cannot see.
/// </summary>
public sealed class WritePathTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-writes-").FullName;

    private string Database => Path.Combine(_folder, "lineage.db");

    [Fact]
    public async Task Rows_written_many_to_a_statement_each_keep_their_own_values_and_ends()
    {
        // 70 entities and 69 edges: for each table two full statements and a shorter one. An id
        // given to the wrong row would pair a key with another entity's description, or an edge
        // with another edge's properties.
        var keys = Enumerable.Range(0, 70).Select(i => EntityKey.Parse($"dataset:statements:d{i:D2}@1")).ToList();
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), TimeProvider.System);
        await store.WriteAsync(new WriteBatch
        {
            Entities = [.. keys.Select((key, i) => new EntityInput { Key = key, Description = $"row {i}" })],
            Edges =
            [
                .. keys.Skip(1).Select((key, i) => new EdgeInput(keys[i], key, RelationKind.Derives)
                {
                    Properties = new Dictionary<string, JsonElement> { ["from"] = JsonSerializer.SerializeToElement(i) },
                }),
            ],
        });

        var walk = await store.WalkAsync(new WalkRequest { Start = keys[0], Direction = Direction.Downstream, MaxDepth = 100 });

        Assert.Equal(keys.Skip(1), walk.Nodes.Select(n => n.Entity.Key));
        Assert.All(walk.Nodes, n => Assert.Equal($"row {n.Depth}", n.Entity.Description));
        Assert.Equal(69, walk.Edges.Count);
        Assert.All(walk.Edges, e => Assert.Equal(keys.IndexOf(e.From), e.Properties["from"].GetInt32()));
        Assert.All(walk.Edges, e => Assert.Equal(keys.IndexOf(e.From) + 1, keys.IndexOf(e.To)));
        Assert.Equal("0", Query("SELECT count(*) FROM pragma_foreign_key_check"));
    }

    [Fact]
    public async Task A_write_whose_caller_gives_up_while_it_runs_is_rolled_back_whole()
    {
        // The clock cancels the caller's token when the write reads the time, inside its
        // transaction: the write gets as far as committing, and must then store nothing.
        var clock = new CancellingClock();
        var (a, b) = (EntityKey.Parse("dataset:cancelled:a@1"), EntityKey.Parse("dataset:cancelled:b@1"));
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), clock);
        await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = a }] });
        var before = Query("SELECT value FROM meta WHERE name = 'seq'");

        foreach (var write in new Func<CancellationToken, Task>[]
        {
            token => store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = b }], Edges = [new EdgeInput(a, b, RelationKind.Derives)] }, token),
            token => store.RetireAsync(new RetireRequest { Entities = [a] }, token),
        })
        {
            using var caller = new CancellationTokenSource();
            clock.Cancels = caller;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write(caller.Token));
            Assert.True(caller.IsCancellationRequested);
        }

        clock.Cancels = null;
        Assert.Equal(before, Query("SELECT value FROM meta WHERE name = 'seq'"));
        Assert.Equal("1", Query("SELECT count(*) FROM entities"));
        Assert.Equal("0", Query("SELECT count(*) FROM edges"));
        Assert.Null((await store.GetAsync(a))!.RetiredAt);
        Assert.Null(await store.GetAsync(b));

        // The store goes on writing, and a later write is stored.
        await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = b }] });
        Assert.NotNull(await store.GetAsync(b));
    }

    [Fact]
    public async Task Retiring_and_purging_leave_no_edge_whose_entity_is_gone()
    {
        // SQLite does not enforce the edges' references on the store's writer; the store deletes
        // an entity's edges itself, and SQLite's own check must find nothing after it.
        var (a, b, c) = (EntityKey.Parse("dataset:references:a@1"), EntityKey.Parse("dataset:references:b@1"), EntityKey.Parse("dataset:references:c@1"));
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Database }, new TraversalLimits(), TimeProvider.System);
        await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = a }, new EntityInput { Key = b }, new EntityInput { Key = c }],
            Edges = [new EdgeInput(a, b, RelationKind.Derives), new EdgeInput(b, c, RelationKind.Derives), new EdgeInput(a, c, RelationKind.Derives)],
        });
        await store.RetireAsync(new RetireRequest { Entities = [b] });
        await store.PurgeAsync(new PurgeRequest { Entities = [c] });

        Assert.Equal("0", Query("SELECT count(*) FROM pragma_foreign_key_check"));
        Assert.Equal("1", Query("SELECT count(*) FROM edges"));
        Assert.Equal("2", Query("SELECT count(*) FROM entities"));
        Assert.Equal(new PurgeResult(0, 0), await store.PurgeAsync(new PurgeRequest { Entities = [c] }));
    }

    [Fact]
    public void Text_bound_to_a_statement_reads_back_as_it_was_whatever_its_length()
    {
        // The statement encodes text into a buffer of its own that grows, to a bound past which it
        // rents one: lengths about the buffer's first size, about the count of characters past which
        // it counts bytes first, about 64 KiB of bytes, and past all of them, in one, two, three and
        // four bytes to a character, longer after shorter, then short ones again.
        var pieces = new[] { "a", "\u00e9", "\u4e2d", "\ud83d\ude80" };
        var texts = new List<string> { "" };
        foreach (var length in new[] { 1, 85, 86, 255, 256, 1_023, 1_024, 1_025, 16_384, 21_845, 21_846, 65_536, 65_537, 70_000 })
        {
            texts.AddRange(pieces.Select(piece => string.Concat(Enumerable.Repeat(piece, length))));
        }

        texts.Add("");
        texts.Add("mixed a\u00e9\u4e2d\ud83d\ude80\0 nul inside");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database}");
        connection.Open();
        using var statement = new RawStatement(connection, "SELECT ?1, typeof(?1), ?2");
        foreach (var text in texts)
        {
            statement.Bind(1, text);
            statement.Bind(2, (string?)null);
            Assert.True(statement.Read());
            Assert.Equal(text, statement.String(0));
            Assert.Equal("text", statement.String(1));
            Assert.True(statement.IsNull(2));
            statement.Reset();
        }
    }

    private string Query(string sql) => SqlFile.Query(Database, sql);

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The system clock, which cancels a source the first time it is read after one is set.</summary>
    private sealed class CancellingClock : TimeProvider
    {
        public CancellationTokenSource? Cancels { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            Cancels?.Cancel();
            return System.GetUtcNow();
        }
    }
}
