using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli;

/// <summary>
/// Our own batch format, the GraphQL <c>RecordEntitiesInput</c> as JSON:
/// <c>{"entities": [...], "edges": [...]}</c>. Import reads it into a <see cref="WriteBatch"/>, and
/// the remote source writes any batch (an OpenLineage event's too) back into it for <c>recordEntities</c>.
/// </summary>
internal static class BatchJson
{
    /// <summary>The member of an entity input that holds each kind's typed fields.</summary>
    private static readonly Dictionary<string, EntityKind> FieldInputs = new(StringComparer.Ordinal)
    {
        ["dataset"] = EntityKind.Dataset,
        ["feature"] = EntityKind.Feature,
        ["codeVersion"] = EntityKind.CodeVersion,
        ["model"] = EntityKind.Model,
        ["run"] = EntityKind.Run,
        ["deployment"] = EntityKind.Deployment,
    };

    private static readonly HashSet<string> EntityMembers = ["key", "description", "tags", "owners", "properties", "removeProperties", "hyperparameters", .. FieldInputs.Keys];

    private static readonly HashSet<string> EdgeMembers = ["from", "to", "relation", "role", "properties"];

    /// <summary>Whether a JSON object is one of our batches rather than an OpenLineage event.</summary>
    public static bool IsBatch(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && (item.TryGetProperty("entities", out _) || item.TryGetProperty("edges", out _));

    /// <summary>Reads a batch; throws <see cref="InvalidInputException"/> or <see cref="InvalidKeyException"/> naming the bad item.</summary>
    public static WriteBatch Read(JsonElement batch)
    {
        // Malformed text would otherwise fail when first read, outside the per-item error handling.
        if (JsonText.FindMalformed(batch, "") is { } malformed)
        {
            throw new InvalidInputException("Not well-formed Unicode text (invalid UTF-8 or an unpaired surrogate).", malformed);
        }

        batch = RepeatedMembers.Collapse(batch, "");
        foreach (var member in batch.EnumerateObject())
        {
            if (member.Name is not ("entities" or "edges"))
            {
                throw new InvalidInputException($"Unknown member '{Texts.Shorten(member.Name)}'; a batch has entities and edges.");
            }
        }

        // Refused as a server refuses it, so that a file imports alike by --db and by --server.
        var repeats = new EdgeRepeats();
        return new WriteBatch
        {
            Entities = [.. Items(batch, "entities").Select((e, i) => Entity(e, $"entities[{i}]"))],
            Edges = [.. Items(batch, "edges").Select((e, i) => repeats.Check(Edge(e, $"edges[{i}]"), i))],
        };
    }

    /// <summary>A batch as the <c>RecordEntitiesInput</c> of the <c>recordEntities</c> mutation.</summary>
    public static JsonObject Write(WriteBatch batch)
    {
        var entities = new JsonArray();
        foreach (var entity in batch.Entities)
        {
            var input = new JsonObject { ["key"] = entity.Key.ToString() };
            Add(input, "description", entity.Description);
            if (entity.Tags is not null)
            {
                input["tags"] = new JsonArray([.. entity.Tags.Select(t => JsonValue.Create(t))]);
            }

            if (entity.Owners is not null)
            {
                input["owners"] = new JsonArray([.. entity.Owners.Select(o => JsonValue.Create(o))]);
            }

            if (entity.Properties is not null)
            {
                input["properties"] = JsonSerializer.SerializeToNode(entity.Properties, LineageJson.Options);
            }

            if (entity.RemoveProperties is not null)
            {
                input["removeProperties"] = new JsonArray([.. entity.RemoveProperties.Select(name => JsonValue.Create(name))]);
            }

            if (entity.Fields is HyperparameterSetFields hyperparameters)
            {
                input["hyperparameters"] = JsonSerializer.SerializeToNode(hyperparameters.Values, LineageJson.Options);
            }
            else if (entity.Fields is not null)
            {
                var fields = JsonNode.Parse(LineageJson.SerializeFields(entity.Fields)!)!.AsObject();
                fields.Remove("kind");
                input[FieldInputs.First(f => f.Value == entity.Fields.Kind).Key] = fields;
            }

            entities.Add(input);
        }

        var edges = new JsonArray();
        foreach (var edge in batch.Edges)
        {
            var input = new JsonObject
            {
                ["from"] = edge.From.ToString(),
                ["to"] = edge.To.ToString(),
                ["relation"] = Relations.Name(edge.Relation),
            };
            Add(input, "role", edge.Role);
            if (edge.Properties is not null)
            {
                input["properties"] = JsonSerializer.SerializeToNode(edge.Properties, LineageJson.Options);
            }

            edges.Add(input);
        }

        return new JsonObject { ["entities"] = entities, ["edges"] = edges };
    }

    private static void Add(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement batch, string name) =>
        !batch.TryGetProperty(name, out var items) || items.ValueKind == JsonValueKind.Null ? []
        : items.ValueKind == JsonValueKind.Array ? items.EnumerateArray()
        : throw new InvalidInputException($"'{name}' must be an array.", name);

    private static EntityInput Entity(JsonElement input, string item)
    {
        RequireObject(input, item);
        foreach (var member in input.EnumerateObject().Where(m => !EntityMembers.Contains(m.Name)))
        {
            throw new InvalidInputException($"Unknown member '{Texts.Shorten(member.Name)}'.", item);
        }

        var hyperparameters = Map(input, "hyperparameters", item);
        var key = String(input, "key", item) is { } text ? Key(text, $"{item}.key")
            : hyperparameters is not null ? HyperparameterSets.KeyFor(hyperparameters)
            : throw new InvalidInputException("An entity needs a key.", $"{item}.key");

        var given = FieldInputs.Where(f => input.TryGetProperty(f.Key, out var value) && value.ValueKind != JsonValueKind.Null).ToList();
        if (given.Count + (hyperparameters is null ? 0 : 1) > 1)
        {
            throw new InvalidInputException("Give at most one typed-field input, the one of the key's kind.", item);
        }

        EntityFields? fields = hyperparameters is null ? null : new HyperparameterSetFields { Values = hyperparameters };
        if (given.Count == 1)
        {
            var (name, kind) = given[0];
            try
            {
                fields = LineageJson.DeserializeFields(kind, input.GetProperty(name).GetRawText(), LineageJson.InputOptions);
            }
            catch (DoubleRangeException ex)
            {
                throw new InvalidInputException(ex.Message, LineageJson.MemberPath(ex) is { } member ? $"{item}.{name}.{member}" : $"{item}.{name}");
            }
            catch (JsonException ex)
            {
                // The serializer's message names .NET types; the member's path is what the file says.
                var member = LineageJson.MemberPath(ex);
                throw new InvalidInputException(
                    member is null
                        ? $"The {name} fields are not an object of the members they take."
                        : $"{member} is not a member of the {name} fields, is given twice, or has a value of the wrong type.",
                    member is null ? $"{item}.{name}" : $"{item}.{name}.{member}");
            }
        }

        if (fields is not null && fields.Kind != key.Kind)
        {
            throw new InvalidInputException($"{fields.Kind} fields were given for a {key.Kind} ({key}).", item);
        }

        return new EntityInput
        {
            Key = key,
            Description = String(input, "description", item),
            Tags = Strings(input, "tags", item),
            Owners = Strings(input, "owners", item),
            Properties = Map(input, "properties", item),
            RemoveProperties = Strings(input, "removeProperties", item),
            Fields = fields,
        };
    }

    private static EdgeInput Edge(JsonElement input, string item)
    {
        RequireObject(input, item);
        foreach (var member in input.EnumerateObject().Where(m => !EdgeMembers.Contains(m.Name)))
        {
            throw new InvalidInputException($"Unknown member '{Texts.Shorten(member.Name)}'.", item);
        }

        var relation = String(input, "relation", item) ?? throw new InvalidInputException("An edge needs a relation.", $"{item}.relation");
        return new EdgeInput(
            Key(String(input, "from", item) ?? throw new InvalidInputException("An edge needs 'from'.", $"{item}.from"), $"{item}.from"),
            Key(String(input, "to", item) ?? throw new InvalidInputException("An edge needs 'to'.", $"{item}.to"), $"{item}.to"),
            Relations.Parse(relation))
        {
            Role = String(input, "role", item),
            Properties = Map(input, "properties", item),
        };
    }

    private static EntityKey Key(string text, string item)
    {
        try
        {
            return EntityKey.Parse(text);
        }
        catch (InvalidKeyException ex)
        {
            throw new InvalidKeyException(ex.Message, item);
        }
    }

    private static void RequireObject(JsonElement input, string item)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("Must be a JSON object.", item);
        }
    }

    private static string? String(JsonElement input, string name, string item) =>
        !input.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InvalidInputException($"'{name}' must be a string.", item);

    private static List<string>? Strings(JsonElement input, string name, string item) =>
        !input.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : throw new InvalidInputException($"'{name}' must be an array of strings.", item);

    private static Dictionary<string, JsonElement>? Map(JsonElement input, string name, string item) =>
        !input.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().ToDictionary(m => m.Name, m => m.Value.Clone(), StringComparer.Ordinal)
        : throw new InvalidInputException($"'{name}' must be a JSON object.", item);
}
