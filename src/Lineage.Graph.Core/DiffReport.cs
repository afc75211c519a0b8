namespace Lineage.Graph.Core;

/// <summary>
/// How the upstream closures of two entities differ: inputs, hyperparameters, code and metrics.
/// <see cref="BeyondDepth"/>: the entities of either closure at maxDepth with something upstream that
/// the walks did not follow, so that inputs or hyperparameters past them were not compared.
/// </summary>
public sealed record DiffReport(
    Entity A,
    Entity B,
    IReadOnlyList<InputChange> Inputs,
    IReadOnlyList<ValueChange> Hyperparameters,
    IReadOnlyList<InputChange> Code,
    IReadOnlyList<MetricChange> Metrics,
    bool Truncated)
{
    public IReadOnlyList<EntityKey> BeyondDepth { get; init; } = [];
}
