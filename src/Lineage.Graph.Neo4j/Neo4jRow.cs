using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;

namespace Lineage.Graph.Neo4j;

/// <summary>Reads the plain-JSON rows of the store's statements into Core types, by field name.</summary>
internal readonly struct Neo4jRow(IReadOnlyList<string> fields, JsonElement[] values)
{
    public static IEnumerable<Neo4jRow> All(QueryResult result) => result.Rows.Select(r => new Neo4jRow(result.Fields, r));

    /// <summary>The entities of a statement's rows, less those of nodes deleted while it read them (<see cref="IsWholeEntity"/>).</summary>
    public static IEnumerable<Entity> Entities(QueryResult result) => All(result).Where(r => r.IsWholeEntity).Select(r => r.Entity());

    /// <summary>The edges of a walk-edges statement's rows, less those deleted while it read them (<see cref="IsWholeEdge"/>).</summary>
    public static IEnumerable<Edge> Edges(QueryResult result) => All(result).Where(r => r.IsWholeEdge).Select(r => r.Edge());

    /// <summary>
    /// Whether every column the store writes for each entity came back. Neo4j reads committed data as a
    /// statement runs, and a node that a purge deleted after the statement matched it reads with its
    /// properties null (Neo4j answers a deleted entity's property as no value rather than fail the
    /// statement): it is gone, and is left out as it would be had the purge come first.
    /// </summary>
    public bool IsWholeEntity => HasValues("key", "kind", "namespace", "name", "recordedAt", "updatedAt");

    /// <summary>Whether an edge row came back whole: an edge, or an end of it, deleted meanwhile reads as nulls (<see cref="IsWholeEntity"/>).</summary>
    public bool IsWholeEdge => HasValues("from", "to", "relation", "recordedAt");

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
            // Checked when it was written: read as stored, so a key written under an earlier bound still reads back (the embedded store reads its keys so).
            Key = EntityKey.FromStore(kind, String("namespace"), String("name"), NullableString("version"), String("key")),
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
        From = EntityKey.FromStoredText(String("from")),
        To = EntityKey.FromStoredText(String("to")),
        Relation = Relations.Parse(String("relation")),
        Role = NullableString("role"),
        Properties = LineageJson.DeserializeProperties(NullableString("properties")),
        RecordedAt = Time(Long("recordedAt")),
        RetiredAt = NullableLong("retiredAt") is { } retired ? Time(retired) : null,
    };

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private bool HasValues(params ReadOnlySpan<string> fields)
    {
        foreach (var field in fields)
        {
            if (this[field].ValueKind == JsonValueKind.Null)
            {
                return false;
            }
        }

        return true;
    }

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
