using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Numbers of the <c>JSON</c> scalar as written, where GraphQL.NET would change them. Its readers
/// (literals and variables alike) take a number as a decimal whenever decimal parsing succeeds,
/// and else as a double or a big integer: decimal holds nothing nearer zero than 1e-28 (a p-value
/// of 1e-30 became 0, silently), a double keeps 17 significant digits, and a big integer inside an
/// object was written out as its .NET members.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>
    /// A number's text as the JSON number it is, exactly as written: every digit, and numbers no
    /// double holds (<c>1e400</c>, or <c>1e-400</c>, which is not zero). A property or a
    /// hyperparameter keeps it so, as OpenLineage ingestion and the CLI import keep it; a typed
    /// field reads it as its type, and refuses what a double cannot hold
    /// (<see cref="Core.LineageJson.FitsDouble"/>).
    /// </summary>
    public static JsonElement FromText(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The variables of a request with each number in a <c>JSON</c> position taken as
    /// <see cref="FromText"/> takes it, from the variables' JSON text, where the reader made
    /// decimals, doubles or big integers of them: a <c>JSON</c> variable, and a <c>JSON</c> field at
    /// any depth of an input-object variable (<c>recordEntities(input: $input)</c> carries
    /// properties and metrics). Other positions are left to their own scalars (a Float takes a
    /// double as it is).
    /// </summary>
    public static Inputs Restore(Inputs variables, string json, GraphQLOperationDefinition operation, ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var definitions = operation.Variables?.Items ?? [];
        if (definitions.Count == 0)
        {
            return variables;
        }

        using var document = JsonDocument.Parse(json);
        var values = new Dictionary<string, object?>(variables);
        foreach (var definition in definitions)
        {
            var name = definition.Variable.Name.StringValue;
            if (values.TryGetValue(name, out var value) && document.RootElement.TryGetProperty(name, out var written))
            {
                values[name] = Restore(value, written, definition.Type, schema);
            }
        }

        return new Inputs(values);
    }

    /// <summary>A variable's value, by its declared type: a wrapper unwrapped, a named type looked up in the schema.</summary>
    private static object? Restore(object? value, JsonElement written, GraphQLType type, ISchema schema) => type switch
    {
        GraphQLNonNullType nonNull => Restore(value, written, nonNull.Type, schema),
        GraphQLListType list => Each(value, written, (item, text) => Restore(item, text, list.Type, schema)),
        GraphQLNamedType named => schema.AllTypes[named.Name.StringValue] is { } graphType ? Restore(value, written, graphType) : value,
        _ => value,
    };

    /// <summary>A value by its schema type: JSON restored whole, an input object field by field, anything else as read.</summary>
    private static object? Restore(object? value, JsonElement written, IGraphType type)
    {
        switch (type)
        {
            case NonNullGraphType nonNull:
                return Restore(value, written, nonNull.ResolvedType!);
            case ListGraphType list:
                return Each(value, written, (item, text) => Restore(item, text, list.ResolvedType!));
            case JsonGraphType:
                return Restore(value, written);
            case IInputObjectGraphType input when value is IDictionary<string, object?> map && written.ValueKind == JsonValueKind.Object:
                foreach (var field in input.Fields)
                {
                    if (map.TryGetValue(field.Name, out var inner) && written.TryGetProperty(field.Name, out var text))
                    {
                        map[field.Name] = Restore(inner, text, field.ResolvedType!);
                    }
                }

                return map;
            default:
                return value;
        }
    }

    private static object? Each(object? value, JsonElement written, Func<object?, JsonElement, object?> restore)
    {
        // GraphQL takes one value where a list is declared as a list of that one (input coercion, which
        // comes after this), so an object sent for a list of objects carries numbers too.
        if (written.ValueKind != JsonValueKind.Array)
        {
            return restore(value, written);
        }

        if (value is not IList<object?> { IsReadOnly: false } list || list.Count != written.GetArrayLength())
        {
            return value;
        }

        var index = 0;
        foreach (var item in written.EnumerateArray())
        {
            list[index] = restore(list[index], item);
            index++;
        }

        return list;
    }

    private static object? Restore(object? value, JsonElement written)
    {
        switch (written.ValueKind)
        {
            case JsonValueKind.Number:
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
            case JsonValueKind.Array:
                return Each(value, written, Restore);
            default:
                return value;
        }
    }
}
