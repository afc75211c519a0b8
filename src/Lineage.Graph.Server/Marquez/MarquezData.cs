using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Marquez;

/// <summary>A job node's data, in the members Marquez's <c>JobData</c> has.</summary>
internal sealed record MarquezJobData(
    MarquezId Id,
    string Type,
    string Name,
    string SimpleName,
    string? ParentJobName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Namespace,
    IReadOnlyList<MarquezId> Inputs,
    IReadOnlyList<MarquezId> Outputs,
    string? Location,
    string? Description,
    MarquezRun? LatestRun);

/// <summary>A run as a job's <c>latestRun</c>; <see cref="State"/> is Marquez's run state.</summary>
internal sealed record MarquezRun(string Id, string State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, long? DurationMs);

/// <summary>
/// A dataset node's data, in the members Marquez's <c>DatasetData</c> has, plus <c>kind</c>
/// (Dataset, Model or Feature) and <c>currentVersion</c>, the version the other members describe.
/// </summary>
internal sealed record MarquezDatasetData(
    MarquezId Id,
    string Type,
    string Name,
    string PhysicalName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Namespace,
    string SourceName,
    IReadOnlyList<MarquezField> Fields,
    IReadOnlyList<string> Tags,
    DateTimeOffset? LastModifiedAt,
    string? LastLifecycleState,
    string? Description,
    string Kind,
    string? CurrentVersion);

internal sealed record MarquezField(string Name, string? Type, IReadOnlyList<string> Tags, string? Description);

/// <summary>Node data from our entities.</summary>
internal static class MarquezData
{
    /// <summary>
    /// A job from its entity and its latest run, with what Marquez reads from their facets: the
    /// type from <c>jobType.processingType</c> (STREAMING is Marquez's STREAM, anything else BATCH),
    /// the location from <c>sourceCodeLocation.url</c>, the parent job's name from the latest
    /// run's <c>parent</c> facet, and the simple name without that parent's name before it.
    /// </summary>
    public static MarquezJobData Job(JobIo io)
    {
        var job = io.Job;
        var streaming = string.Equals(Member(job.Properties, "facets.jobType", "processingType"), "STREAMING", StringComparison.OrdinalIgnoreCase);
        var parent = io.LatestRun is { } latest && latest.Properties.TryGetValue("facets.parent", out var facet)
            && facet.ValueKind == JsonValueKind.Object && facet.TryGetProperty("job", out var parentJob)
            ? Text(parentJob, "name")
            : null;
        // Marquez names a child job by what follows its parent's name (the task of a DAG: dag.task is task).
        var simpleName = parent is not null && job.Name.Length > parent.Length + 1 && job.Name.StartsWith(parent + ".", StringComparison.Ordinal)
            ? job.Name[(parent.Length + 1)..]
            : job.Name;
        return new MarquezJobData(
            new MarquezId(job.Namespace, job.Name), streaming ? "STREAM" : "BATCH", job.Name, simpleName, parent, job.RecordedAt, job.UpdatedAt, job.Namespace,
            [.. io.Inputs.Select(d => new MarquezId(d.Namespace, d.Name))],
            [.. io.Outputs.Select(d => new MarquezId(d.Namespace, d.Name))],
            Member(job.Properties, "facets.sourceCodeLocation", "url"), job.Description, io.LatestRun is { } run ? Run(run) : null);
    }

    private static string? Member(IReadOnlyDictionary<string, JsonElement> properties, string property, string name) =>
        properties.TryGetValue(property, out var facet) ? Text(facet, name) : null;

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// A dataset from its versions: created when the first was recorded, described by the latest
    /// that says anything of it (typed fields, a description, tags). Latest by the producers' event
    /// times (<see cref="EntityMerge.ObservedAt"/>), so that an older run's event delivered late does
    /// not pass for the current version; a version no event described (written over GraphQL) ranks
    /// behind those, by when it was last updated, and versions alike by key. A reader that sends no version facet records an empty,
    /// unversioned entity beside the versions its writer recorded; being read last, it would otherwise
    /// hide their schema. <c>lastModifiedAt</c> is null for a dataset no run wrote, as Marquez
    /// leaves it for a dataset only ever read; a read is no modification.
    /// </summary>
    public static MarquezDatasetData Dataset((string Namespace, string Name) dataset, IReadOnlyList<Entity> versions, bool written)
    {
        var ordered = versions
            .Select(v => (Version: v, Observed: EntityMerge.ObservedAt(v.Properties)))
            .OrderBy(v => v.Observed is not null).ThenBy(v => v.Observed ?? v.Version.UpdatedAt).ThenBy(v => v.Version.UpdatedAt).ThenBy(v => v.Version.Key)
            .Select(v => v.Version).ToList();
        var latest = ordered.LastOrDefault(v => v.Fields is not null || v.Description is not null || v.Tags.Count > 0) ?? ordered.LastOrDefault();
        var schema = (latest?.Fields as DatasetFields)?.Schema ?? [];
        var created = versions.Count > 0 ? versions.Min(v => v.RecordedAt) : DateTimeOffset.UnixEpoch;
        var updated = latest?.UpdatedAt ?? created;
        return new MarquezDatasetData(
            new MarquezId(dataset.Namespace, dataset.Name), "DB_TABLE", dataset.Name, dataset.Name, created, updated,
            dataset.Namespace, dataset.Namespace,
            [.. schema.Select(f => new MarquezField(f.Name, f.Type, [], f.Description))],
            latest?.Tags ?? [], written ? updated : null,
            // The current version's, as Marquez reports it: an earlier version's DROP says nothing of the table now.
            latest is null ? null : Member(latest.Properties, "facets.lifecycleStateChange", "lifecycleStateChange"),
            latest?.Description, (latest?.Kind ?? EntityKind.Dataset).ToString(), latest?.Version);
    }

    private static MarquezRun Run(Entity run)
    {
        var fields = run.Fields as RunFields;
        long? duration = fields is { StartedAt: { } started, EndedAt: { } ended } ? (long)(ended - started).TotalMilliseconds : null;
        return new MarquezRun(run.Version ?? "", State(fields?.Status), run.RecordedAt, run.UpdatedAt, fields?.StartedAt, fields?.EndedAt, duration);
    }

    /// <summary>
    /// Marquez's run states from OpenLineage's event types. A run with no status (named only by a
    /// child's <c>parent</c> facet) is NEW, as Marquez records such a run: its clients require a state.
    /// </summary>
    private static string State(string? status) => status?.ToUpperInvariant() switch
    {
        null => "NEW",
        "START" or "RUNNING" => "RUNNING",
        "COMPLETE" => "COMPLETED",
        "ABORT" => "ABORTED",
        "FAIL" => "FAILED",
        _ => "NEW",
    };
}
