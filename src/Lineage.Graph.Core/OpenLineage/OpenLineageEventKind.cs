namespace Lineage.Graph.Core.OpenLineage;

/// <summary>The three OpenLineage event types (spec 2-0-x).</summary>
public enum OpenLineageEventKind
{
    /// <summary>A state transition of a run of a job.</summary>
    RunEvent,

    /// <summary>A job's design-time definition: its inputs and outputs, no run.</summary>
    JobEvent,

    /// <summary>Metadata about one dataset, outside any run.</summary>
    DatasetEvent,
}
