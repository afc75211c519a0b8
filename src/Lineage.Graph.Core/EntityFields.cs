namespace Lineage.Graph.Core;

/// <summary>
/// The typed fields of one kind of entity (lineage-model.md, "Entities"). On an upsert, every
/// field the update sets replaces the stored one (unless a newer observation decided it, see
/// <see cref="EntityMerge"/>) and every field it leaves null is kept.
/// </summary>
public abstract record EntityFields
{
    /// <summary>The kind these fields belong to.</summary>
    public abstract EntityKind Kind { get; }
}
