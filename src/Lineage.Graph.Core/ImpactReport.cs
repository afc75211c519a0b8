namespace Lineage.Graph.Core;

/// <summary>What a change to <see cref="Of"/> reaches downstream, grouped by kind.</summary>
public sealed record ImpactReport(
    Entity Of,
    IReadOnlyList<KindGroup> ByKind,
    IReadOnlyList<WalkNode> Models,
    IReadOnlyList<DeploymentImpact> Deployments,
    bool Truncated,
    WalkResult Walk);
