namespace Lineage.Graph.Core;

public sealed record DeploymentFields : EntityFields
{
    public override EntityKind Kind => EntityKind.Deployment;

    public string? Status { get; init; }

    /// <summary>Kept in UTC whatever offset it was written with, as every time the model stores is, so that times compare as text.</summary>
    public DateTimeOffset? DeployedAt { get; init => field = value?.ToUniversalTime(); }
}
