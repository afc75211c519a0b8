using System.Text.Json;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>Shared pieces of the node, relationship and path readers.</summary>
internal static class Values
{
    public static string RequiredString(JsonElement value, string property, string what) =>
        value.TryGetProperty(property, out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw new FormatException($"A {what} has no '{property}' string.");

    public static IReadOnlyDictionary<string, JsonElement> Properties(JsonElement value, string what)
    {
        if (!value.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A {what} has no 'properties' object.");
        }

        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in properties.EnumerateObject())
        {
            map[property.Name] = property.Value;
        }

        return map;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object without those members",
        JsonValueKind.Array => $"an array of {value.GetArrayLength()}",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
