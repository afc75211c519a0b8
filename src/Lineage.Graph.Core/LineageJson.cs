using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Lineage.Graph.Core;

/// <summary>
/// The one JSON form of typed fields and properties, shared by every store so that what one
/// store writes another reads the same way.
/// </summary>
public static class LineageJson
{
    /// <summary>Camel-case names, enums as UPPER_CASE strings, nulls left out.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    /// <summary>
    /// <see cref="Options"/> for typed fields written by a user (an import file): a member the fields
    /// do not have, or one given twice, is refused rather than dropped, as GraphQL refuses an unknown
    /// input field. Stored fields are read with <see cref="Options"/>, so that a member a later version
    /// drops does not make old rows unreadable.
    /// </summary>
    public static JsonSerializerOptions InputOptions { get; } = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// Where in the value a deserialisation failed, as the writer of the JSON names it (<c>metrics</c>,
    /// <c>schema[0].name</c>), or null at the top: the serializer's own message names .NET types instead.
    /// </summary>
    public static string? MemberPath(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
    }

    /// <summary>An empty property map.</summary>
    public static IReadOnlyDictionary<string, JsonElement> EmptyProperties { get; } = new Dictionary<string, JsonElement>();

    public static string? SerializeFields(EntityFields? fields) =>
        fields is null ? null : JsonSerializer.Serialize(fields, fields.GetType(), Options);

    /// <summary>Reads the fields of a kind (by <paramref name="options"/>, <see cref="Options"/> if none); a kind without typed fields (Job) yields null.</summary>
    public static EntityFields? DeserializeFields(EntityKind kind, string? json, JsonSerializerOptions? options = null)
    {
        if (json is null)
        {
            return null;
        }

        var type = FieldsType(kind);
        return type is null ? null : (EntityFields?)JsonSerializer.Deserialize(json, type, options ?? Options);
    }

    /// <summary>The typed-fields record of a kind, or null for a kind that has none.</summary>
    public static Type? FieldsType(EntityKind kind) => kind switch
    {
        EntityKind.Dataset => typeof(DatasetFields),
        EntityKind.Feature => typeof(FeatureFields),
        EntityKind.CodeVersion => typeof(CodeVersionFields),
        EntityKind.HyperparameterSet => typeof(HyperparameterSetFields),
        EntityKind.Model => typeof(ModelFields),
        EntityKind.Run => typeof(RunFields),
        EntityKind.Deployment => typeof(DeploymentFields),
        EntityKind.Job => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string SerializeProperties(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.Count == 0 ? "{}" : JsonSerializer.Serialize(properties, Options);

    public static IReadOnlyDictionary<string, JsonElement> DeserializeProperties(string? json) =>
        string.IsNullOrEmpty(json) || json == "{}"
            ? EmptyProperties
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json, Options) ?? (IReadOnlyDictionary<string, JsonElement>)EmptyProperties;

    /// <summary>
    /// Canonical JSON: object members sorted by ordinal name, no whitespace, strings as the parser
    /// read them, and each number in one form for its value (<see cref="CanonicalNumber"/>), so that
    /// <c>1</c>, <c>1.0</c> and <c>1e0</c> are one value. Equal values give equal text, which is what
    /// hashes, change detection and the diff's comparisons need.
    /// </summary>
    public static string Canonical(JsonElement value)
    {
        var builder = new StringBuilder();
        Write(value, builder);
        return builder.ToString();
    }

    /// <summary>Canonical JSON of a property map (see <see cref="Canonical(JsonElement)"/>).</summary>
    public static string Canonical(IReadOnlyDictionary<string, JsonElement> map)
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var (name, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(first ? "" : ",").Append(JsonValue.Create(name).ToJsonString()).Append(':');
            Write(value, builder);
            first = false;
        }

        return builder.Append('}').ToString();
    }

    private static void Write(JsonElement value, StringBuilder builder)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var member in value.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    builder.Append(first ? "" : ",").Append(JsonValue.Create(member.Name).ToJsonString()).Append(':');
                    Write(member.Value, builder);
                    first = false;
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    builder.Append(index++ == 0 ? "" : ",");
                    Write(item, builder);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                builder.Append(JsonValue.Create(value.GetString()!).ToJsonString());
                break;
            case JsonValueKind.Number:
                builder.Append(CanonicalNumber(value.GetRawText()));
                break;
            default:
                builder.Append(value.GetRawText());
                break;
        }
    }

    /// <summary>
    /// A number's one text for its value: an integer written as one stays exact (a seed past 2^53
    /// keeps its digits); any other number is read as the double it stands for (RFC 8259's
    /// interoperable range) and written as an integer when it is one below 1e21, else in the
    /// shortest form that reads back to it. A number no double holds (1e400) stays as written;
    /// the writes refuse it before it gets here.
    /// </summary>
    private static string CanonicalNumber(string text)
    {
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return text == "-0" ? "0" : text;
        }

        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            return text;
        }

        if (number == 0)
        {
            return "0";
        }

        return Math.Floor(number) == number && Math.Abs(number) < 1e21
            ? number.ToString("F0", CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);
    }
}
