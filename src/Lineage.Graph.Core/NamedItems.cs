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
    /// The first edge no write could have made (ends of the wrong kinds, a run its own parent), with its error:
    /// looking for it would say only that it is not there (retire) or nothing at all (purge).
    /// </summary>
    public static (int At, LineageException Error)? FirstImpossibleEdge(IReadOnlyList<EdgeRef> edges)
    {
        for (var i = 0; i < edges.Count; i++)
        {
            try
            {
                Relations.Validate(edges[i].From, edges[i].To, edges[i].Relation, new ItemName("edges", i));
            }
            catch (InvalidRelationException ex)
            {
                return (i, ex);
            }
        }

        return null;
    }
}
