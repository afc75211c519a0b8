using System.Text.Json;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>A node as the Query API returns it: <c>{"elementId", "labels", "properties"}</c>.</summary>
/// <param name="ElementId">Neo4j's id of the node, stable within one transaction only.</param>
/// <param name="Labels">The node's labels.</param>
/// <param name="Properties">The node's properties, as JSON values.</param>
public sealed record Neo4jNode(string ElementId, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, JsonElement> Properties)
{
    /// <summary>Reads a node from a returned value.</summary>
    /// <exception cref="FormatException">The value is not a node.</exception>
    public static Neo4jNode Read(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"Expected a node ({{elementId, labels, properties}}) but found {Values.Describe(value)}.");
        }

        var names = new string[labels.GetArrayLength()];
        var i = 0;
        foreach (var label in labels.EnumerateArray())
        {
            names[i++] = label.GetString() ?? throw new FormatException("A node label is null.");
        }

        return new Neo4jNode(Values.RequiredString(value, "elementId", "node"), names, Values.Properties(value, "node"));
    }
}
