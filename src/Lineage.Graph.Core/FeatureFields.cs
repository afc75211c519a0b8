namespace Lineage.Graph.Core;

public sealed record FeatureFields : EntityFields
{
    public override EntityKind Kind => EntityKind.Feature;

    public string? DataType { get; init; }

    /// <summary>The expression or code reference that computes the feature.</summary>
    public string? Transformation { get; init; }
}
