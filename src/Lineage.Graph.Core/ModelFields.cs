namespace Lineage.Graph.Core;

public sealed record ModelFields : EntityFields
{
    public override EntityKind Kind => EntityKind.Model;

    public string? Framework { get; init; }

    /// <summary>Registry stage: <c>staging</c>, <c>production</c>, <c>archived</c>, ...</summary>
    public string? Stage { get; init; }

    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    public string? ArtifactUri { get; init; }
}
