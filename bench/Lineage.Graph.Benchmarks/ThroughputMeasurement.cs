namespace Lineage.Graph.Benchmarks;

/// <summary>Concurrent clients, each with its own request loop, for a fixed time: what the server answered and how fast.</summary>
internal sealed record ThroughputMeasurement
{
    public required int Clients { get; init; }

    /// <summary>From the first request sent to the last answer read, the requests in flight at the deadline included.</summary>
    public required double Seconds { get; init; }

    public required int Requests { get; init; }

    public required int Errors { get; init; }

    /// <summary>Latencies of the clean answers only.</summary>
    public required LatencySummary Latency { get; init; }

    public required double AverageNodes { get; init; }

    public required double AverageResponseBytes { get; init; }

    public double RequestsPerSecond => Requests / Seconds;
}
