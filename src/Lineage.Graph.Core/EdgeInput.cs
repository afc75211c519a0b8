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
}
