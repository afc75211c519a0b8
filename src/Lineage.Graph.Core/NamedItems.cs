namespace Lineage.Graph.Core;

/// <summary>The checks of a request that names entities and edges to retire or purge, shared by both.</summary>
internal static class NamedItems
{
    public static void Check(IReadOnlyList<EntityKey>? entities, IReadOnlyList<EdgeRef>? edges)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(edges);
        for (var i = 0; i < entities.Count; i++)
        {
            _ = entities[i] ?? throw new InvalidInputException("A key is missing.", $"entities[{i}]");
        }

        for (var i = 0; i < edges.Count; i++)
        {
            if (edges[i]?.From is null || edges[i].To is null)
            {
                throw new InvalidInputException("An edge needs from and to keys.", $"edges[{i}]");
            }
        }
    }
}
