namespace Lineage.Graph.Core;

/// <summary>
/// One logical input (kind, namespace, name) of two closures, and the versions each holds; <c>""</c>
/// stands for the unversioned entity, which no version can be mistaken for (a version is never empty).
/// </summary>
public sealed record InputChange(
    EntityKind Kind, string Namespace, string Name, ChangeKind Change, IReadOnlyList<string> VersionsA, IReadOnlyList<string> VersionsB)
{
    /// <summary>The roles its INPUT_TO edges in a's closure carry (training, validation, ...), distinct, in ordinal order.</summary>
    public IReadOnlyList<string> RolesA { get; init; } = [];

    /// <summary>The roles its INPUT_TO edges in b's closure carry, as <see cref="RolesA"/>.</summary>
    public IReadOnlyList<string> RolesB { get; init; } = [];
}
