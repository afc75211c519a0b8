namespace Lineage.Graph.Core;

public sealed record CodeVersionFields : EntityFields
{
    public override EntityKind Kind => EntityKind.CodeVersion;

    public string? Branch { get; init; }

    public string? Tag { get; init; }

    /// <summary>
    /// The property of an EXECUTED_IN edge that says whether that run's code was dirty. A code version
    /// is one entity per commit, shared by every run at it, so its <see cref="Dirty"/> is whatever the
    /// last write said; the edge is the run's own and never changes, so a verdict reads it first.
    /// </summary>
    public const string DirtyEdgeProperty = "dirty";

    /// <summary>Whether the working tree had uncommitted changes when the code ran (when last recorded).</summary>
    public bool? Dirty { get; init; }
}
