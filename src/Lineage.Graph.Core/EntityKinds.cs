using System.Collections.Frozen;

namespace Lineage.Graph.Core;

/// <summary>Names of entity kinds as they appear in keys and on the wire.</summary>
public static class EntityKinds
{
    private static readonly FrozenDictionary<string, EntityKind> ByName =
        Enum.GetValues<EntityKind>().ToFrozenDictionary(k => k.ToString(), k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every entity kind.</summary>
    public static IReadOnlyList<EntityKind> All { get; } = Enum.GetValues<EntityKind>();

    /// <summary>The prefix of a key: the kind's name in lower case (<c>dataset</c>, <c>codeversion</c>).</summary>
    public static string KeyPrefix(EntityKind kind) => kind switch
    {
        EntityKind.Dataset => "dataset",
        EntityKind.Feature => "feature",
        EntityKind.CodeVersion => "codeversion",
        EntityKind.HyperparameterSet => "hyperparameterset",
        EntityKind.Model => "model",
        EntityKind.Run => "run",
        EntityKind.Job => "job",
        EntityKind.Deployment => "deployment",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses a kind name (case-insensitive), or returns false.</summary>
    public static bool TryParse(string name, out EntityKind kind) => ByName.TryGetValue(name, out kind);

    /// <summary>Parses a kind name (case-insensitive); throws <see cref="InvalidInputException"/> for an unknown one.</summary>
    public static EntityKind Parse(string name) =>
        TryParse(name, out var kind)
            ? kind
            : throw new InvalidInputException($"Unknown entity kind '{Texts.Shorten(name)}'. Known kinds: {string.Join(", ", All)}.");

    /// <summary>Whether entities of this kind carry a version in their identity.</summary>
    public static bool IsVersioned(EntityKind kind) => kind is not (EntityKind.Job or EntityKind.HyperparameterSet);

    /// <summary>Whether entities of this kind must have a version (a run's version is its run id).</summary>
    public static bool RequiresVersion(EntityKind kind) => kind == EntityKind.Run;
}
