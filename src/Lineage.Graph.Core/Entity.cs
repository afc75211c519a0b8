using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>A stored entity: its identity, common fields, typed fields and times.</summary>
public sealed record Entity
{
    public required EntityKey Key { get; init; }

    public EntityKind Kind => Key.Kind;

    public string Namespace => Key.Namespace;

    public string Name => Key.Name;

    public string? Version => Key.Version;

    public string? Description { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Owners { get; init; } = [];

    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = LineageJson.EmptyProperties;

    /// <summary>The typed fields of the entity's kind; null for a kind without any (Job) or when none were ever written.</summary>
    public EntityFields? Fields { get; init; }

    /// <summary>When the entity was first written (server clock).</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>When a write last changed the entity.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the entity was retired; null while it is current.</summary>
    public DateTimeOffset? RetiredAt { get; init; }
}
