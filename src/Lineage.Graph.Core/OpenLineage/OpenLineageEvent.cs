using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>
/// One OpenLineage event (RunEvent, JobEvent or DatasetEvent, spec 2-0-x), read from its JSON.
/// </summary>
/// <remarks>
/// Reading is lenient where producers differ harmlessly: an <c>eventTime</c> without a time zone is
/// taken as UTC; <c>producer</c>, <c>schemaURL</c>, <c>eventType</c> and the facets' own
/// <c>_producer</c>/<c>_schemaURL</c> may be missing; a null <c>facets</c>, <c>inputs</c> or
/// <c>outputs</c> is empty; a facet marked <c>"_deleted": true</c> is dropped. It is strict where
/// identity depends on it: a missing or empty <c>job.namespace</c>, <c>job.name</c>, dataset
/// <c>namespace</c> or <c>name</c>, or a <c>run.runId</c> that is not a UUID throws
/// <see cref="InvalidInputException"/> whose <see cref="LineageException.Item"/> names the field
/// (<c>job.namespace</c>, <c>run.runId</c>, <c>inputs[2].name</c>).
/// </remarks>
public sealed record OpenLineageEvent
{
    public required OpenLineageEventKind Kind { get; init; }

    /// <summary>START, RUNNING, COMPLETE, ABORT, FAIL or OTHER, upper case; null when the event has none (or is not a RunEvent).</summary>
    public string? EventType { get; init; }

    public DateTimeOffset? EventTime { get; init; }

    /// <summary>The run of a RunEvent; null otherwise.</summary>
    public OpenLineageRun? Run { get; init; }

    /// <summary>The job of a RunEvent or JobEvent; null for a DatasetEvent.</summary>
    public OpenLineageJob? Job { get; init; }

    public IReadOnlyList<OpenLineageDataset> Inputs { get; init; } = [];

    public IReadOnlyList<OpenLineageDataset> Outputs { get; init; } = [];

    /// <summary>The dataset of a DatasetEvent; null otherwise.</summary>
    public OpenLineageDataset? Dataset { get; init; }

    /// <summary>
    /// Reads an event. Its type comes from the end of <c>schemaURL</c> (<c>…#/$defs/RunEvent</c>,
    /// <c>…/JobEvent</c>) and otherwise from its shape: a <c>run</c> makes a RunEvent, a
    /// <c>dataset</c> a DatasetEvent, a <c>job</c> alone a JobEvent.
    /// </summary>
    public static OpenLineageEvent Parse(JsonElement body) => OpenLineageParser.Parse(body);
}
