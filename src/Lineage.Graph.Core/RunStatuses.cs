namespace Lineage.Graph.Core;

/// <summary>
/// The order in which a run's reported states may follow each other, so that events that arrive
/// out of order (OpenLineage gives no delivery order) end in the same state as events in order.
/// </summary>
/// <remarks>
/// START comes before RUNNING, and both before the end states COMPLETE, ABORT and FAIL. Among the
/// end states a failure outranks an abort, which outranks success: a run reported as both
/// completed and failed is shown as failed, the answer an audit would want. A status outside this
/// list (a producer's own) has no rank and is simply replaced by the next one written.
/// </remarks>
public static class RunStatuses
{
    private static readonly Dictionary<string, int> Rank = new(StringComparer.OrdinalIgnoreCase)
    {
        ["START"] = 1,
        ["RUNNING"] = 2,
        ["COMPLETE"] = 3,
        ["ABORT"] = 4,
        ["FAIL"] = 5,
    };

    /// <summary>The status a run has after <paramref name="update"/> is written over <paramref name="stored"/>.</summary>
    public static string? Merge(string? stored, string? update)
    {
        if (update is null)
        {
            return stored;
        }

        return stored is not null && Rank.TryGetValue(stored, out var storedRank) && Rank.TryGetValue(update, out var updateRank) && storedRank > updateRank
            ? stored
            : update;
    }
}
