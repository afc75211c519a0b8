namespace Lineage.Graph.Benchmarks;

/// <summary>Everything one run measured, for the report.</summary>
internal sealed record BenchmarkResult
{
    public required BenchmarkOptions Options { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string SqliteVersion { get; init; }

    public required long Entities { get; init; }

    public required long Edges { get; init; }

    public required IReadOnlyList<long> EntitiesByKind { get; init; }

    public required IReadOnlyList<long> EdgesByRelation { get; init; }

    public required int Batches { get; init; }

    public required long DatabaseBytes { get; init; }

    /// <summary>Time spent inside WriteAsync only; generating the batches is not counted.</summary>
    public required double IngestSeconds { get; init; }

    public required double GenerateSeconds { get; init; }

    /// <summary>The same rows inserted again with nothing but SQLite (<see cref="BareInsertBaseline"/>): the ceiling of ingest.</summary>
    public required double BareInsertSeconds { get; init; }

    /// <summary>Building the edge indexes the recursive CTE walks on, which the store does without (untimed for both).</summary>
    public required double CteIndexSeconds { get; init; }

    public required double IndexLoadSeconds { get; init; }

    /// <summary>Growth of the managed heap across Open, after full collections on both sides.</summary>
    public required long IndexBytes { get; init; }

    public required WalkMeasurement Impact { get; init; }

    public required WalkMeasurement ImpactOnDeployments { get; init; }

    /// <summary>The impact walks with kinds=[HyperparameterSet], which no dataset reaches downstream: the traversal without materialising any node.</summary>
    public required WalkMeasurement ImpactTraversalOnly { get; init; }

    public required WalkMeasurement Provenance { get; init; }

    /// <summary>Walks that reach nothing (downstream of a deployment): what every walk costs before it walks.</summary>
    public required WalkMeasurement EmptyWalk { get; init; }

    /// <summary>The impact and provenance walks again, from the same starts: every entity they return was read once before.</summary>
    public required WalkMeasurement ImpactRepeated { get; init; }

    public required WalkMeasurement ProvenanceRepeated { get; init; }

    /// <summary>The impact and provenance walks on a second store on the same file, with no entity cache: every entity is read and decoded.</summary>
    public required WalkMeasurement ImpactUncached { get; init; }

    public required WalkMeasurement ProvenanceUncached { get; init; }

    /// <summary>The entity cache's capacity, and its count, hits and misses after the first walks (warm-up walks included).</summary>
    public required (int Capacity, int Count, long Hits, long Misses) Cache { get; init; }

    /// <summary>Growth of the managed heap across the first walks, after full collections on both sides: what the cache keeps.</summary>
    public required long CacheBytes { get; init; }

    /// <summary>What the cache counted its entities as weighing at the same moment, against its byte bound (<c>EntityCacheBytes</c>).</summary>
    public required long CacheCountedBytes { get; init; }

    /// <summary>The impact walks as a recursive CTE returning the whole answer, nodes and edges: the baseline of the target.</summary>
    public required WalkMeasurement ImpactCte { get; init; }

    public required WalkMeasurement ProvenanceCte { get; init; }

    /// <summary>The impact walks as one recursive CTE returning the nodes alone, without the edges the answer holds.</summary>
    public required WalkMeasurement ImpactCteNodesOnly { get; init; }

    public required WalkMeasurement ProvenanceCteNodesOnly { get; init; }

    /// <summary>The impact walks as a recursive CTE that returns only ids and depths: SQLite's traversal, against <see cref="ImpactTraversalOnly"/>.</summary>
    public required WalkMeasurement ImpactCteTraversalOnly { get; init; }

    /// <summary>The lineage query through the server, against the same walks in-process; null when skipped (<c>--http-seconds 0</c>).</summary>
    public required HttpMeasurement? Http { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }
}
