namespace Lineage.Graph.Core;

/// <summary>
/// One metric of two models. <see cref="Source"/> is <c>model</c> for the model's own metrics, or
/// the key of the evaluation job (<c>job:namespace:name</c>) whose latest completed run read the
/// model (its latest run when none completed).
/// </summary>
public sealed record MetricChange(string Source, string Name, ChangeKind Change, double? A, double? B, double? Delta)
{
    /// <summary>
    /// The evaluation run that measured <see cref="A"/>; null for the model's own metrics. Its inputs
    /// say what the value was measured on; the same run on both sides measured both models at once.
    /// </summary>
    public EntityKey? RunA { get; init; }

    /// <summary>The evaluation run that measured <see cref="B"/>, as <see cref="RunA"/>.</summary>
    public EntityKey? RunB { get; init; }
}
