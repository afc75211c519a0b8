namespace Lineage.Graph.Core;

/// <summary>The error for a key that names no entity, the same from every store.</summary>
public static class EntityNotFound
{
    /// <summary>How many versions the error names at most.</summary>
    public const int VersionsNamed = 3;

    /// <summary>
    /// The error for a walk's start or a path's end that names no entity (at <paramref name="asOf"/>).
    /// It also names the newest current versions of the logical entity the key names, when there are
    /// any: "what breaks if this dataset changes" is asked of a dataset without its version, or with a
    /// mistyped one, as often as of a version, and the answer should give the keys that can be asked.
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

        // Two more than are named: the key itself may be one of them (current, but not at asOf), and one more tells that there are more.
        var versions = await store.ListVersionsAsync([key.Logical], VersionsNamed + 2, cancellationToken).ConfigureAwait(false);
        var others = versions.TryGetValue(key.Logical, out var found) ? found.Select(v => v.Key).Where(k => k != key).Reverse().ToList() : [];
        if (others.Count == 0)
        {
            return new NotFoundException(message);
        }

        var named = string.Join(", ", others.Take(VersionsNamed));
        var more = others.Count > VersionsNamed ? ", and older ones" : "";
        return new NotFoundException(
            $"{message} Current versions of {EntityKey.LogicalText(key.Kind, key.Namespace, key.Name)}, newest first: {named}{more}.");
    }
}
