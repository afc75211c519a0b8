using System.Text.Json;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// A path as the Query API returns it: one flat array alternating node, relationship, node, ...
/// </summary>
/// <param name="Nodes">The nodes in walk order; one more than <paramref name="Relationships"/>.</param>
/// <param name="Relationships">The relationships in walk order (each may point either way along the walk).</param>
public sealed record Neo4jPath(IReadOnlyList<Neo4jNode> Nodes, IReadOnlyList<Neo4jRelationship> Relationships)
{
    /// <summary>Reads a path from a returned value.</summary>
    /// <exception cref="FormatException">The value is not a path.</exception>
    public static Neo4jPath Read(JsonElement value)
    {
        var length = value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;
        if (length % 2 == 0)
        {
            throw new FormatException($"Expected a path (an array alternating node, relationship, node) but found {Values.Describe(value)}.");
        }

        var nodes = new Neo4jNode[(length / 2) + 1];
        var relationships = new Neo4jRelationship[length / 2];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (i % 2 == 0)
            {
                nodes[i / 2] = Neo4jNode.Read(item);
            }
            else
            {
                relationships[i / 2] = Neo4jRelationship.Read(item);
            }

            i++;
        }

        return new Neo4jPath(nodes, relationships);
    }
}
