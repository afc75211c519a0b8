using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;

namespace Lineage.Graph.Neo4j;

/// <summary>Reads the plain-JSON rows of the store's statements into Core types, by field name.</summary>
internal readonly struct Neo4jRow(IReadOnlyList<string> fields, JsonElement[] values)
{
    public static IEnumerable<Neo4jRow> All(QueryResult result) => result.Rows.Select(r => new Neo4jRow(result.Fields, r));

    public JsonElement this[string field] => values[IndexOf(field)];

    public string String(string field) => this[field].GetString()!;

    public string? NullableString(string field) => this[field].ValueKind == JsonValueKind.Null ? null : this[field].GetString();

    public long Long(string field) => this[field].GetInt64();

    public long? NullableLong(string field) => this[field].ValueKind == JsonValueKind.Null ? null : this[field].GetInt64();

    public IReadOnlyList<string> Strings(string field) =>
        this[field].ValueKind == JsonValueKind.Array ? [.. this[field].EnumerateArray().Select(e => e.GetString()!)] : [];

    /// <summary>An entity from the columns that get-entities and list-entities return.</summary>
    public Entity Entity()
    {
        var kind = EntityKinds.Parse(String("kind"));
        return new Entity
        {
            Key = EntityKey.Create(kind, String("namespace"), String("name"), NullableString("version")),
            Description = NullableString("description"),
            Tags = Strings("tags"),
            Owners = Strings("owners"),
            Properties = LineageJson.DeserializeProperties(NullableString("properties")),
            Fields = LineageJson.DeserializeFields(kind, NullableString("fields")),
            RecordedAt = Time(Long("recordedAt")),
            UpdatedAt = Time(Long("updatedAt")),
            RetiredAt = NullableLong("retiredAt") is { } retired ? Time(retired) : null,
        };
    }

    /// <summary>An edge from the columns the walk-edges statements return.</summary>
    public Edge Edge() => new()
    {
        From = EntityKey.Parse(String("from")),
        To = EntityKey.Parse(String("to")),
        Relation = Relations.Parse(String("relation")),
        Role = NullableString("role"),
        Properties = LineageJson.DeserializeProperties(NullableString("properties")),
        RecordedAt = Time(Long("recordedAt")),
        RetiredAt = NullableLong("retiredAt") is { } retired ? Time(retired) : null,
    };

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private int IndexOf(string field)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == field)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The statement returned no field '{field}'.");
    }
}
