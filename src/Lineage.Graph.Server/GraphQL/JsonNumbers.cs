using System.Globalization;
using System.Text.Json;
using GraphQL;
using GraphQLParser.AST;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Numbers of the <c>JSON</c> scalar as written, where GraphQL.NET would change them. Its readers
/// (literals and variables alike) take a number as a decimal whenever decimal parsing succeeds,
/// and decimal holds nothing nearer zero than 1e-28: a p-value of 1e-30 became 0, silently.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>
    /// The value a number's text stands for: a decimal when it holds the number as a double
    /// would (28 significant digits kept, where a double keeps 17), else the double; and
    /// <see cref="TooSmall"/> for a number other than zero nearer zero than a double can hold,
    /// which <see cref="JsonGraphType"/> refuses as it refuses one too large.
    /// </summary>
    public static object FromText(string text)
    {
        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (number == 0 && Mantissa(text).Any(c => c is >= '1' and <= '9'))
        {
            return new TooSmall(text);
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) && (double)exact == number ? exact : number;
    }

    /// <summary>
    /// The variables of a request with each number of a <c>JSON</c> variable (<paramref name="jsonVariables"/>)
    /// taken as <see cref="FromText"/> takes it, from the variables' JSON text, where the reader made
    /// decimals of them. Other variables are left to their own scalars (a Float takes a double as it is).
    /// </summary>
    public static Inputs Restore(Inputs variables, string json, IReadOnlySet<string> jsonVariables)
    {
        if (jsonVariables.Count == 0)
        {
            return variables;
        }

        using var document = JsonDocument.Parse(json);
        var values = new Dictionary<string, object?>(variables.Count);
        foreach (var (name, value) in variables)
        {
            values[name] = jsonVariables.Contains(name) && document.RootElement.TryGetProperty(name, out var written) ? Restore(value, written) : value;
        }

        return new Inputs(values);
    }

    /// <summary>The names of an operation's variables whose type is the <c>JSON</c> scalar (or a list of it).</summary>
    public static IReadOnlySet<string> JsonVariables(GraphQLOperationDefinition? operation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in operation?.Variables?.Items ?? [])
        {
            var type = definition.Type;
            while (type is GraphQLNonNullType or GraphQLListType)
            {
                type = type is GraphQLNonNullType nonNull ? nonNull.Type : ((GraphQLListType)type).Type;
            }

            if (type is GraphQLNamedType { Name.StringValue: "JSON" })
            {
                names.Add(definition.Variable.Name.StringValue);
            }
        }

        return names;
    }

    private static object? Restore(object? value, JsonElement written)
    {
        switch (written.ValueKind)
        {
            case JsonValueKind.Number when value is decimal or double:
                return FromText(written.GetRawText());
            case JsonValueKind.Object when value is IDictionary<string, object?> map:
                foreach (var member in written.EnumerateObject())
                {
                    if (map.TryGetValue(member.Name, out var inner))
                    {
                        map[member.Name] = Restore(inner, member.Value);
                    }
                }

                return map;
            case JsonValueKind.Array when value is IList<object?> { IsReadOnly: false } list && list.Count == written.GetArrayLength():
                var index = 0;
                foreach (var item in written.EnumerateArray())
                {
                    list[index] = Restore(list[index], item);
                    index++;
                }

                return list;
            default:
                return value;
        }
    }

    private static string Mantissa(string text)
    {
        var exponent = text.IndexOfAny(['e', 'E']);
        return exponent < 0 ? text : text[..exponent];
    }

    /// <summary>A number other than zero, as written, that no double holds (1e-400).</summary>
    public sealed record TooSmall(string Text);
}
