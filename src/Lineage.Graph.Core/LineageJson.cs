using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Lineage.Graph.Core;

/// <summary>
/// The one JSON form of typed fields and properties, shared by every store so that what one
/// store writes another reads the same way.
/// </summary>
public static partial class LineageJson
{
    /// <summary>Camel-case names, enums as UPPER_CASE strings, nulls left out, doubles only as written (<see cref="ExactDoubleConverter"/>).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper), new ExactDoubleConverter() },
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

    /// <summary>Whether a JSON number's text is held by a double: finite, and zero only when it is written as zero.</summary>
    public static bool FitsDouble(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var exponent = text.IndexOfAny(['e', 'E']);
        return double.IsFinite(number) && (number != 0 || !text.AsSpan(0, exponent < 0 ? text.Length : exponent).ContainsAnyInRange('1', '9'));
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
    /// A number's one text for its value, read as the exact decimal it writes (so <c>1</c>,
    /// <c>1.0</c>, <c>1e0</c> and <c>10e-1</c> are one, and a seed past 2^53 keeps every digit):
    /// its digits without leading or trailing zeros, written as an integer up to 21 digits, as a
    /// decimal fraction down to six zeros after the point, else as <c>d.ddde±n</c>. No double is
    /// involved, so <c>1e-400</c> is not <c>0</c> and <c>1e400</c> is itself.
    /// </summary>
    private static string CanonicalNumber(string text)
    {
        var match = NumberParts().Match(text);
        if (!match.Success)
        {
            // Not a JSON number: as written is the best one can do.
            return text;
        }

        var fraction = match.Groups["fraction"].Value;
        var digits = (match.Groups["integer"].Value + fraction).TrimStart('0');
        var trimmed = digits.TrimEnd('0');
        if (trimmed.Length == 0)
        {
            return "0";
        }

        // An exponent may have any number of digits, leading zeros included (1e0000000001 is 10). One of more
        // than a thousand significant digits is kept as written: no real value needs it, and reading it costs
        // the square of its length.
        var exponentDigits = match.Groups["exp"].Value.TrimStart('0');
        if (exponentDigits.Length > 1_000)
        {
            return text;
        }

        var exponent = exponentDigits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(exponentDigits, CultureInfo.InvariantCulture);
        if (match.Groups["expminus"].Success)
        {
            exponent = -exponent;
        }

        // The value is trimmed × 10^scale.
        var scale = exponent - fraction.Length + (digits.Length - trimmed.Length);
        var sign = match.Groups["minus"].Success ? "-" : "";
        if (scale >= 0 && trimmed.Length + scale <= 21)
        {
            return sign + trimmed + new string('0', (int)scale);
        }

        if (scale < 0 && trimmed.Length + scale > 0)
        {
            return sign + trimmed[..(int)(trimmed.Length + scale)] + "." + trimmed[(int)(trimmed.Length + scale)..];
        }

        if (scale < 0 && -(trimmed.Length + scale) < 6)
        {
            return sign + "0." + new string('0', (int)-(trimmed.Length + scale)) + trimmed;
        }

        var power = scale + trimmed.Length - 1;
        return sign + trimmed[..1] + (trimmed.Length > 1 ? "." + trimmed[1..] : "") + "e" + (power < 0 ? "-" : "+") + BigInteger.Abs(power).ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<minus>-)?(?<integer>\d+)(?:\.(?<fraction>\d+))?(?:[eE](?:\+|(?<expminus>-))?(?<exp>\d+))?$")]
    private static partial Regex NumberParts();
}
