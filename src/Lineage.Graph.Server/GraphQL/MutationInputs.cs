using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Turns mutation input objects (parsed by GraphQL.NET into dictionaries) into Core types, naming
/// the item of the first bad value (<c>entities[2].key</c>), as batch errors do.
/// </summary>
internal static class MutationInputs
{
    private static readonly (string Input, EntityKind Kind)[] FieldInputs =
    [
        ("dataset", EntityKind.Dataset), ("feature", EntityKind.Feature), ("codeVersion", EntityKind.CodeVersion),
        ("model", EntityKind.Model), ("run", EntityKind.Run), ("deployment", EntityKind.Deployment),
    ];

    public static WriteBatch RecordEntities(IDictionary<string, object?> input)
    {
        var (entities, refused) = ReadUntilRefused(List(input, "entities"), (e, i) => Entity(Map(e), $"entities[{i}]"));
        var (edges, edgeRefused) = refused is null ? Edges(input) : ([], null);
        return new WriteBatch { Entities = entities, Edges = edges, Refused = refused ?? edgeRefused };
    }

    public static WriteBatch Link(IDictionary<string, object?> input)
    {
        var (edges, refused) = Edges(input);
        return new WriteBatch { Edges = edges, Refused = refused };
    }

    public static RetireRequest Retire(IDictionary<string, object?> input)
    {
        var (keys, refused) = ReadUntilRefused(List(input, "keys"), (k, i) => ResolveContextExtensions.ParseKey(k as string, $"keys[{i}]"));
        var (edges, edgeRefused) = refused is null
            ? ReadUntilRefused(List(input, "edges"), (e, i) =>
            {
                var edge = Map(e);
                return new EdgeRef(Key(edge, "from", $"edges[{i}]"), Key(edge, "to", $"edges[{i}]"), (RelationKind)edge["relation"]!);
            })
            : ([], null);
        return new RetireRequest { Entities = keys, Edges = edges, Refused = refused ?? edgeRefused };
    }

    public static PurgeRequest Purge(IDictionary<string, object?> input)
    {
        // Purging what is not there changes nothing, so no item before a refused one can be bad but an edge
        // of kinds its relation never joins, which Validate makes the refused item when it comes first.
        var named = Retire(input).Validate();
        named.ThrowIfRefused();
        return new PurgeRequest { Entities = named.Entities, Edges = named.Edges };
    }

    /// <summary>
    /// Reads a run. What the store would report against an item of the run's batch is checked
    /// here where it can be, naming the input member; the rest <see cref="RunRecord.DescribeItem"/> names.
    /// </summary>
    public static RunRecord RecordRun(IDictionary<string, object?> input)
    {
        var jobNamespace = (string)input["jobNamespace"]!;
        var jobName = (string)input["jobName"]!;
        CheckJob(jobNamespace, jobName);
        var runId = input["runId"]?.ToString();

        // The members that become items of the run's batch are read in the batch's order, and a refused
        // one stops the reading, so that the store can still name an earlier item (WriteBatch.Refused).
        var roles = new Dictionary<EntityKey, (string? Role, int At)>();
        var (inputs, refused) = ReadUntilRefused(List(input, "inputs"), (e, i) =>
        {
            var read = Map(e);
            var runInput = new RunInput(Key(read, "key", $"inputs[{i}]"), Role(Get<string>(read, "role"), $"inputs[{i}].role"));
            if (roles.TryGetValue(runInput.Key, out var earlier) && !string.Equals(earlier.Role, runInput.Role, StringComparison.OrdinalIgnoreCase))
            {
                // One input is one INPUT_TO edge, written once: the second role would be dropped.
                throw new InvalidInputException(
                    $"{runInput.Key} is inputs[{earlier.At}] again with another role ({earlier.Role ?? "none"}, then {runInput.Role ?? "none"}). "
                    + "An input is one edge with one role; give it once.",
                    $"inputs[{i}].role");
            }

            roles.TryAdd(runInput.Key, (runInput.Role, i));
            return runInput;
        });
        var (outputs, outputRefused) = refused is null
            ? ReadUntilRefused(List(input, "outputs"), (k, i) => ResolveContextExtensions.ParseKey(k as string, $"outputs[{i}]"))
            : ([], null);
        refused ??= outputRefused;
        EntityKey? codeVersion = null;
        CodeVersionFields? codeVersionFields = null;
        IReadOnlyDictionary<string, JsonElement>? hyperparameters = null;
        EntityKey? parentRun = null;
        refused ??= Refusal(() => codeVersion = Get<string>(input, "codeVersion") is { } code ? ResolveContextExtensions.ParseKey(code, "codeVersion") : null);
        refused ??= Refusal(() => codeVersionFields = input.TryGetValue("codeVersionFields", out var codeFields) && codeFields is not null
            ? (CodeVersionFields?)Fields(EntityKind.CodeVersion, codeFields, "codeVersionFields")
            : null);
        refused ??= Refusal(() => hyperparameters = JsonGraphType.ToMap(Get<object>(input, "hyperparameters"), "hyperparameters"));
        refused ??= Refusal(() => parentRun = Get<string>(input, "parentRun") is { } parent ? ResolveContextExtensions.ParseKey(parent, "parentRun") : null);
        return new RunRecord
        {
            JobNamespace = jobNamespace,
            JobName = jobName,
            RunId = Guid.TryParse(runId, out var id) ? id : throw new InvalidKeyException($"A run id must be a UUID, not '{Texts.Shorten(runId)}'.", "runId"),
            Description = Get<string>(input, "description"),
            Properties = JsonGraphType.ToMap(Get<object>(input, "properties"), "properties"),
            Fields = input.TryGetValue("run", out var run) && run is not null ? (RunFields?)Fields(EntityKind.Run, run, "run") : null,
            Inputs = inputs,
            Outputs = outputs,
            CodeVersion = codeVersion,
            CodeVersionFields = codeVersionFields,
            Hyperparameters = hyperparameters,
            ParentRun = parentRun,
            Refused = refused,
        };
    }

    /// <summary>The job's and the run's keys are made of these two; a bad one is named here, not as the batch's <c>entities[0]</c>.</summary>
    private static void CheckJob(string jobNamespace, string jobName)
    {
        foreach (var (name, item) in new[] { ("job", "jobNamespace"), (jobName, "jobName") })
        {
            try
            {
                // The first pass checks the namespace alone (with a name that is always good), the second the name;
                // a blank part here, where the batch would name the run, which the caller did not write.
                EntityKey.Create(EntityKind.Job, jobNamespace, name).ThrowIfBlankPart();
            }
            catch (InvalidKeyException ex)
            {
                throw new InvalidKeyException(ex.Message, item);
            }
        }
    }

    /// <summary>A run input's role, checked here because the batch reports a bad one against the edge, which the caller did not write.</summary>
    private static string? Role(string? role, string item) =>
        role is null || EdgeInput.Roles.Contains(role.ToLowerInvariant())
            ? role
            : throw new InvalidInputException($"Unknown input role '{Texts.Shorten(role)}'. Known roles: {string.Join(", ", EdgeInput.Roles)}.", item);

    private static EntityInput Entity(IDictionary<string, object?> input, string item)
    {
        var hyperparameters = JsonGraphType.ToMap(Get<object>(input, "hyperparameters"), $"{item}.hyperparameters");
        var key = Get<string>(input, "key") is { } text
            ? ResolveContextExtensions.ParseKey(text, $"{item}.key")
            : hyperparameters is not null
                ? HyperparameterSets.KeyFor(hyperparameters)
                : throw new InvalidInputException("An entity needs a key.", $"{item}.key");

        var given = FieldInputs.Where(f => input.TryGetValue(f.Input, out var value) && value is not null).ToList();
        if (given.Count + (hyperparameters is null ? 0 : 1) > 1)
        {
            throw new InvalidInputException("Give at most one typed-field input, the one of the key's kind.", item);
        }

        EntityFields? fields = hyperparameters is not null ? new HyperparameterSetFields { Values = hyperparameters } : null;
        if (given.Count == 1)
        {
            fields = Fields(given[0].Kind, input[given[0].Input]!, $"{item}.{given[0].Input}");
        }

        if (fields is not null && fields.Kind != key.Kind)
        {
            throw new InvalidInputException($"{fields.Kind} fields were given for a {key.Kind} ({key}).", item);
        }

        return new EntityInput
        {
            Key = key,
            Description = Get<string>(input, "description"),
            Tags = Strings(input, "tags"),
            Owners = Strings(input, "owners"),
            Properties = JsonGraphType.ToMap(Get<object>(input, "properties"), $"{item}.properties"),
            RemoveProperties = Strings(input, "removeProperties"),
            Fields = fields,
        };
    }

    private static (List<EdgeInput> Edges, LineageException? Refused) Edges(IDictionary<string, object?> input)
    {
        var repeats = new EdgeRepeats();
        return ReadUntilRefused(List(input, "edges"), (e, i) => repeats.Check(Edge(Map(e), $"edges[{i}]"), i));
    }

    /// <summary>
    /// Reads items in order until one is refused: the items before it, and its refusal, which the store
    /// throws once it has checked those (<see cref="WriteBatch.Refused"/>), so that the error names the first bad item.
    /// </summary>
    private static (List<T> Items, LineageException? Refused) ReadUntilRefused<T>(IEnumerable<object?> inputs, Func<object?, int, T> read)
    {
        var items = new List<T>();
        foreach (var input in inputs)
        {
            var index = items.Count;
            if (Refusal(() => items.Add(read(input, index))) is { } refused)
            {
                return (items, refused);
            }
        }

        return (items, null);
    }

    /// <summary>What refused the input <paramref name="read"/> reads, or null when it was read.</summary>
    private static LineageException? Refusal(Action read)
    {
        try
        {
            read();
            return null;
        }
        catch (LineageException ex) when (!ex.IsStoreRefusal)
        {
            return ex;
        }
    }

    private static EdgeInput Edge(IDictionary<string, object?> input, string item) =>
        new(Key(input, "from", item), Key(input, "to", item), (RelationKind)input["relation"]!)
        {
            Role = Get<string>(input, "role"),
            Properties = JsonGraphType.ToMap(Get<object>(input, "properties"), $"{item}.properties"),
        };

    /// <summary>Reads a typed-fields input through the fields' JSON form, the same one the stores keep.</summary>
    private static EntityFields Fields(EntityKind kind, object input, string item)
    {
        // Checked before serializing: the serializer writes U+FFFD for an unpaired surrogate and cannot write infinity.
        JsonGraphType.Check(input, item, typedFields: true);
        try
        {
            var json = JsonSerializer.SerializeToElement(input, LineageJson.Options);
            return (EntityFields)json.Deserialize(LineageJson.FieldsType(kind)!, LineageJson.Options)!;
        }
        catch (DoubleRangeException ex)
        {
            // A number quoted as a string ("1e-400"): the number itself was refused by the check above.
            throw new InvalidInputException(ex.Message, LineageJson.MemberPath(ex) is { } member ? $"{item}.{member}" : item);
        }
        catch (JsonException ex)
        {
            // The serializer's message names .NET types (IReadOnlyDictionary`2[System.String,System.Double]); the path is what the caller wrote.
            // Named down to the member, as a number out of range is: item entities[0].model.metrics.auc.
            var member = LineageJson.MemberPath(ex);
            throw new InvalidInputException(
                $"Bad {kind} fields: the value of {member ?? "a field"} is not of the type that field takes{(member?.StartsWith("metrics.", StringComparison.Ordinal) == true ? " (a metric is a number)" : "")}.",
                member is null ? item : $"{item}.{member}");
        }
    }

    private static EntityKey Key(IDictionary<string, object?> input, string name, string item) =>
        ResolveContextExtensions.ParseKey(Get<string>(input, name), $"{item}.{name}");

    private static T? Get<T>(IDictionary<string, object?> input, string name)
        where T : class =>
        input.TryGetValue(name, out var value) ? value as T : null;

    private static IReadOnlyList<string>? Strings(IDictionary<string, object?> input, string name) =>
        input.TryGetValue(name, out var value) && value is IEnumerable<object?> items ? [.. items.Select(i => i?.ToString() ?? "")] : null;

    private static IEnumerable<object?> List(IDictionary<string, object?> input, string name) =>
        input.TryGetValue(name, out var value) && value is IEnumerable<object?> items ? items : [];

    private static IDictionary<string, object?> Map(object? value) =>
        value as IDictionary<string, object?> ?? throw new InvalidInputException("Expected an input object.");
}
