namespace Lineage.Graph.Core;

/// <summary>
/// The order in which a run's reported states may follow each other, so that events that arrive
/// out of order (OpenLineage gives no delivery order) end in the same state as events in order.
/// </summary>
/// <remarks>
/// START comes before RUNNING, and both before the end states COMPLETE, ABORT and FAIL. Among the
/// end states a failure outranks an abort, which outranks success: a run reported as both
/// completed and failed is shown as failed, the answer an audit would want. A status outside this
/// list (a producer's own) has no rank: between it and another status, the newer write decides
/// (<see cref="EntityMerge"/>).
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

    /// <summary>
    /// Whether <paramref name="candidate"/> outranks <paramref name="current"/> (above zero), is
    /// outranked (below zero) or ranks alike (zero); null when either has no rank, and the newer
    /// write decides.
    /// </summary>
    public static int? Compare(string? candidate, string? current) =>
        candidate is not null && current is not null && Rank.TryGetValue(candidate, out var candidateRank) && Rank.TryGetValue(current, out var currentRank)
            ? candidateRank.CompareTo(currentRank)
            : null;
}
