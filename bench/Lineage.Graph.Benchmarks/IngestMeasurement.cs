namespace Lineage.Graph.Benchmarks;

/// <summary>One way of ingesting the measured events into a fresh database: how fast, and whether the graph came out whole.</summary>
internal sealed record IngestMeasurement
{
    public required string Name { get; init; }

    /// <summary>1 for single events; otherwise how many events each batch (or grouped write) holds.</summary>
    public required int EventsPerRequest { get; init; }

    /// <summary>Events stored: those of the requests (or writes) that succeeded.</summary>
    public required int Events { get; init; }

    /// <summary>From the first request sent (or write begun) to the last answer read.</summary>
    public required double Seconds { get; init; }

    /// <summary>Requests (or store writes) made, the failed ones included.</summary>
    public required int Requests { get; init; }

    /// <summary>Answers other than 201 for an event or 200 with nothing failed for a batch, and requests that got no answer.</summary>
    public required int Errors { get; init; }

    /// <summary>Per request, client-observed (per store write in-process); the clean ones only.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>What the measured events added to the graph: the store's entity and edge counts after, less those before.</summary>
    public required (int Entities, int Edges) Stored { get; init; }

    /// <summary>Steps of the store's change sequence: the commits that changed something (one per store batch written).</summary>
    public required long Commits { get; init; }

    /// <summary>Null for the in-process baselines, which are what the others are checked against.</summary>
    public IngestMeasurement? Baseline { get; init; }

    public double EventsPerSecond => Events / Seconds;

    public bool GraphMatches => Baseline is null || Stored == Baseline.Stored;
}
