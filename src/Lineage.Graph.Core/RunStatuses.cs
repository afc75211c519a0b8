namespace Lineage.Graph.Core;

/// <summary>
/// The order in which a run's reported states may follow each other, so that events that arrive
/// out of order (OpenLineage gives no delivery order) end in the same state as events in order.
/// </summary>
/// <remarks>
/// START comes before RUNNING, and both before the end states COMPLETE, ABORT and FAIL. Among the
/// end states a failure outranks an abort, which outranks success: a run reported as both
/// completed and failed is shown as failed, the answer an audit would want. A status outside this
/// list (a producer's own: MLflow's SCHEDULED or FINISHED) ranks with RUNNING, as a state the run
/// is in: it follows START, and between it and RUNNING or another such status the newer write
/// decides, but it never replaces an end state. Every status has a rank, so that the statuses a
/// run was given, in any order, end in the same one (a status of its own that could replace an
/// end state, which could replace START, which could replace it, would go round in a circle).
/// </remarks>
public static class RunStatuses
{
    private const int InProgress = 2;

    private static readonly Dictionary<string, int> Rank = new(StringComparer.OrdinalIgnoreCase)
    {
        ["START"] = 1,
        ["RUNNING"] = InProgress,
        ["COMPLETE"] = 3,
        ["ABORT"] = 4,
        ["FAIL"] = 5,
    };

    /// <summary>
    /// Whether <paramref name="candidate"/> outranks <paramref name="current"/> (above zero), is
    /// outranked (below zero) or ranks alike (zero), when the newer write decides.
    /// </summary>
    public static int Compare(string candidate, string current) => RankOf(candidate).CompareTo(RankOf(current));

    private static int RankOf(string status) => Rank.GetValueOrDefault(status, InProgress);
}
