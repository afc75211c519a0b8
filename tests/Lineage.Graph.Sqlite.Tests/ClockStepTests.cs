using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite.Tests;

public sealed class ClockStepTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-clock-").FullName;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_edge_written_again_after_the_clock_stepped_back_leaves_one_version_current_at_every_instant(bool monotonic)
    {
        // Linked at noon, retired at one, then the clock set back to eleven and the edge written again: stamped
        // as the clock said, the new version began before the old one ended, and asOf half past twelve found both.
        var wall = new SteppedClock { Now = Noon };
        TimeProvider clock = monotonic ? new MonotonicClock(wall) : wall;
        var (a, b) = (EntityKey.Create(EntityKind.Dataset, "s3://lake", "a", "1"), EntityKey.Create(EntityKind.Dataset, "s3://lake", "b", "1"));
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Path.Combine(_folder, $"{monotonic}.db") }, new TraversalLimits(), clock);
        var link = new WriteBatch { Entities = [new EntityInput { Key = a }, new EntityInput { Key = b }], Edges = [new EdgeInput(a, b, RelationKind.Derives)] };
        await store.WriteAsync(link);
        wall.Now = Noon.AddHours(1);
        await store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(a, b, RelationKind.Derives)] });
        wall.Now = Noon.AddHours(-1);
        await store.WriteAsync(link);

        var walk = await store.WalkAsync(new WalkRequest { Start = a, Direction = Direction.Downstream, AsOf = Noon.AddMinutes(30) });

        Assert.Equal(monotonic ? 1 : 2, walk!.Edges.Count);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A wall clock set by hand, backwards too.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
