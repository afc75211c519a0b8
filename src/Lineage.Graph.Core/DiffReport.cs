namespace Lineage.Graph.Core;

/// <summary>How the upstream closures of two entities differ: inputs, hyperparameters, code and metrics.</summary>
public sealed record DiffReport(
    Entity A,
    Entity B,
    IReadOnlyList<InputChange> Inputs,
    IReadOnlyList<ValueChange> Hyperparameters,
    IReadOnlyList<InputChange> Code,
    IReadOnlyList<MetricChange> Metrics,
    bool Truncated);
