using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// <c>JSON</c>: any JSON value, for free-form properties, metrics and hyperparameter values.
/// Inputs arrive as dictionaries and lists and leave the resolvers as <see cref="JsonElement"/>.
/// </summary>
public sealed class JsonGraphType : ComplexScalarGraphType
{
    public JsonGraphType()
    {
        Name = "JSON";
        Description = "Any JSON value: object, array, string, number, boolean or null.";
    }

    /// <summary>A literal as <see cref="ComplexScalarGraphType"/> reads it, but with its numbers as <see cref="JsonNumbers.FromText"/> takes them.</summary>
    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLFloatValue number => JsonNumbers.FromText(number.Value.ToString()),
        GraphQLIntValue number => JsonNumbers.FromText(number.Value.ToString()),
        GraphQLObjectValue map => Members(map),
        GraphQLListValue list => (list.Values ?? []).Select(ParseLiteral).ToList(),

        // A scalar's literal is read before variables are known; the base message would name a parser type.
        GraphQLVariable variable => throw new InvalidOperationException(
            $"A JSON literal cannot hold a variable (${variable.Name.StringValue}); pass the whole JSON value as one variable."),

        // GraphQL.NET reads a bare name as its text, so { a: NaN } was stored as "NaN"; the same value sent
        // as a variable is refused as not JSON. A name is no JSON value: text is quoted, numbers are digits.
        GraphQLEnumValue name => throw new InvalidOperationException(
            $"A JSON literal cannot hold the bare name {Shorten(name.Name.StringValue)}: write text in quotes (\"{Shorten(name.Name.StringValue)}\"); JSON has no NaN or Infinity."),
        _ => base.ParseLiteral(value),
    };

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";

    /// <summary>An object literal's members; a name given twice is the unique-input-field-names rule's to refuse, so the last one is kept here.</summary>
    private Dictionary<string, object?> Members(GraphQLObjectValue map)
    {
        var members = new Dictionary<string, object?>();
        foreach (var field in map.Fields ?? [])
        {
            members[field.Name.StringValue] = ParseLiteral(field.Value);
        }

        return members;
    }

    /// <summary>
    /// Turns a parsed input value (dictionaries, lists, numbers) into a JSON element, refusing with
    /// INVALID_INPUT, naming <paramref name="item"/>, what JSON cannot hold as given: text with an
    /// unpaired surrogate (the serializer would write U+FFFD in its place). Numbers are kept as
    /// written (<see cref="JsonNumbers.FromText"/>).
    /// </summary>
    public static JsonElement ToElement(object? value, string item)
    {
        Check(value, item, typedFields: false);
        if (value is JsonElement element)
        {
            return element;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Writes a parsed input value as JSON. Written out rather than left to the serializer, which
    /// writes a big integer (a number a reader took as one) as an object of its .NET members.
    /// </summary>
    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case System.Numerics.BigInteger big:
                writer.WriteRawValue(big.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (name, member) in map)
                {
                    writer.WritePropertyName(name);
                    Write(writer, member);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                writer.WriteStartArray();
                foreach (var element in list)
                {
                    Write(writer, element);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value);
                break;
        }
    }

    /// <summary>Turns a parsed input object into a property map; anything but an object is refused, naming the input item.</summary>
    public static IReadOnlyDictionary<string, JsonElement>? ToMap(object? value, string item) => value switch
    {
        null => null,
        IDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => ToElement(p.Value, $"{item}.{p.Key}")),
        JsonElement { ValueKind: JsonValueKind.Object } element => element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        _ => throw new Core.InvalidInputException("Must be a JSON object.", item),
    };

    /// <summary>
    /// Refuses, naming <paramref name="item"/> and the member below it, a parsed input value that
    /// JSON cannot hold as given (see <see cref="ToElement"/>), and, for <paramref name="typedFields"/>,
    /// a number no double holds, since a typed field (a metric) keeps a double.
    /// </summary>
    internal static void Check(object? value, string item, bool typedFields) => Check(value, item, typedFields, 0);

    /// <remarks>
    /// Depth is counted here too: GraphQL's parser bounds nested objects but not nested lists, and
    /// the serializer throws past 64 levels, which would surface as an internal error.
    /// </remarks>
    private static void Check(object? value, string item, bool typedFields, int level)
    {
        switch (value)
        {
            case string text when !Core.Texts.IsWellFormed(text):
                throw new Core.InvalidInputException("The text holds an unpaired surrogate, which JSON text cannot carry.", item);
            case double number when !double.IsFinite(number):
                throw new Core.InvalidInputException("The number is too large for a JSON value (at most about 1.8e308).", item);
            case JsonElement { ValueKind: JsonValueKind.Number } number when typedFields && !Core.LineageJson.FitsDouble(number.GetRawText()):
                throw new Core.InvalidInputException($"The number {number.GetRawText()} is beyond what a double holds (about 5e-324 to 1.8e308, or 0), which this field keeps.", item);
            case IDictionary<string, object?> or IEnumerable<object?> when level >= Core.JsonText.MaxPropertyDepth:
                throw new Core.InvalidInputException($"The value nests more than {Core.JsonText.MaxPropertyDepth} levels of lists and objects.", item);
            case IDictionary<string, object?> map:
                foreach (var (name, member) in map)
                {
                    Check(name, item, typedFields, level + 1);
                    Check(member, $"{item}.{name}", typedFields, level + 1);
                }

                break;
            case IEnumerable<object?> list:
                var index = 0;
                foreach (var element in list)
                {
                    Check(element, $"{item}[{index++}]", typedFields, level + 1);
                }

                break;
        }
    }
}
