namespace Lineage.Graph.Core;

/// <summary>
/// The wall clock of <paramref name="inner"/>, never going back: each reading is at least the latest one
/// given before. The stores stamp <c>recordedAt</c> and <c>retiredAt</c> from it, and a clock stepped back
/// (an NTP correction) gave an edge written again a <c>recordedAt</c> before its previous version's
/// <c>retiredAt</c>, so that <c>asOf</c> inside the step found both versions current. While the clock is
/// behind, the time stays at the latest reading given, until the clock catches up. Timers and timestamps
/// are the inner provider's: they do not follow the wall clock.
/// </summary>
public sealed class MonotonicClock(TimeProvider inner) : TimeProvider
{
    private long _latestTicks = long.MinValue;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow().UtcTicks;
        var latest = Volatile.Read(ref _latestTicks);
        while (now > latest)
        {
            var seen = Interlocked.CompareExchange(ref _latestTicks, now, latest);
            if (seen == latest)
            {
                return new DateTimeOffset(now, TimeSpan.Zero);
            }

            latest = seen;
        }

        return new DateTimeOffset(latest, TimeSpan.Zero);
    }

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
