namespace Lineage.Graph.Benchmarks;

/// <summary>One kind of timed walk: its latencies, how big its answers were (nodes and edges), and how much graph it touched.</summary>
internal sealed record WalkMeasurement(LatencySummary Latency, double AverageNodes, long EdgesVisited, int Truncated, double AverageEdges = 0)
{
    /// <summary>Of the store's entity cache lookups during the timed walks (warm-up walks left out), the share that found an up-to-date copy; null for the CTE and a cache that is off.</summary>
    public double? CacheHitRatio { get; init; }

    /// <summary>Edges examined per second of walking, over all the timed walks together.</summary>
    public double EdgesPerSecond => Latency.TotalSeconds > 0 ? EdgesVisited / Latency.TotalSeconds : double.NaN;
}
