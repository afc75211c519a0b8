using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>Reads the JSON of an event into <see cref="OpenLineageEvent"/> (rules on that type).</summary>
internal static class OpenLineageParser
{
    public static readonly IReadOnlyList<string> EventTypes = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"];

    public static OpenLineageEvent Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException($"An OpenLineage event is a JSON object, not {Describe(body)}.", "event");
        }

        // Every string is read once here, so that one the parser let through malformed fails as this
        // event's fault, by name, and not later inside a write or an answer.
        if (JsonText.FindMalformed(body, "") is { } malformed)
        {
            throw new InvalidInputException("Not well-formed Unicode text (invalid UTF-8 or an unpaired surrogate).", malformed);
        }

        body = RepeatedMembers.Collapse(body, "");
        var schemaUrl = OptionalString(body, "schemaURL", "schemaURL");
        var kind = KindFromSchemaUrl(schemaUrl) ?? KindFromShape(body);

        // The producer is checked to be text, as the spec has it, and not kept: what an event says
        // of lineage does not depend on which integration sent it.
        _ = OptionalString(body, "producer", "producer");
        var common = new OpenLineageEvent
        {
            Kind = kind,
            EventTime = EventTime(body),
        };

        return kind switch
        {
            OpenLineageEventKind.RunEvent => common with
            {
                EventType = EventType(body),
                Run = Run(Member(body, "run") ?? throw Missing("A RunEvent needs a run.", "run")),
                Job = Job(body),
                Inputs = Datasets(body, "inputs", "inputFacets"),
                Outputs = Datasets(body, "outputs", "outputFacets"),
            },
            OpenLineageEventKind.JobEvent => common with
            {
                Job = Job(body),
                Inputs = Datasets(body, "inputs", "inputFacets"),
                Outputs = Datasets(body, "outputs", "outputFacets"),
            },
            _ => common with
            {
                Dataset = Dataset(Member(body, "dataset") ?? throw Missing("A DatasetEvent needs a dataset.", "dataset"), "dataset", null),
            },
        };
    }

    /// <summary>A string member that must be there and not blank (empty or white space alone): the parts of an identity.</summary>
    public static string RequiredString(JsonElement parent, string name, string item)
    {
        var value = Member(parent, name);
        return value is { ValueKind: JsonValueKind.String } && value.Value.GetString() is { } text && !EntityKey.IsBlank(text)
            ? text
            : throw new InvalidInputException(
                value is null ? $"'{name}' is missing."
                : value.Value.ValueKind == JsonValueKind.String ? $"'{name}' must not be empty or white space alone."
                : $"'{name}' must be a non-empty string, not {Describe(value.Value)}.", item);
    }

    /// <summary>
    /// A run id: a UUID in any form <see cref="Guid.TryParse(string?, out Guid)"/> reads, or for any other text
    /// (an older Airflow integration's <c>scheduled__2024-11-20T00:00:00+00:00</c>) the UUID named by it, with
    /// the text as given. The spec says a UUID, but refusing one that is not would lose the event's whole lineage;
    /// the UUID is derived as Marquez derives it (Java's <c>UUID.nameUUIDFromBytes</c>: version 3, the MD5 of the
    /// UTF-8 text), so both name the run alike, and every event naming that text names the same run.
    /// Such text is kept on the run, so it is held to a key part's rules: not blank, no control
    /// characters, at most <see cref="EntityKey.MaxPartLength"/> characters.
    /// </summary>
    public static (Guid Id, string? Given) RunId(JsonElement parent, string item)
    {
        var text = RequiredString(parent, "runId", item);
        if (Guid.TryParse(text, out var id))
        {
            return (id, null);
        }

        // Blank text RequiredString refused.
        if (Texts.HasControl(text) || Texts.IsLongerThan(text, EntityKey.MaxPartLength))
        {
            throw new InvalidInputException(
                $"'runId' must be a UUID, or text of at most {EntityKey.MaxPartLength} characters, not blank and without control characters; it was '{Texts.Shorten(text)}' ({Texts.Characters(text)} characters).",
                item);
        }

        // MD5 here names, as Marquez's does; it protects nothing.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return (new Guid(hash, bigEndian: true), text);
    }

    /// <summary>A member, or null when it is absent or JSON null.</summary>
    public static JsonElement? Member(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static OpenLineageEventKind? KindFromSchemaUrl(string? schemaUrl)
    {
        if (schemaUrl is null)
        {
            return null;
        }

        // Producers write "…/OpenLineage.json#/$defs/RunEvent", the older "#/definitions/RunEvent",
        // or a spec file of their own ending in the type; anything else says nothing about the type.
        var end = schemaUrl.TrimEnd('/');
        end = end[(end.LastIndexOfAny(['/', '#']) + 1)..];
        foreach (var kind in Enum.GetValues<OpenLineageEventKind>())
        {
            if (end.Equals(kind.ToString(), StringComparison.OrdinalIgnoreCase)
                || end.Equals(kind + ".json", StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }

    private static OpenLineageEventKind KindFromShape(JsonElement body)
    {
        if (Member(body, "run") is not null)
        {
            return OpenLineageEventKind.RunEvent;
        }

        if (Member(body, "dataset") is not null)
        {
            return OpenLineageEventKind.DatasetEvent;
        }

        return Member(body, "job") is not null
            ? OpenLineageEventKind.JobEvent
            : throw new InvalidInputException(
                "Not an OpenLineage event: a RunEvent has run and job, a JobEvent job, a DatasetEvent dataset.", "job");
    }

    private static DateTimeOffset? EventTime(JsonElement body)
    {
        var text = OptionalString(body, "eventTime", "eventTime");
        if (text is null)
        {
            return null;
        }

        return Texts.TryParseIsoInstant(text, out var time) ? time
            : Texts.IsWrittenAsIsoInstant(text)
                ? throw new InvalidInputException(
                    $"'{Texts.Shorten(text)}' names no instant: a day or a time of day that does not exist (2026-02-30, 24:00), or one outside 0001-01-01 to 9999-12-31 once in UTC.", "eventTime")
                : throw new InvalidInputException($"'{Texts.Shorten(text)}' is not an ISO 8601 date and time.", "eventTime");
    }

    private static string? EventType(JsonElement body)
    {
        var text = OptionalString(body, "eventType", "eventType");
        if (text is null)
        {
            return null;
        }

        var upper = text.ToUpperInvariant();
        return EventTypes.Contains(upper)
            ? upper
            : throw new InvalidInputException($"Unknown eventType '{Texts.Shorten(text)}'. Known types: {string.Join(", ", EventTypes)}.", "eventType");
    }

    private static OpenLineageRun Run(JsonElement run)
    {
        RequireObject(run, "run");
        var (facets, deleted) = Facets(run, "facets", "run.facets");
        var (id, given) = RunId(run, "run.runId");
        return new OpenLineageRun(id, facets) { DeletedFacets = deleted, GivenRunId = given };
    }

    private static OpenLineageJob Job(JsonElement body)
    {
        var job = Member(body, "job") ?? throw Missing("The event needs a job.", "job");
        RequireObject(job, "job");
        var ns = RequiredString(job, "namespace", "job.namespace");
        var name = RequiredString(job, "name", "job.name");
        var (facets, deleted) = Facets(job, "facets", "job.facets");
        return new OpenLineageJob(ns, name, facets) { DeletedFacets = deleted };
    }

    private static List<OpenLineageDataset> Datasets(JsonElement body, string name, string ioFacets)
    {
        var list = Member(body, name);
        if (list is null)
        {
            return [];
        }

        if (list.Value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException($"'{name}' must be an array, not {Describe(list.Value)}.", name);
        }

        var datasets = new List<OpenLineageDataset>();
        var index = 0;
        foreach (var dataset in list.Value.EnumerateArray())
        {
            datasets.Add(Dataset(dataset, $"{name}[{index++}]", ioFacets));
        }

        return datasets;
    }

    private static OpenLineageDataset Dataset(JsonElement dataset, string item, string? ioFacets)
    {
        RequireObject(dataset, item);
        var ns = RequiredString(dataset, "namespace", item + ".namespace");
        var name = RequiredString(dataset, "name", item + ".name");
        var (facets, deleted) = Facets(dataset, "facets", item + ".facets");
        var (io, ioDeleted) = ioFacets is null ? (new Dictionary<string, JsonElement>(), new List<string>()) : Facets(dataset, ioFacets, $"{item}.{ioFacets}");
        return new OpenLineageDataset(ns, name, facets, io, item) { DeletedFacets = deleted, DeletedIoFacets = ioDeleted };
    }

    /// <summary>The facets of a member, and the names of those marked <c>"_deleted": true</c>.</summary>
    private static (Dictionary<string, JsonElement> Facets, List<string> Deleted) Facets(JsonElement parent, string name, string item)
    {
        var facets = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var deleted = new List<string>();
        var value = Member(parent, name);
        if (value is null)
        {
            return (facets, deleted);
        }

        RequireObject(value.Value, item);
        foreach (var facet in value.Value.EnumerateObject())
        {
            // A facet marked _deleted asks consumers to forget what they stored of it; a null one carries nothing.
            if (Member(facet.Value, "_deleted") is { ValueKind: JsonValueKind.True })
            {
                deleted.Add(facet.Name);
                continue;
            }

            if (facet.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            // Clone so that the event outlives the JsonDocument it was read from.
            facets[facet.Name] = facet.Value.Clone();
        }

        return (facets, deleted);
    }

    private static string? OptionalString(JsonElement parent, string name, string item)
    {
        var value = Member(parent, name);
        return value switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } => value.Value.GetString(),
            _ => throw new InvalidInputException($"'{name}' must be a string, not {Describe(value.Value)}.", item),
        };
    }

    private static void RequireObject(JsonElement value, string item)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException($"'{item}' must be a JSON object, not {Describe(value)}.", item);
        }
    }

    private static InvalidInputException Missing(string message, string item) => new(message, item);
}
