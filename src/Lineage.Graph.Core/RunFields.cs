namespace Lineage.Graph.Core;

public sealed record RunFields : EntityFields
{
    public override EntityKind Kind => EntityKind.Run;

    public RunType? RunType { get; init; }

    /// <summary>The run's state as its producer reports it (OpenLineage event types: START, RUNNING, COMPLETE, FAIL, ABORT).</summary>
    public string? Status { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Metrics the run measured; evaluation runs report a model's metrics here, and diff compares them.</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}
