using System.Text.Json;
using GraphQL.Types;

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

    /// <summary>Turns a parsed input value (dictionaries, lists, numbers) into a JSON element.</summary>
    public static JsonElement ToElement(object? value) => value switch
    {
        JsonElement element => element,
        System.Numerics.BigInteger big => JsonDocument.Parse(big.ToString(System.Globalization.CultureInfo.InvariantCulture)).RootElement.Clone(),
        _ => JsonSerializer.SerializeToElement(value),
    };

    /// <summary>Turns a parsed input object into a property map; anything but an object is refused, naming the input item.</summary>
    public static IReadOnlyDictionary<string, JsonElement>? ToMap(object? value, string item) => value switch
    {
        null => null,
        IDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => ToElement(p.Value)),
        JsonElement { ValueKind: JsonValueKind.Object } element => element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        _ => throw new Core.InvalidInputException("Must be a JSON object.", item),
    };
}
