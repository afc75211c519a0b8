namespace Lineage.Graph.Benchmarks;

/// <summary>Everything one run of the OpenLineage ingest suite measured, for the report.</summary>
internal sealed record OpenLineageResult
{
    public required OpenLineageBenchmarkOptions Options { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string SqliteVersion { get; init; }

    public required int Runs { get; init; }

    public required int FailedRuns { get; init; }

    public required double AverageEventBytes { get; init; }

    public required int MinEventBytes { get; init; }

    public required int MaxEventBytes { get; init; }

    public required double AverageBatchBytes { get; init; }

    public required double AverageGzipBatchBytes { get; init; }

    public required double GenerateSeconds { get; init; }

    /// <summary>The warm-up before a measurement of one event per write or request.</summary>
    public required int WarmUpEvents { get; init; }

    /// <summary>The warm-up before a measurement of batches.</summary>
    public required int WarmUpBatchEvents { get; init; }

    /// <summary>The HTTP measurements, each with the in-process baseline measured just before it.</summary>
    public required IReadOnlyList<IngestMeasurement> Http { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }
}
