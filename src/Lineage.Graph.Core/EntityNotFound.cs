namespace Lineage.Graph.Core;

/// <summary>The error for a key that names no entity, the same from every store.</summary>
public static class EntityNotFound
{
    /// <summary>How many versions the error names at most.</summary>
    public const int VersionsNamed = 3;

    // With asOf, the newest versions read among which to find those that existed then: a bound, so
    // that an error about a long-versioned dataset does not read all its partitions.
    private const int VersionsReadForAsOf = 100;

    /// <summary>
    /// The error for a walk's start or a path's end that names no entity (at <paramref name="asOf"/>).
    /// It also names the newest current versions of the logical entity the key names (those that
    /// existed at <paramref name="asOf"/>), when there are any: "what breaks if this dataset changes"
    /// is asked of a dataset without its version, or with a mistyped one, as often as of a version,
    /// and the answer should give the keys that can be asked. The versions are a hint: when they
    /// cannot be read, the error says only that the key names no entity.
    /// </summary>
    public static async Task<NotFoundException> ErrorAsync(ILineageStore store, EntityKey key, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        var message = asOf is null ? $"No entity {key}." : $"No entity {key} as of {Texts.Instant(asOf.Value)}.";
        if (!EntityKinds.IsVersioned(key.Kind))
        {
            return new NotFoundException(message);
        }

        IReadOnlyList<Entity> versions;
        try
        {
            // Two more than are named without asOf: the key itself may be one of them, and one more tells that there are more.
            var read = await store.ListVersionsAsync([key.Logical], asOf is null ? VersionsNamed + 2 : VersionsReadForAsOf, cancellationToken).ConfigureAwait(false);
            versions = read.TryGetValue(key.Logical, out var found) ? found : [];
        }
        catch (LineageException)
        {
            // The store has answered the question asked; a failure to read the hint is not the answer.
            return new NotFoundException(message);
        }

        // A version current now and recorded by asOf was current then: a retired entity is never current again.
        var others = versions.Where(v => v.Key != key && (asOf is null || v.RecordedAt <= asOf)).Select(v => v.Key).Reverse().ToList();
        if (others.Count == 0)
        {
            return new NotFoundException(message);
        }

        var named = string.Join(", ", others.Take(VersionsNamed)) + (others.Count > VersionsNamed ? ", and older ones" : "");

        // A run's versions are the runs of its job, whose key is the one to name (a run's key without its id is none).
        var (current, then) = asOf is null ? (" current", "") : ("", " at that time");
        return new NotFoundException(key.Kind == EntityKind.Run
            ? $"{message} The newest{current} runs of {EntityKey.Create(EntityKind.Job, key.Namespace, key.Name)}{then}: {named}."
            : $"{message} Its newest{current} versions{then}: {named}.");
    }
}
