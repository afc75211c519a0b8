namespace Lineage.Graph.Core;

/// <summary>An affected deployment and one shortest path that reaches it from the changed entity.</summary>
public sealed record DeploymentImpact(WalkNode Deployment, LineagePath Path);
