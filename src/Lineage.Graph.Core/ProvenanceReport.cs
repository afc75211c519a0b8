namespace Lineage.Graph.Core;

/// <summary>What made <see cref="Of"/>: its upstream closure by kind and the reproducibility verdict.</summary>
public sealed record ProvenanceReport(
    Entity Of,
    IReadOnlyList<KindGroup> ByKind,
    bool Reproducible,
    IReadOnlyList<ReproducibilityIssue> Issues,
    bool Truncated,
    WalkResult Walk);
