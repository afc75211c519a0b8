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

    /// <summary>
    /// The first edge whose ends are of kinds its relation never joined, which no write could have stored, with its
    /// error: looking for it would say only that it is not there (retire) or nothing at all (purge). The later rules
    /// (<see cref="Relations.ValidateKinds"/>) are not applied: an edge stored before them is still named.
    /// </summary>
    public static (int At, LineageException Error)? FirstImpossibleEdge(IReadOnlyList<EdgeRef> edges)
    {
        for (var i = 0; i < edges.Count; i++)
        {
            try
            {
                Relations.ValidateKinds(edges[i].From, edges[i].To, edges[i].Relation, new ItemName("edges", i));
            }
            catch (InvalidRelationException ex)
            {
                return (i, ex);
            }
        }

        return null;
    }
}
