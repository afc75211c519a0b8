namespace Lineage.Graph.Core;

public sealed record DeploymentFields : EntityFields
{
    public override EntityKind Kind => EntityKind.Deployment;

    public string? Status { get; init; }

    public DateTimeOffset? DeployedAt { get; init; }
}
