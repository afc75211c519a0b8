using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// The current versions of the logical entities a request's <c>versions</c> fields ask for, the newest
/// so many of each (<see cref="ILineageStore.ListVersionsAsync"/>'s <c>newest</c>), in one call per level
/// and <c>newest</c>: a list of entities asks once, not once each, and the store reads no more versions
/// than the fields may return.
/// </summary>
internal sealed class VersionsLoader(ILineageStore store)
    : BatchLoader<((EntityKind Kind, string Namespace, string Name) Entity, int Newest), IReadOnlyList<Entity>>
{
    protected override async Task<IReadOnlyDictionary<((EntityKind Kind, string Namespace, string Name) Entity, int Newest), IReadOnlyList<Entity>>> FetchAsync(
        IReadOnlyCollection<((EntityKind Kind, string Namespace, string Name) Entity, int Newest)> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<((EntityKind Kind, string Namespace, string Name) Entity, int Newest), IReadOnlyList<Entity>>();
        foreach (var group in keys.GroupBy(key => key.Newest))
        {
            var listed = await store.ListVersionsAsync([.. group.Select(key => key.Entity)], group.Key, cancellationToken).ConfigureAwait(false);
            foreach (var (entity, versions) in listed)
            {
                found[(entity, group.Key)] = versions;
            }
        }

        return found;
    }
}
