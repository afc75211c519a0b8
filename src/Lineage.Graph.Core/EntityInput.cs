using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// One entity to write. A member left null keeps what is stored; properties merge by top-level
/// name; typed fields merge field by field (see <see cref="EntityMerge"/>).
/// </summary>
public sealed record EntityInput
{
    public required EntityKey Key { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyList<string>? Owners { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Properties { get; init; }

    public EntityFields? Fields { get; init; }
}
