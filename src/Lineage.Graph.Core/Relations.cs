using System.Collections.Frozen;

namespace Lineage.Graph.Core;

/// <summary>
/// The relation table of lineage-model.md: wire names, which kinds each relation may join,
/// and which relations a walk follows by default.
/// </summary>
public static class Relations
{
    private static readonly EntityKind[] LineageSources = [EntityKind.Dataset, EntityKind.Feature, EntityKind.Model];
    private static readonly EntityKind[] AllButRun = [.. Enum.GetValues<EntityKind>().Where(k => k != EntityKind.Run)];

    private static readonly FrozenDictionary<string, RelationKind> ByName =
        Enum.GetValues<RelationKind>().ToFrozenDictionary(Name, r => r, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every relation kind.</summary>
    public static IReadOnlyList<RelationKind> All { get; } = Enum.GetValues<RelationKind>();

    // The kinds each relation may join, as bit masks by relation number: checking an edge's ends
    // against them allocates nothing, where AllowedFrom and AllowedTo make their lists anew per call.
    private static readonly uint[] FromMasks = [.. All.Select(r => KindMask(AllowedFrom(r)))];
    private static readonly uint[] ToMasks = [.. All.Select(r => KindMask(AllowedTo(r)))];

    /// <summary>The relations a walk follows when the request names none: lineage, not structure.</summary>
    public static IReadOnlyList<RelationKind> Lineage { get; } =
    [
        RelationKind.InputTo, RelationKind.Produced, RelationKind.ExecutedIn,
        RelationKind.Configured, RelationKind.Derives, RelationKind.DeployedAs,
    ];

    /// <summary>The wire name of a relation: <c>INPUT_TO</c>, <c>NEXT_VERSION</c>, ...</summary>
    public static string Name(RelationKind relation) => relation switch
    {
        RelationKind.InputTo => "INPUT_TO",
        RelationKind.Produced => "PRODUCED",
        RelationKind.ExecutedIn => "EXECUTED_IN",
        RelationKind.Configured => "CONFIGURED",
        RelationKind.Derives => "DERIVES",
        RelationKind.DeployedAs => "DEPLOYED_AS",
        RelationKind.NextVersion => "NEXT_VERSION",
        RelationKind.InstanceOf => "INSTANCE_OF",
        RelationKind.ChildOf => "CHILD_OF",
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };

    /// <summary>Parses a wire name (case-insensitive); throws <see cref="InvalidInputException"/> for an unknown one.</summary>
    public static RelationKind Parse(string name) =>
        ByName.TryGetValue(name, out var relation)
            ? relation
            : throw new InvalidInputException($"Unknown relation '{Texts.Shorten(name)}'. Known relations: {string.Join(", ", All.Select(Name))}.");

    /// <summary>The kinds a relation may start from.</summary>
    public static IReadOnlyList<EntityKind> AllowedFrom(RelationKind relation) => relation switch
    {
        RelationKind.InputTo => LineageSources,
        RelationKind.Produced or RelationKind.InstanceOf or RelationKind.ChildOf => [EntityKind.Run],
        RelationKind.ExecutedIn => [EntityKind.CodeVersion],
        RelationKind.Configured => [EntityKind.HyperparameterSet],
        RelationKind.Derives => AllButRun,
        RelationKind.DeployedAs => [EntityKind.Model],
        RelationKind.NextVersion => Enum.GetValues<EntityKind>(),
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };

    /// <summary>The kinds a relation may end at.</summary>
    public static IReadOnlyList<EntityKind> AllowedTo(RelationKind relation) => relation switch
    {
        RelationKind.InputTo or RelationKind.ExecutedIn or RelationKind.Configured or RelationKind.ChildOf => [EntityKind.Run],
        RelationKind.Produced => LineageSources,
        RelationKind.Derives => AllButRun,
        RelationKind.DeployedAs => [EntityKind.Deployment],
        RelationKind.InstanceOf => [EntityKind.Job],
        RelationKind.NextVersion => Enum.GetValues<EntityKind>(),
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };

    /// <summary>
    /// Checks that an edge joins kinds its relation allows. <c>NEXT_VERSION</c> must also join two
    /// different versions of the same kind, namespace and name.
    /// </summary>
    public static void Validate(EntityKey from, EntityKey to, RelationKind relation, string? item = null) =>
        Validate(from, to, relation, new ItemName(item));

    /// <summary><see cref="Validate(EntityKey, EntityKey, RelationKind, string?)"/> for an item named only if it fails.</summary>
    internal static void Validate(EntityKey from, EntityKey to, RelationKind relation, ItemName item)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ValidateKinds(from, to, relation, item);

        if (relation == RelationKind.ChildOf && from == to)
        {
            throw new InvalidRelationException("A run cannot be its own parent (CHILD_OF itself).", item);
        }

        // A run's key is its job's namespace and name with the run id: another job would make the run an instance of two.
        if (relation == RelationKind.InstanceOf && (from.Namespace != to.Namespace || from.Name != to.Name))
        {
            throw new InvalidRelationException(
                $"INSTANCE_OF joins a run to the job its key names ({EntityKey.Create(EntityKind.Job, from.Namespace, from.Name)}), not to {to}.", item);
        }

        if (relation == RelationKind.NextVersion &&
            (from.Kind != to.Kind || from.Namespace != to.Namespace || from.Name != to.Name || from.Version == to.Version))
        {
            throw new InvalidRelationException(
                "NEXT_VERSION must join two different versions of the same kind, namespace and name.", item);
        }
    }

    /// <summary>
    /// The one rule of <see cref="Validate(EntityKey, EntityKey, RelationKind, ItemName)"/> every stored edge has
    /// always kept: that its ends are of kinds its relation joins. The others came later (2026-11-27), so an edge
    /// stored before them may break them and must still be named to retire or purge.
    /// </summary>
    internal static void ValidateKinds(EntityKey from, EntityKey to, RelationKind relation, ItemName item)
    {
        if ((uint)relation >= FromMasks.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(relation), relation, null);
        }

        if (((FromMasks[(int)relation] >> (int)from.Kind) & 1) == 0 || ((ToMasks[(int)relation] >> (int)to.Kind) & 1) == 0)
        {
            throw new InvalidRelationException(
                $"{Name(relation)} cannot join {from.Kind} to {to.Kind}: it goes from " +
                $"{string.Join("|", AllowedFrom(relation))} to {string.Join("|", AllowedTo(relation))}.",
                item);
        }
    }

    private static uint KindMask(IEnumerable<EntityKind> kinds) => kinds.Aggregate(0u, (mask, kind) => mask | (1u << (int)kind));
}
