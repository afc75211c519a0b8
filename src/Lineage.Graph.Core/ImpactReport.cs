namespace Lineage.Graph.Core;

/// <summary>
/// What a change to <see cref="Of"/> reaches downstream, grouped by kind. <see cref="BeyondDepth"/>
/// holds the entities at the depth bound with something downstream that the walk stopped before, in
/// the walk's node order: what a change reaches may go on past them, so an answer that lists no
/// deployment is then no evidence that none is affected.
/// </summary>
public sealed record ImpactReport(
    Entity Of,
    IReadOnlyList<KindGroup> ByKind,
    IReadOnlyList<WalkNode> Models,
    IReadOnlyList<DeploymentImpact> Deployments,
    bool Truncated,
    WalkResult Walk,
    IReadOnlyList<EntityKey> BeyondDepth);
