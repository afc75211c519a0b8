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

    /// <summary>Refuses a <c>newest</c> below 1, before a store reads anything.</summary>
    public static void CheckNewest(int? newest)
    {
        if (newest < 1)
        {
            throw new InvalidInputException($"must be at least 1; it was {newest}.", "newest");
        }
    }

    /// <summary>
    /// The recorded times a store keeps versions from to answer <paramref name="newest"/> exactly: every
    /// version recorded no earlier than the newest-th latest time. Versions recorded in the same instant
    /// are told apart by key, which only <see cref="Compare"/> orders, so all of that instant's are kept
    /// and <see cref="Answer"/> cuts them. Null keeps all: there are no more than <paramref name="newest"/>.
    /// </summary>
    public static long? KeepFrom(IEnumerable<long> recorded, int? newest)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (newest is not { } count)
        {
            return null;
        }

        var times = recorded.ToList();
        if (times.Count <= count)
        {
            return null;
        }

        times.Sort();
        return times[^count];
    }

    /// <summary>
    /// The answer for <paramref name="entities"/>: each one's versions from <paramref name="found"/> in
    /// order (the newest <paramref name="newest"/> of them when given), an empty list for those without.
    /// </summary>
    public static IReadOnlyDictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>> Answer(
        IEnumerable<(EntityKind Kind, string Namespace, string Name)> entities, IEnumerable<Entity> found, int? newest = null)
    {
        var versions = found.GroupBy(e => e.Key.Logical).ToDictionary(g => g.Key, g => g.ToList());
        var answer = new Dictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>>();
        foreach (var entity in entities)
        {
            if (versions.TryGetValue(entity, out var list))
            {
                list.Sort(Compare);
                answer[entity] = newest is { } count && list.Count > count ? list[^count..] : list;
            }
            else
            {
                answer[entity] = [];
            }
        }

        return answer;
    }
}
