namespace Lineage.Graph.Core;

public sealed record RunFields : EntityFields
{
    public override EntityKind Kind => EntityKind.Run;

    public RunType? RunType { get; init; }

    /// <summary>The run's state as its producer reports it (OpenLineage event types: START, RUNNING, COMPLETE, FAIL, ABORT).</summary>
    public string? Status { get; init; }

    /// <summary>Kept in UTC whatever offset it was written with, as every time the model stores is, so that times compare as text.</summary>
    public DateTimeOffset? StartedAt { get; init => field = value?.ToUniversalTime(); }

    /// <summary>Kept in UTC, as <see cref="StartedAt"/>.</summary>
    public DateTimeOffset? EndedAt { get; init => field = value?.ToUniversalTime(); }

    /// <summary>Metrics the run measured; evaluation runs report a model's metrics here, and diff compares them.</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }
}
