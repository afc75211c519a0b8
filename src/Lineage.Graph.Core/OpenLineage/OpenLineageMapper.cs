using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>
/// Maps an OpenLineage event onto the lineage model (lineage-model.md, "OpenLineage mapping") as
/// one <see cref="WriteBatch"/>.
/// </summary>
/// <remarks>
/// <para>RunEvent: the job is a <c>Job</c>; the run a <c>Run</c> keyed by job namespace, job name
/// and run id, <c>INSTANCE_OF</c> the job. The <c>parent</c> run facet adds the parent run and its
/// job (<c>CHILD_OF</c>, <c>INSTANCE_OF</c>), and is kept whole too, for its <c>root</c>. Inputs
/// are <c>INPUT_TO</c> the run and outputs <c>PRODUCED</c> by it, so a START alone already places
/// the run in lineage. A dataset's key
/// keeps its OpenLineage namespace and name; its <c>version</c> facet (<c>datasetVersion</c>) is the
/// key's version, and without one the key is unversioned. A <c>datasetType</c> facet of
/// <c>MODEL</c> makes it a <c>Model</c>. The <c>schema</c> facet fills
/// <see cref="DatasetFields.Schema"/> (nested fields flattened to <c>parent.child</c>),
/// <c>outputStatistics.rowCount</c> <see cref="DatasetFields.RowCount"/>, and a
/// <c>documentation</c> facet the description. The job's <c>sourceCodeLocation</c> facet is a
/// <c>CodeVersion</c> (namespace <c>repoUrl</c> or else <c>url</c>, name <c>path</c> or empty,
/// version <c>version</c>, with <c>branch</c> and <c>tag</c>) <c>EXECUTED_IN</c> the run (a JobEvent,
/// which has no run, records the code version alone), and the facet stays on the job too. The
/// <c>executionParameters</c> run facet is a <c>HyperparameterSet</c> <c>CONFIGURED</c> the run (when a
/// parameter's name is not one a hyperparameter may have, the facet is kept as a property instead);
/// accepted shapes: <c>{"parameters": [{"key" or "name": …, "value": …}]}</c>,
/// <c>{"parameters": {name: value}}</c>, or the facet's own members as the map.</para>
/// <para>Every other facet, <c>errorMessage</c> and <c>columnLineage</c> included, is kept as JSON
/// in the entity's properties: <c>facets.&lt;name&gt;</c> for run, job and dataset facets,
/// <c>inputFacets.&lt;name&gt;</c> and <c>outputFacets.&lt;name&gt;</c> for the facets of a read
/// or a write. A facet marked <c>"_deleted": true</c> removes that property
/// (<see cref="EntityInput.RemoveProperties"/>); what a facet was mapped to instead (a key, an
/// edge, typed fields, a description) is a recorded observation and stays.</para>
/// <para>Order does not matter: each event sets only what it knows, and the store's upsert keeps
/// the rest. Each entity the event describes gets the event's time as its
/// <see cref="EntityMerge.ObservedAtProperty"/>, so that an event that arrives after a newer one
/// changes only what no newer event decided. <see cref="RunFields.Status"/> is the event type (except OTHER,
/// which the spec uses for metadata sent at any time), and the upsert never moves it back
/// (<see cref="RunStatuses"/>); START sets <see cref="RunFields.StartedAt"/>, COMPLETE, FAIL and
/// ABORT set <see cref="RunFields.EndedAt"/>, from <c>eventTime</c>.</para>
/// <para>JobEvent: the job, its code version and its datasets, with <c>DERIVES</c> from each input
/// to each other output (there is no run to join them). DatasetEvent: the dataset alone.</para>
/// </remarks>
public static class OpenLineageMapper
{
    /// <summary>
    /// How deeply an event may nest, for the readers of events (the server's endpoints, the CLI's
    /// import). Deeper than JSON readers' default of 64: a facet of a query plan nests two levels a
    /// plan node, and such a facet is kept as text (<see cref="JsonText.MaxPropertyDepth"/>).
    /// </summary>
    public const int MaxEventDepth = 512;

    private const string ModelType = "MODEL";

    private const string CodeSource = "job.facets.sourceCodeLocation";

    /// <summary>Reads and maps one event; throws <see cref="InvalidInputException"/> naming the bad field.</summary>
    public static WriteBatch ToBatch(JsonElement body) => Map(OpenLineageEvent.Parse(body)).Batch;

    /// <summary>Maps one event that has been read.</summary>
    public static WriteBatch ToBatch(OpenLineageEvent openLineageEvent) => Map(openLineageEvent).Batch;

    /// <summary>Reads and maps one event, keeping where in it each item of the batch comes from.</summary>
    public static MappedEvent Map(JsonElement body) => Map(OpenLineageEvent.Parse(body));

    /// <summary>Maps one event that has been read, keeping where in it each item of the batch comes from.</summary>
    public static MappedEvent Map(OpenLineageEvent openLineageEvent)
    {
        ArgumentNullException.ThrowIfNull(openLineageEvent);
        var builder = new BatchBuilder();
        switch (openLineageEvent.Kind)
        {
            case OpenLineageEventKind.RunEvent:
                AddRun(builder, openLineageEvent);
                break;
            case OpenLineageEventKind.JobEvent:
                AddJobEvent(builder, openLineageEvent);
                break;
            default:
                builder.Add(Entity(openLineageEvent.Dataset ?? throw new InvalidInputException("A DatasetEvent needs a dataset.", "dataset"), ""), "dataset");
                break;
        }

        var mapped = builder.ToMapped();
        if (mapped.Batch.Entities.Count + mapped.Batch.Edges.Count is var items and > WriteBatch.MaxItems)
        {
            // The store's bound on one write would say "split the batch", which a producer sending one event cannot do.
            throw new LimitExceededException(
                $"This event maps to {items:N0} entities and edges, more than the {WriteBatch.MaxItems:N0} one write may hold. Send its inputs and outputs in several events "
                + (openLineageEvent.Kind == OpenLineageEventKind.RunEvent ? "of the same run." : "of the same job, each naming the inputs and outputs that belong together."));
        }

        return openLineageEvent.EventTime is { } time
            ? mapped with { Batch = mapped.Batch with { Entities = [.. mapped.Batch.Entities.Select(e => Observed(e, time))] } }
            : mapped;
    }

    /// <summary>
    /// Stamps the event's time on what the event says something about, so that a late event (a
    /// START after its COMPLETE) fills gaps instead of overwriting newer facts (EntityMerge). An
    /// entity the event only names, such as an input without facets, is left alone: reading a
    /// dataset does not describe it.
    /// </summary>
    private static EntityInput Observed(EntityInput entity, DateTimeOffset time)
    {
        if (entity.Properties is not { Count: > 0 } && entity.RemoveProperties is null && entity.Fields is null && entity.Description is null)
        {
            return entity;
        }

        var stamp = EntityMerge.Stamp(time);
        var properties = entity.Properties is null
            ? new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(entity.Properties, StringComparer.Ordinal);
        properties[EntityMerge.ObservedAtProperty] = stamp;
        return entity with { Properties = properties };
    }

    private static void AddRun(BatchBuilder builder, OpenLineageEvent ev)
    {
        var job = ev.Job ?? throw new InvalidInputException("A RunEvent needs a job.", "job");
        var run = ev.Run ?? throw new InvalidInputException("A RunEvent needs a run.", "run");
        var jobKey = Key(EntityKind.Job, job.Namespace, job.Name, null, "job");
        var runKey = Key(EntityKind.Run, job.Namespace, job.Name, run.RunId.ToString("D"), "run");

        var runFacets = new Dictionary<string, JsonElement>(run.Facets, StringComparer.Ordinal);
        // The facet also stays whole in properties: its root (the top run of the hierarchy, an Airflow
        // DAG run above a Spark application) and the facets it forwards have no edge of their own.
        var hasParent = runFacets.TryGetValue("parent", out var parentFacet);
        var parameters = runFacets.TryGetValue("executionParameters", out var facet) ? Parameters(facet) : null;
        if (parameters is not null && parameters.All(p => EntityValidation.IsName(p.Key) && !JsonText.NestsTooDeeply(p.Value)))
        {
            runFacets.Remove("executionParameters");
        }
        else
        {
            // A parameter whose name no hyperparameter may have (empty, a control character), or whose
            // value nests deeper than a hyperparameter's may: the facet stays a property of the run,
            // whole (as its canonical text when too deep), rather than refuse the event and lose its lineage.
            parameters = null;
        }
        builder.Add(new EntityInput
        {
            Key = runKey,
            Fields = RunFields(ev),
            Properties = WithGivenRunId(Properties("facets.", runFacets), run.GivenRunId),
            RemoveProperties = Removed("facets.", run.DeletedFacets),
        }, "run");

        var (jobEntity, code) = JobParts(job, jobKey);
        builder.Add(jobEntity, "job");
        builder.Add(new EdgeInput(runKey, jobKey, RelationKind.InstanceOf), "job");

        // A parent facet that names the run itself (an emitter's slip) says nothing of a parent, and
        // would be a run that is its own parent: the rest of the event still goes in.
        if (hasParent && ParentKeys(parentFacet) is var (parentRun, parentJob) && parentRun != runKey)
        {
            // The parent is named by its key alone: properties would have every child event stamp it with the
            // child's time, and a placeholder parent would pass for a described run.
            const string source = "run.facets.parent";
            builder.Add(new EntityInput { Key = parentRun }, source + ".run");
            builder.Add(new EntityInput { Key = parentJob }, source + ".job");
            builder.Add(new EdgeInput(runKey, parentRun, RelationKind.ChildOf), source + ".run");
            builder.Add(new EdgeInput(parentRun, parentJob, RelationKind.InstanceOf), source + ".job");
        }

        if (code is not null)
        {
            builder.Add(code, CodeSource);
            builder.Add(new EdgeInput(code.Key, runKey, RelationKind.ExecutedIn), CodeSource);
        }

        if (parameters is { Count: > 0 })
        {
            const string source = "run.facets.executionParameters";
            var set = HyperparameterSets.InputFor(parameters);
            builder.Add(set, source);
            builder.Add(new EdgeInput(set.Key, runKey, RelationKind.Configured), source);
        }

        foreach (var input in ev.Inputs)
        {
            var entity = Entity(input, "inputFacets.");
            builder.Add(entity, input.Item);
            builder.Add(new EdgeInput(entity.Key, runKey, RelationKind.InputTo), input.Item);
        }

        foreach (var output in ev.Outputs)
        {
            var entity = Entity(output, "outputFacets.");
            builder.Add(entity, output.Item);
            builder.Add(new EdgeInput(runKey, entity.Key, RelationKind.Produced), output.Item);
        }
    }

    private static void AddJobEvent(BatchBuilder builder, OpenLineageEvent ev)
    {
        var job = ev.Job ?? throw new InvalidInputException("A JobEvent needs a job.", "job");
        // No run to link the code version to (EXECUTED_IN joins code to a run): the code is recorded
        // for runs to come, and the job keeps the facet, as every job does.
        var (jobEntity, code) = JobParts(job, Key(EntityKind.Job, job.Namespace, job.Name, null, "job"));
        builder.Add(jobEntity, "job");
        if (code is not null)
        {
            builder.Add(code, CodeSource);
        }

        var inputs = ev.Inputs.Select(i => (Entity: Entity(i, "inputFacets."), i.Item)).ToList();
        var outputs = ev.Outputs.Select(o => (Entity: Entity(o, "outputFacets."), o.Item)).ToList();
        foreach (var (entity, item) in inputs.Concat(outputs))
        {
            builder.Add(entity, item);
        }

        // With no run to join them, the job's declared lineage is DERIVES from what it reads to what
        // it writes; a dataset it rewrites in place derives from nothing new, so no self-loop.
        foreach (var (input, _) in inputs)
        {
            foreach (var (output, item) in outputs.Where(o => !o.Entity.Key.Equals(input.Key)))
            {
                builder.Add(new EdgeInput(input.Key, output.Key, RelationKind.Derives), item);
            }
        }
    }

    private static RunFields? RunFields(OpenLineageEvent ev)
    {
        var status = ev.EventType is null or "OTHER" ? null : ev.EventType;
        var fields = new RunFields
        {
            Status = status,
            StartedAt = status == "START" ? ev.EventTime : null,
            EndedAt = status is "COMPLETE" or "FAIL" or "ABORT" ? ev.EventTime : null,
        };
        return fields is { Status: null, StartedAt: null, EndedAt: null } ? null : fields;
    }

    /// <summary>
    /// The job, and the code version its <c>sourceCodeLocation</c> facet names. The facet also stays
    /// whole on the job: the code version is keyed by repository, path and commit, and the facet's
    /// link to the exact file (<c>url</c>) and its <c>type</c> have no place there.
    /// </summary>
    private static (EntityInput Job, EntityInput? Code) JobParts(OpenLineageJob job, EntityKey jobKey)
    {
        var facets = new Dictionary<string, JsonElement>(job.Facets, StringComparer.Ordinal);
        var description = Documentation(facets);
        var code = facets.TryGetValue("sourceCodeLocation", out var location) ? CodeVersion(location) : null;

        return (new EntityInput
        {
            Key = jobKey,
            Description = description,
            Properties = Properties("facets.", facets),
            RemoveProperties = Removed("facets.", job.DeletedFacets),
        }, code);
    }

    private static EntityInput? CodeVersion(JsonElement facet)
    {
        // Without a repository there is nothing to key the code by; the facet stays a property. An
        // empty string says as little as a missing one, from producers that fill every member.
        var repository = NonEmpty(Text(facet, "repoUrl")) ?? NonEmpty(Text(facet, "url"));
        if (repository is null)
        {
            return null;
        }

        const string item = "job.facets.sourceCodeLocation";
        var branch = NonEmpty(Text(facet, "branch"));
        var tag = NonEmpty(Text(facet, "tag"));
        return new EntityInput
        {
            // A blank path is none: a code version's name may be empty (the repository's root), not white space alone.
            Key = Key(EntityKind.CodeVersion, repository, NonEmpty(Text(facet, "path")) ?? "", NonEmpty(Text(facet, "version")), item),
            Fields = branch is null && tag is null ? null : new CodeVersionFields { Branch = branch, Tag = tag },
        };
    }

    private static (EntityKey Run, EntityKey Job) ParentKeys(JsonElement facet)
    {
        const string item = "run.facets.parent";
        var run = ParentMember(facet, "run", "a runId", item);
        var job = ParentMember(facet, "job", "a namespace and a name", item);
        var (runId, _) = OpenLineageParser.RunId(run, item + ".run.runId");
        var ns = OpenLineageParser.RequiredString(job, "namespace", item + ".job.namespace");
        var name = OpenLineageParser.RequiredString(job, "name", item + ".job.name");
        return (Key(EntityKind.Run, ns, name, runId.ToString("D"), item), Key(EntityKind.Job, ns, name, null, item));
    }

    /// <summary>The parent facet's <paramref name="name"/> (its run or job), an object that holds <paramref name="holding"/>.</summary>
    private static JsonElement ParentMember(JsonElement facet, string name, string holding, string item) =>
        OpenLineageParser.Member(facet, name) switch
        {
            null => throw new InvalidInputException($"The parent facet needs a {name}.", $"{item}.{name}"),
            { ValueKind: JsonValueKind.Object } member => member,
            { } other => throw new InvalidInputException($"The parent facet's {name} is an object with {holding}, not {OpenLineageParser.Describe(other)}.", $"{item}.{name}"),
        };

    /// <summary>
    /// The property that keeps a run id given as other text than a UUID (<see cref="OpenLineageParser.RunId"/>),
    /// so the run can still be found by what its emitter calls it.
    /// </summary>
    public const string GivenRunIdProperty = "openLineageRunId";

    private static Dictionary<string, JsonElement>? WithGivenRunId(Dictionary<string, JsonElement>? properties, string? given)
    {
        if (given is null)
        {
            return properties;
        }

        properties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        properties[GivenRunIdProperty] = JsonSerializer.SerializeToElement(given);
        return properties;
    }

    private static Dictionary<string, JsonElement>? Parameters(JsonElement facet)
    {
        const string item = "run.facets.executionParameters";
        if (facet.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException($"executionParameters must be an object, not {OpenLineageParser.Describe(facet)}.", item);
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var parameters = OpenLineageParser.Member(facet, "parameters");
        if (parameters is { ValueKind: JsonValueKind.Array } list)
        {
            var index = 0;
            foreach (var parameter in list.EnumerateArray())
            {
                var at = $"{item}.parameters[{index++}]";
                var name = Text(parameter, "key") ?? Text(parameter, "name")
                    ?? throw new InvalidInputException("A parameter needs a key or a name.", at);
                var value = parameter.TryGetProperty("value", out var given) ? given : JsonSerializer.SerializeToElement<object?>(null);

                // As a member repeated in an object (RepeatedMembers): the same value twice says it once,
                // two values leave which one configured the run a guess.
                if (values.TryGetValue(name, out var earlier) && LineageJson.Canonical(earlier) != LineageJson.Canonical(value))
                {
                    throw new InvalidInputException($"The parameter '{Texts.Shorten(name)}' is given twice with different values; which one counts would be a guess.", at);
                }

                values[name] = value;
            }
        }
        else if (parameters is not null and not { ValueKind: JsonValueKind.Object })
        {
            // Read as the facet's own members, "parameters" would become one hyperparameter holding the value.
            throw new InvalidInputException(
                $"executionParameters.parameters must be a list of {{key, value}} or an object, not {OpenLineageParser.Describe(parameters.Value)}.", $"{item}.parameters");
        }
        else
        {
            var map = parameters is { ValueKind: JsonValueKind.Object } nested ? nested : facet;
            foreach (var member in map.EnumerateObject().Where(m => !m.Name.StartsWith('_')))
            {
                values[member.Name] = member.Value;
            }
        }

        return values;
    }

    private static EntityInput Entity(OpenLineageDataset dataset, string ioPrefix)
    {
        var facets = new Dictionary<string, JsonElement>(dataset.Facets, StringComparer.Ordinal);
        var isModel = facets.TryGetValue("datasetType", out var type)
            && string.Equals(Text(type, "datasetType"), ModelType, StringComparison.OrdinalIgnoreCase);
        if (isModel)
        {
            facets.Remove("datasetType");
        }

        // A blank version reads as none (the facet is kept whole), as a key part may not be white space alone.
        var version = TakeIfRead(facets, "version", facet => NonEmpty(Text(facet, "datasetVersion")));
        var description = Documentation(facets);
        var kind = isModel ? EntityKind.Model : EntityKind.Dataset;
        var key = Key(kind, dataset.Namespace, dataset.Name, version, dataset.Item);

        EntityFields? fields = null;
        if (!isModel)
        {
            var schema = TakeIfRead(facets, "schema", Schema);
            var rowCount = dataset.IoFacets.TryGetValue("outputStatistics", out var statistics)
                && OpenLineageParser.Member(statistics, "rowCount") is { ValueKind: JsonValueKind.Number } rows
                && rows.TryGetDecimal(out var count) && count >= 0 && count <= long.MaxValue && count == decimal.Truncate(count)
                ? (long)count
                : (long?)null;
            fields = schema is null && rowCount is null ? null : new DatasetFields { Schema = schema, RowCount = rowCount };
        }

        var properties = Properties("facets.", facets);
        var ioProperties = Properties(ioPrefix, dataset.IoFacets);
        if (ioProperties is not null)
        {
            properties = properties is null ? ioProperties : new Dictionary<string, JsonElement>([.. properties, .. ioProperties], StringComparer.Ordinal);
        }

        var removed = Removed("facets.", dataset.DeletedFacets);
        if (Removed(ioPrefix, dataset.DeletedIoFacets) is { } ioRemoved)
        {
            removed = removed is null ? ioRemoved : [.. removed, .. ioRemoved];
        }

        return new EntityInput { Key = key, Description = description, Fields = fields, Properties = properties, RemoveProperties = removed };
    }

    private static List<SchemaField>? Schema(JsonElement facet)
    {
        if (OpenLineageParser.Member(facet, "fields") is not { ValueKind: JsonValueKind.Array } fields)
        {
            return null;
        }

        var schema = new List<SchemaField>();
        AddFields(fields, "", schema);
        return schema;
    }

    private static void AddFields(JsonElement fields, string prefix, List<SchemaField> schema)
    {
        foreach (var field in fields.EnumerateArray())
        {
            // A field without a name cannot be told apart from the next, and one named with control
            // characters cannot be shown or matched: leave it out (with what it nests) rather than fail the event.
            if (Text(field, "name") is not { } name || !EntityValidation.IsName(prefix + name))
            {
                continue;
            }

            schema.Add(new SchemaField(prefix + name, Text(field, "type"), Text(field, "description")));
            if (OpenLineageParser.Member(field, "fields") is { ValueKind: JsonValueKind.Array } nested)
            {
                AddFields(nested, prefix + name + ".", schema);
            }
        }
    }

    private static string? Documentation(Dictionary<string, JsonElement> facets)
    {
        if (facets.TryGetValue("documentation", out var facet) && Text(facet, "description") is { } description)
        {
            facets.Remove("documentation");
            return description;
        }

        return null;
    }

    private static Dictionary<string, JsonElement>? Properties(string prefix, IReadOnlyDictionary<string, JsonElement> facets) =>
        facets.Count == 0 ? null : facets.ToDictionary(f => prefix + f.Key, f => Storable(f.Value), StringComparer.Ordinal);

    /// <summary>
    /// A facet as a property can hold it. One nested deeper than a property may be (Spark's opt-in
    /// <c>logicalPlan</c>, the query plan as a tree) is kept as its canonical JSON text, a string:
    /// refused, it would cost the event its whole lineage; its text is the same for a replay.
    /// </summary>
    private static JsonElement Storable(JsonElement facet) =>
        JsonText.NestsTooDeeply(facet) ? JsonSerializer.SerializeToElement(LineageJson.Canonical(facet)) : facet;

    /// <summary>The properties that hold facets marked <c>_deleted</c>, which the upsert removes.</summary>
    private static List<string>? Removed(string prefix, IReadOnlyList<string> deleted) =>
        deleted.Count == 0 ? null : [.. deleted.Select(name => prefix + name)];

    /// <summary>
    /// What <paramref name="read"/> makes of the facet <paramref name="name"/>, which then leaves the
    /// facets; a facet it cannot read (a schema whose fields are no list, a version without its text)
    /// stays among them, kept whole as every other facet is, rather than dropped.
    /// </summary>
    private static T? TakeIfRead<T>(Dictionary<string, JsonElement> facets, string name, Func<JsonElement, T?> read)
        where T : class
    {
        if (!facets.TryGetValue(name, out var facet) || read(facet) is not { } value)
        {
            return null;
        }

        facets.Remove(name);
        return value;
    }

    /// <summary>A member as text: a string as it is, a number or boolean as written (producers differ).</summary>
    private static string? NonEmpty(string? text) => EntityKey.IsBlank(text) ? null : text;

    private static string? Text(JsonElement parent, string name) => OpenLineageParser.Member(parent, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
        _ => null,
    };

    private static EntityKey Key(EntityKind kind, string ns, string name, string? version, string item)
    {
        try
        {
            return EntityKey.Create(kind, ns, name, version);
        }
        catch (InvalidKeyException ex) when (ex.Item is null)
        {
            throw new InvalidKeyException(ex.Message, item);
        }
    }
}
