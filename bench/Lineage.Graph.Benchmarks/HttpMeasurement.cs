namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The lineage query over HTTP against the same walks called on the store in-process, interleaved
/// start by start, and the server's throughput under concurrent clients.
/// </summary>
internal sealed record HttpMeasurement
{
    /// <summary><c>store.WalkAsync</c> in the benchmark's own process: no serialisation, no HTTP, no GraphQL.</summary>
    public required LatencySummary Direct { get; init; }

    /// <summary>POST /graphql to the server, from sending to the last byte of the answer read.</summary>
    public required LatencySummary Http { get; init; }

    public required double AverageNodes { get; init; }

    public required double AverageResponseBytes { get; init; }

    public required ThroughputMeasurement Throughput { get; init; }

    public double OverheadRatio => Http.P50 / Direct.P50;
}
