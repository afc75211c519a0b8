namespace Lineage.Graph.Core;

/// <summary>
/// The edges of one request, each checked as it is read against those before it. An edge is written
/// once, so the same edge (from, to, relation) given again saying something else, another role or
/// other properties, would be dropped without a word: it is refused, naming both. Given again alike, it
/// is one edge. Not a rule of a store's batch: an OpenLineage batch joins events that may each name one
/// edge with their own facets, and keeps the first.
/// </summary>
public sealed class EdgeRepeats
{
    private readonly Dictionary<EdgeRef, (EdgeInput Edge, int At)> _first = [];

    /// <summary>Returns <paramref name="edge"/>, item <c>edges[<paramref name="index"/>]</c>, or refuses it as a conflicting repeat.</summary>
    /// <exception cref="InvalidInputException">An earlier edge of the request is this one with another role or other properties.</exception>
    public EdgeInput Check(EdgeInput edge, int index)
    {
        ArgumentNullException.ThrowIfNull(edge);
        var at = new EdgeRef(edge.From, edge.To, edge.Relation);
        if (_first.TryGetValue(at, out var earlier) && !earlier.Edge.SaysTheSameAs(edge))
        {
            throw new InvalidInputException(
                $"The edge {edge.From} -{Relations.Name(edge.Relation)}-> {edge.To} is edges[{earlier.At}] again with another role or other properties. "
                + "An edge is written once, so one of the two would be dropped; send it once, with the role and properties it should have.",
                $"edges[{index}]");
        }

        _first.TryAdd(at, (edge, index));
        return edge;
    }
}
