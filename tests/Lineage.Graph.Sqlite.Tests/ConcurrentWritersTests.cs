using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>
/// Two stores on one file, as a server and a CLI import share one, writing, retiring and purging at
/// random at the same time: each keeps its index and caches current from its own commits and by
/// catching up with the other's. Afterwards both must answer every walk and read exactly as a store
/// opened fresh on the file, which loads its index from the rows alone. Seeded; the interleaving is
/// the machine's, so each run tries another.
/// </summary>
public sealed class ConcurrentWritersTests : IDisposable
{
    private const int OperationsPerWriter = 600;

    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-concurrent-").FullName;

    // Two versions of eight datasets: enough that edges meet often, few enough that retired and
    // purged ones are written again.
    private static readonly EntityKey[] Keys =
    [
        .. Enumerable.Range(0, 8).SelectMany(i => new[] { "v1", "v2" }.Select(v => EntityKey.Create(EntityKind.Dataset, "s3://lake", $"t{i}", v))),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Stores_writing_one_file_at_once_answer_as_a_store_that_loads_it_afterwards(int seed)
    {
        var options = new SqliteStoreOptions { Path = Path.Combine(_folder, $"lineage-{seed}.db"), EntityCacheSize = 4 };
        await using var first = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        await using var second = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        var started = TimeProvider.System.GetUtcNow();

        await Task.WhenAll(
            Task.Run(() => WriteAtRandomAsync(first, new Random(seed * 2))),
            Task.Run(() => WriteAtRandomAsync(second, new Random((seed * 2) + 1))));

        var middle = started + ((TimeProvider.System.GetUtcNow() - started) / 2);
        await using var fresh = SqliteLineageStore.Open(options, new TraversalLimits(), TimeProvider.System);
        foreach (var asOf in new DateTimeOffset?[] { null, middle })
        {
            foreach (var key in Keys)
            {
                foreach (var direction in new[] { Direction.Upstream, Direction.Downstream, Direction.Both })
                {
                    var request = new WalkRequest { Start = key, Direction = direction, Relations = Relations.All, AsOf = asOf };
                    var loaded = await DescribeAsync(fresh, request);
                    Assert.True(loaded == await DescribeAsync(first, request), $"{key} {direction} as of {asOf:O}: the first store differs from a fresh one");
                    Assert.True(loaded == await DescribeAsync(second, request), $"{key} {direction} as of {asOf:O}: the second store differs from a fresh one");
                }

                var entity = Describe(await fresh.GetAsync(key, asOf));
                Assert.Equal(entity, Describe(await first.GetAsync(key, asOf)));
                Assert.Equal(entity, Describe(await second.GetAsync(key, asOf)));
            }
        }
    }

    /// <summary>Random writes with descriptions and edge properties, retirements and purges; refusals the race makes (a retired end, a purged edge) are expected.</summary>
    private static async Task WriteAtRandomAsync(SqliteLineageStore store, Random random)
    {
        for (var i = 0; i < OperationsPerWriter; i++)
        {
            EntityKey Any() => Keys[random.Next(Keys.Length)];
            EdgeRef AnyEdge()
            {
                var (from, to) = (Any(), Any());
                return from.Name == to.Name && from.Version != to.Version && random.Next(3) == 0
                    ? new EdgeRef(from, to, RelationKind.NextVersion)
                    : new EdgeRef(from, to, RelationKind.Derives);
            }

            try
            {
                switch (random.Next(40))
                {
                    case < 24:
                        var edges = Enumerable.Range(0, random.Next(1, 4)).Select(_ => AnyEdge()).ToList();
                        await store.WriteAsync(new WriteBatch
                        {
                            Entities = [.. edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Select(key => new EntityInput
                            {
                                Key = key,
                                Description = random.Next(4) == 0 ? $"d{random.Next(3)}" : null,
                            })],
                            Edges = [.. edges.Select(e => new EdgeInput(e.From, e.To, e.Relation)
                            {
                                Properties = random.Next(3) == 0 ? new Dictionary<string, JsonElement> { ["n"] = JsonSerializer.SerializeToElement(i) } : null,
                            })],
                        });
                        break;
                    case < 30:
                        await store.RetireAsync(new RetireRequest { Edges = [AnyEdge()] });
                        break;
                    case 30:
                        await store.RetireAsync(new RetireRequest { Entities = [Any()] });
                        break;
                    case < 37:
                        // Purges free retired keys to be written anew; they come as often as entity retirements, and more.
                        await store.PurgeAsync(new PurgeRequest { Entities = [Any()] });
                        break;
                    default:
                        await store.PurgeAsync(new PurgeRequest { Edges = [AnyEdge()] });
                        break;
                }
            }
            catch (LineageException ex) when (ex.Code is ErrorCodes.NotFound or ErrorCodes.EntityRetired)
            {
                // What the other writer did first: an end retired, an edge or entity not there (yet, or any more).
            }
        }
    }

    private static async Task<string> DescribeAsync(SqliteLineageStore store, WalkRequest request)
    {
        try
        {
            var walk = await store.WalkAsync(request);
            return string.Join("\n", walk.Nodes.Select(n => $"{n.Entity.Key}/{n.Depth} {Describe(n.Entity)}")
                .Concat(walk.Edges.Select(e => $"{e.From} -{e.Relation}-> {e.To} {JsonSerializer.Serialize(e.Properties)} {e.RecordedAt:O} {e.RetiredAt:O}")));
        }
        catch (NotFoundException)
        {
            return "not found";
        }
    }

    private static string Describe(Entity? entity) =>
        entity is null ? "none" : $"{entity.Description} {entity.RecordedAt:O} {entity.UpdatedAt:O} {entity.RetiredAt:O}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
