using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Sources;

/// <summary>Reads the server's answers (<see cref="GraphQLDocuments"/>) back into Core's types.</summary>
internal static class GraphQLAnswers
{
    // The members of each kind's inline fragment in GraphQLDocuments.Full, named as Core's fields serialise.
    private static readonly Dictionary<EntityKind, string[]> FieldMembers = new()
    {
        [EntityKind.Dataset] = ["schema", "rowCount", "contentHash", "uri"],
        [EntityKind.Feature] = ["dataType", "transformation"],
        [EntityKind.CodeVersion] = ["branch", "tag", "dirty"],
        [EntityKind.HyperparameterSet] = ["values"],
        [EntityKind.Model] = ["framework", "stage", "metrics", "artifactUri"],
        [EntityKind.Run] = ["runType", "status", "startedAt", "endedAt", "metrics"],
        [EntityKind.Deployment] = ["status", "deployedAt"],
        [EntityKind.Job] = [],
    };

    public static Entity Entity(JsonElement entity)
    {
        var key = EntityKey.Parse(entity.GetProperty("key").GetString()!);
        return new Entity
        {
            Key = key,
            Description = OptionalString(entity, "description"),
            Tags = entity.TryGetProperty("tags", out var tags) ? [.. tags.EnumerateArray().Select(t => t.GetString()!)] : [],
            Owners = entity.TryGetProperty("owners", out var owners) ? [.. owners.EnumerateArray().Select(o => o.GetString()!)] : [],
            Properties = entity.TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
                : LineageJson.EmptyProperties,
            Fields = Fields(key.Kind, entity),
            RecordedAt = entity.GetProperty("recordedAt").GetDateTimeOffset(),
            UpdatedAt = entity.GetProperty("updatedAt").GetDateTimeOffset(),
            RetiredAt = OptionalTime(entity, "retiredAt"),
        };
    }

    public static WalkResult Walk(JsonElement graph) => new()
    {
        Start = Entity(graph.GetProperty("start")),
        Nodes = [.. graph.GetProperty("nodes").EnumerateArray().Select(n => new WalkNode(Entity(n.GetProperty("entity")), n.GetProperty("depth").GetInt32()))],
        Edges = [.. graph.GetProperty("edges").EnumerateArray().Select(Edge)],
        Truncated = graph.GetProperty("truncated").GetBoolean(),
        NodesVisited = graph.GetProperty("nodesVisited").GetInt32(),
        EdgesVisited = graph.GetProperty("edgesVisited").GetInt32(),
    };

    public static ImpactReport Impact(JsonElement impact)
    {
        var walk = Walk(impact.GetProperty("graph"));
        var nodes = walk.Nodes.ToDictionary(n => n.Entity.Key);
        var deployments = impact.GetProperty("deployments").EnumerateArray()
            .Select(d => new DeploymentImpact(nodes[EntityKey.Parse(d.GetProperty("deployment").GetProperty("entity").GetProperty("key").GetString()!)], Path(d.GetProperty("path"))))
            .ToList();
        return new ImpactReport(
            walk.Start, ByKind(walk), [.. walk.Nodes.Where(n => n.Entity.Kind == EntityKind.Model)], deployments, walk.Truncated, walk,
            [.. impact.GetProperty("beyondDepth").EnumerateArray().Select(k => EntityKey.Parse(k.GetString()!))]);
    }

    public static ProvenanceReport Provenance(JsonElement provenance)
    {
        var walk = Walk(provenance.GetProperty("graph"));
        var issues = provenance.GetProperty("issues").EnumerateArray()
            .Select(i => new ReproducibilityIssue(
                i.GetProperty("code").GetString()!, i.GetProperty("message").GetString()!, OptionalKey(i, "run"), OptionalKey(i, "input")))
            .ToList();
        var retired = provenance.GetProperty("retiredUpstream").EnumerateArray()
            .Select(e => new RetiredEdge(
                EntityKey.Parse(e.GetProperty("fromKey").GetString()!), EntityKey.Parse(e.GetProperty("toKey").GetString()!),
                Wire.Parse<RelationKind>(e.GetProperty("relation").GetString()!), e.GetProperty("retiredAt").GetDateTimeOffset()))
            .ToList();
        return new ProvenanceReport(walk.Start, ByKind(walk), provenance.GetProperty("reproducible").GetBoolean(), issues, walk.Truncated, walk, retired,
            provenance.GetProperty("retiredUpstreamTruncated").GetBoolean());
    }

    public static PathsResult Paths(JsonElement paths) => new(
        Entity(paths.GetProperty("from")),
        Entity(paths.GetProperty("to")),
        Wire.Parse<Direction>(paths.GetProperty("direction").GetString()!),
        [.. paths.GetProperty("paths").EnumerateArray().Select(Path)],
        paths.GetProperty("truncated").GetBoolean())
    {
        BeyondDepth = paths.GetProperty("beyondDepth").GetBoolean(),
    };

    public static DiffReport Diff(JsonElement diff) => new(
        Entity(diff.GetProperty("a")),
        Entity(diff.GetProperty("b")),
        [.. diff.GetProperty("inputs").EnumerateArray().Select(InputChange)],
        [.. diff.GetProperty("hyperparameters").EnumerateArray().Select(v => new ValueChange(
            v.GetProperty("name").GetString()!, Wire.Parse<ChangeKind>(v.GetProperty("change").GetString()!), OptionalJson(v, "a"), OptionalJson(v, "b")))],
        [.. diff.GetProperty("code").EnumerateArray().Select(InputChange)],
        [.. diff.GetProperty("metrics").EnumerateArray().Select(m => new MetricChange(
            m.GetProperty("source").GetString()!, m.GetProperty("name").GetString()!, Wire.Parse<ChangeKind>(m.GetProperty("change").GetString()!),
            OptionalDouble(m, "a"), OptionalDouble(m, "b"), OptionalDouble(m, "delta"))
        {
            RunA = OptionalKey(m, "runA"),
            RunB = OptionalKey(m, "runB"),
        })],
        diff.GetProperty("truncated").GetBoolean())
    {
        BeyondDepth = [.. diff.GetProperty("beyondDepth").EnumerateArray().Select(k => EntityKey.Parse(k.GetString()!))],
    };

    // The same grouping as Core's reports: kinds in the order of their names.
    private static List<KindGroup> ByKind(WalkResult walk) =>
        [.. walk.Nodes.GroupBy(n => n.Entity.Kind).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal).Select(g => new KindGroup(g.Key, [.. g]))];

    private static LineagePath Path(JsonElement path) =>
        new([.. path.GetProperty("entities").EnumerateArray().Select(Entity)], [.. path.GetProperty("edges").EnumerateArray().Select(Edge)]);

    private static Edge Edge(JsonElement edge) => new()
    {
        From = EntityKey.Parse(edge.GetProperty("fromKey").GetString()!),
        To = EntityKey.Parse(edge.GetProperty("toKey").GetString()!),
        Relation = Wire.Parse<RelationKind>(edge.GetProperty("relation").GetString()!),
        Role = OptionalString(edge, "role"),
        Properties = edge.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal),
        RecordedAt = edge.GetProperty("recordedAt").GetDateTimeOffset(),
        RetiredAt = OptionalTime(edge, "retiredAt"),
    };

    private static InputChange InputChange(JsonElement change) => new(
        Wire.Parse<EntityKind>(change.GetProperty("kind").GetString()!),
        change.GetProperty("namespace").GetString()!,
        change.GetProperty("name").GetString()!,
        Wire.Parse<ChangeKind>(change.GetProperty("change").GetString()!),
        Strings(change, "versionsA"),
        Strings(change, "versionsB"))
    {
        RolesA = Strings(change, "rolesA"),
        RolesB = Strings(change, "rolesB"),
    };

    /// <summary>A member that is a list of strings, which the query asked for.</summary>
    private static List<string> Strings(JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray().Select(v => v.GetString()!)];

    /// <summary>The typed fields the server sent, read through the same JSON form the stores keep; null when none is set.</summary>
    private static EntityFields? Fields(EntityKind kind, JsonElement entity)
    {
        var fields = new JsonObject();
        foreach (var name in FieldMembers[kind])
        {
            if (entity.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                fields[name] = JsonNode.Parse(value.GetRawText());
            }
        }

        return fields.Count == 0 ? null : LineageJson.DeserializeFields(kind, fields.ToJsonString());
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? OptionalTime(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;

    private static double? OptionalDouble(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static JsonElement? OptionalJson(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : null;

    private static EntityKey? OptionalKey(JsonElement element, string name) =>
        OptionalString(element, name) is { } key ? EntityKey.Parse(key) : null;
}
