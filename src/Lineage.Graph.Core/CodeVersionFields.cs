namespace Lineage.Graph.Core;

public sealed record CodeVersionFields : EntityFields
{
    public override EntityKind Kind => EntityKind.CodeVersion;

    public string? Branch { get; init; }

    public string? Tag { get; init; }

    /// <summary>Whether the working tree had uncommitted changes when the code ran.</summary>
    public bool? Dirty { get; init; }
}
