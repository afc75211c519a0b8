using System.Text.Json;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// A relationship as the Query API returns it:
/// <c>{"elementId", "startNodeElementId", "endNodeElementId", "type", "properties"}</c>.
/// </summary>
/// <param name="ElementId">Neo4j's id of the relationship, stable within one transaction only.</param>
/// <param name="StartNodeElementId">The element id of the node it leaves.</param>
/// <param name="EndNodeElementId">The element id of the node it enters.</param>
/// <param name="Type">The relationship type.</param>
/// <param name="Properties">The relationship's properties, as JSON values.</param>
public sealed record Neo4jRelationship(
    string ElementId,
    string StartNodeElementId,
    string EndNodeElementId,
    string Type,
    IReadOnlyDictionary<string, JsonElement> Properties)
{
    /// <summary>Reads a relationship from a returned value.</summary>
    /// <exception cref="FormatException">The value is not a relationship.</exception>
    public static Neo4jRelationship Read(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out _))
        {
            throw new FormatException(
                $"Expected a relationship ({{elementId, startNodeElementId, endNodeElementId, type, properties}}) but found {Values.Describe(value)}.");
        }

        return new Neo4jRelationship(
            Values.RequiredString(value, "elementId", "relationship"),
            Values.RequiredString(value, "startNodeElementId", "relationship"),
            Values.RequiredString(value, "endNodeElementId", "relationship"),
            Values.RequiredString(value, "type", "relationship"),
            Values.Properties(value, "relationship"));
    }
}
