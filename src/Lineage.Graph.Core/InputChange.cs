namespace Lineage.Graph.Core;

/// <summary>One logical input (kind, namespace, name) of two closures, and the versions each holds.</summary>
public sealed record InputChange(
    EntityKind Kind, string Namespace, string Name, ChangeKind Change, IReadOnlyList<string> VersionsA, IReadOnlyList<string> VersionsB);
