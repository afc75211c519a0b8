namespace Lineage.Graph.Core;

/// <summary>
/// One metric of two models. <see cref="Source"/> is <c>model</c> for the model's own metrics, or
/// the evaluation job (<c>namespace:name</c>) whose latest run read the model.
/// </summary>
public sealed record MetricChange(string Source, string Name, ChangeKind Change, double? A, double? B, double? Delta);
