using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// The current versions of the logical entities a request's <c>versions</c> fields ask for, in one
/// <see cref="ILineageStore.ListVersionsAsync"/> per level: a list of entities asks once, not once each.
/// </summary>
internal sealed class VersionsLoader(ILineageStore store) : BatchLoader<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>>
{
    protected override Task<IReadOnlyDictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>>> FetchAsync(
        IReadOnlyCollection<(EntityKind Kind, string Namespace, string Name)> keys, CancellationToken cancellationToken) =>
        store.ListVersionsAsync(keys, cancellationToken);
}
