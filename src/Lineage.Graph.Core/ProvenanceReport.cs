namespace Lineage.Graph.Core;

/// <summary>
/// What made <see cref="Of"/>: its upstream closure by kind and the reproducibility verdict, which judges
/// that closure; and <see cref="RetiredUpstream"/>, the lineage into it that retirement took out (a
/// retired base model, a retired training dataset version), which the closure and the verdict no longer
/// see: an audit asks again with an instant before those retirements. At most the limit cap of them, in
/// (from, to, relation) order; <see cref="RetiredUpstreamTruncated"/> says there were more. Null when the
/// caller did not ask for them.
/// </summary>
public sealed record ProvenanceReport(
    Entity Of,
    IReadOnlyList<KindGroup> ByKind,
    bool Reproducible,
    IReadOnlyList<ReproducibilityIssue> Issues,
    bool Truncated,
    WalkResult Walk,
    IReadOnlyList<RetiredEdge>? RetiredUpstream,
    bool RetiredUpstreamTruncated);
