namespace Lineage.Graph.Core;

/// <summary>The versions of one logical entity as <see cref="ILineageStore.ListVersionsAsync"/> answers them.</summary>
public static class EntityVersions
{
    /// <summary>
    /// Oldest first: by when each version was first written, then by key, so that versions written
    /// in the same instant (one batch) still come in one order on every store.
    /// </summary>
    public static int Compare(Entity a, Entity b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var order = a.RecordedAt.CompareTo(b.RecordedAt);
        return order != 0 ? order : a.Key.CompareTo(b.Key);
    }

    /// <summary>The answer for <paramref name="entities"/>: each one's versions from <paramref name="found"/> in order, an empty list for those without.</summary>
    public static IReadOnlyDictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>> Answer(
        IEnumerable<(EntityKind Kind, string Namespace, string Name)> entities, IEnumerable<Entity> found)
    {
        var versions = found.GroupBy(e => e.Key.Logical).ToDictionary(g => g.Key, g => g.ToList());
        var answer = new Dictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>>();
        foreach (var entity in entities)
        {
            if (versions.TryGetValue(entity, out var list))
            {
                list.Sort(Compare);
                answer[entity] = list;
            }
            else
            {
                answer[entity] = [];
            }
        }

        return answer;
    }
}
