using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// One entity to write. A member left null keeps what is stored; properties merge by top-level
/// name, and <see cref="RemoveProperties"/> takes named ones away; typed fields merge field by
/// field (see <see cref="EntityMerge"/>).
/// </summary>
public sealed record EntityInput
{
    public required EntityKey Key { get; init; }

    public string? Description { get; init; }

    /// <summary>A set of labels: a label given twice is kept once, where it was first given, so that a replay without the repeat is no change.</summary>
    public IReadOnlyList<string>? Tags { get; init => field = Texts.Distinct(value); }

    /// <summary>A set of labels, as <see cref="Tags"/>.</summary>
    public IReadOnlyList<string>? Owners { get; init => field = Texts.Distinct(value); }

    public IReadOnlyDictionary<string, JsonElement>? Properties { get; init; }

    /// <summary>
    /// Top-level property names to remove from what is stored (an OpenLineage facet marked
    /// <c>_deleted</c>, a property recorded by mistake). A name may not also be in
    /// <see cref="Properties"/>. Without an observed time, a name that is not stored is no change.
    /// With one (<see cref="EntityMerge.ObservedAtProperty"/>), each removal is remembered with its
    /// time in <see cref="EntityMerge.PropertyObservedAtProperty"/> (so the entity changes even when
    /// the name was not stored), and removes only what was decided no later than it.
    /// </summary>
    public IReadOnlyList<string>? RemoveProperties { get; init; }

    public EntityFields? Fields { get; init; }
}
