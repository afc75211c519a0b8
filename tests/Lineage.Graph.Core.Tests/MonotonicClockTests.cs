using Microsoft.Extensions.Time.Testing;

namespace Lineage.Graph.Core.Tests;

public sealed class MonotonicClockTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_clock_stepped_back_holds_at_the_latest_reading_until_it_catches_up()
    {
        var wall = new SteppedClock { Now = Noon };
        var clock = new MonotonicClock(wall);
        Assert.Equal(Noon, clock.GetUtcNow());

        wall.Now = Noon.AddSeconds(-2);
        Assert.Equal(Noon, clock.GetUtcNow());

        wall.Now = Noon.AddSeconds(1);
        Assert.Equal(Noon.AddSeconds(1), clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }

    [Fact]
    public void Timestamps_and_timers_are_the_inner_clocks()
    {
        var wall = new FakeTimeProvider(Noon);
        var clock = new MonotonicClock(wall);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var before = clock.GetTimestamp();

        wall.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, fired);
        Assert.Equal(wall.TimestampFrequency, clock.TimestampFrequency);
        Assert.Equal(TimeSpan.FromSeconds(1), clock.GetElapsedTime(before));
        Assert.Equal(wall.LocalTimeZone, clock.LocalTimeZone);
    }

    /// <summary>A wall clock set by hand, backwards too (FakeTimeProvider refuses to go back).</summary>
    private sealed class SteppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
