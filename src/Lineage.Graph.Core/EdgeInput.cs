using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>One edge to write. Writing an edge that is already current is a no-op.</summary>
public sealed record EdgeInput(EntityKey From, EntityKey To, RelationKind Relation)
{
    /// <summary>The input roles an <c>INPUT_TO</c> edge may carry.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["training", "validation", "test", "reference"];

    /// <summary>For <c>INPUT_TO</c> only: training, validation, test or reference.</summary>
    public string? Role { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Properties { get; init; }

    /// <summary>
    /// Whether <paramref name="other"/>, the same edge (from, to, relation), says the same of it: its role
    /// (case aside, as validation normalises it) and its properties. An edge is written once, so where one
    /// request gives it twice, saying different things, the second would be dropped unseen.
    /// </summary>
    public bool SaysTheSameAs(EdgeInput other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Role, other.Role, StringComparison.OrdinalIgnoreCase)
            && LineageJson.Canonical(Properties ?? LineageJson.EmptyProperties) == LineageJson.Canonical(other.Properties ?? LineageJson.EmptyProperties);
    }
}
