using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>
/// The pieces of the documented JSON output (README, "JSON output"). Object members are written
/// in a fixed order and free-form JSON (properties, typed fields) with its members sorted, so the
/// same graph prints the same text from either source.
/// </summary>
internal static class JsonViews
{
    public static JsonObject Ref(EntityKey key) => new() { ["key"] = key.ToString(), ["kind"] = Wire.Name(key.Kind) };

    public static JsonObject Node(WalkNode node)
    {
        var json = Ref(node.Entity.Key);
        json["depth"] = node.Depth;
        return json;
    }

    public static JsonObject Edge(Edge edge) => new()
    {
        ["from"] = edge.From.ToString(),
        ["to"] = edge.To.ToString(),
        ["relation"] = Relations.Name(edge.Relation),
        ["role"] = edge.Role,
    };

    public static JsonArray Nodes(IEnumerable<WalkNode> nodes) => [.. nodes.Select(Node)];

    public static JsonArray Edges(IEnumerable<Edge> edges) => [.. edges.Select(Edge)];

    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => JsonValue.Create(v))];

    /// <summary>Every field of an entity; typed fields under <c>fields</c>, without the kind they repeat.</summary>
    public static JsonObject Entity(Entity entity)
    {
        JsonObject? fields = null;
        if (entity.Fields is not null)
        {
            fields = Sorted(JsonNode.Parse(LineageJson.SerializeFields(entity.Fields)!)!).AsObject();
            fields.Remove("kind");
        }

        return new JsonObject
        {
            ["key"] = entity.Key.ToString(),
            ["kind"] = Wire.Name(entity.Kind),
            ["namespace"] = entity.Namespace,
            ["name"] = entity.Name,
            ["version"] = entity.Version,
            ["description"] = entity.Description,
            ["tags"] = Strings(entity.Tags),
            ["owners"] = Strings(entity.Owners),
            ["properties"] = Sorted(JsonSerializer.SerializeToNode(entity.Properties)!),
            ["fields"] = fields is { Count: > 0 } ? fields : null,
            ["recordedAt"] = Wire.Time(entity.RecordedAt),
            ["updatedAt"] = Wire.Time(entity.UpdatedAt),
            ["retiredAt"] = entity.RetiredAt is { } retired ? Wire.Time(retired) : null,
        };
    }

    public static JsonNode? Value(JsonElement? value) => value is { } element ? Sorted(JsonNode.Parse(element.GetRawText())!) : null;

    /// <summary>A copy with every object's members in ordinal order.</summary>
    public static JsonNode Sorted(JsonNode node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : Sorted(item))]),
        _ => node.DeepClone(),
    };
}
