using System.Net;
using System.Text.Json;

namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios;

/// <summary>
/// Sends a scenario's events and reads its graph back whole: every entity, every edge of every
/// relation (structural ones included), and Marquez's lineage answers, each as text that a test
/// compares with a list written out literally.
/// </summary>
internal static class Scenario
{
    private const string Endpoint = "/api/v1/lineage";
    private const string BatchEndpoint = "/api/v1/lineage/batch";

    /// <summary>
    /// Page sizes that hold a whole scenario (checked on every read) while keeping the queries
    /// under the server's complexity bound, which multiplies nested page sizes.
    /// </summary>
    private const int MaxEntities = 40;
    private const int MaxEdgesPerEntity = 20;

    /// <summary>Every relation, so that the graph read back holds INSTANCE_OF and CHILD_OF as well as lineage.</summary>
    private const string AllRelations = "[INPUT_TO, PRODUCED, EXECUTED_IN, CONFIGURED, DERIVES, DEPLOYED_AS, NEXT_VERSION, INSTANCE_OF, CHILD_OF]";

    /// <summary>Each event of a JSON array, as its own JSON text, in the array's order.</summary>
    public static List<string> EventList(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())];
    }

    /// <summary>POSTs each event on its own, as the HTTP transport does, and asserts each is stored with 201.</summary>
    public static async Task PostEachAsync(GraphQLClient writer, IEnumerable<string> events, Func<string, int, HttpContent>? content = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        var index = 0;
        foreach (var body in events)
        {
            var response = await writer.SendAsync(HttpMethod.Post, Endpoint, content is null ? OpenLineageEvents.Json(body) : content(body, index));
            Assert.True(response.Status == HttpStatusCode.Created, $"Event {index}: {response}");
            index++;
        }
    }

    /// <summary>POSTs the events as one array to the batch endpoint and asserts that all of them are stored.</summary>
    public static async Task PostBatchAsync(GraphQLClient writer, IReadOnlyList<string> events)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        var response = await writer.SendAsync(HttpMethod.Post, BatchEndpoint, OpenLineageEvents.Json("[" + string.Join(",", events) + "]"));
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.Equal((events.Count, events.Count, 0, 0), (response.Json.Int("received"), response.Json.Int("stored"), response.Json.Int("failed"), response.Json.At("failures").GetArrayLength()));
    }

    /// <summary>The key of every current entity, ordinal order.</summary>
    public static async Task<List<string>> EntitiesAsync(GraphQLClient reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var data = await reader.QueryAsync($"{{ entities(first: {MaxEntities}) {{ totalCount nodes {{ key }} }} }}");
        var keys = data.At("entities.nodes").Strings("key").Select(k => k!).Order(StringComparer.Ordinal).ToList();
        Assert.True(keys.Count == data.Int("entities.totalCount"), $"More than {MaxEntities} entities: {data.GetRawText()}");
        return keys;
    }

    /// <summary>
    /// Every current edge as <c>from -RELATION-> to</c>, ordinal order: each entity's one-hop
    /// downstream neighbours over every relation, so each edge is read once, from its origin.
    /// </summary>
    public static async Task<List<string>> EdgesAsync(GraphQLClient reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var data = await reader.QueryAsync(
            $"{{ entities(first: {MaxEntities}) {{ totalCount nodes {{ key downstream(relations: {AllRelations}, first: {MaxEdgesPerEntity}) {{ relation entity {{ key }} }} }} }} }}");
        AssertWhole(data);
        return [.. data.At("entities.nodes").Items()
            .SelectMany(node => node.At("downstream").Items().Select(n => Edge(node.Str("key")!, n.Str("relation")!, n.Str("entity.key")!)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>A <c>lineage</c> walk over every relation: its nodes as <c>depth key</c> and its edges as <see cref="Edge"/>, both in the answer's order.</summary>
    public static async Task<(List<string> Nodes, List<string> Edges)> WalkAsync(GraphQLClient reader, string key, string direction)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var data = await reader.QueryAsync(
            $$"""query($key: String!) { lineage(key: $key, direction: {{direction}}, relations: {{AllRelations}}) { truncated nodes { depth entity { key } } edges { fromKey relation toKey } } }""",
            new { key });
        Assert.False(data.Bool("lineage.truncated"));
        return ([.. data.At("lineage.nodes").Items().Select(n => $"{n.Int("depth")} {n.Str("entity.key")}")],
            [.. data.At("lineage.edges").Items().Select(e => Edge(e.Str("fromKey")!, e.Str("relation")!, e.Str("toKey")!))]);
    }

    /// <summary>One entity, or a failure naming the key when it is not stored.</summary>
    public static async Task<JsonElement> EntityAsync(GraphQLClient reader, string key, string selection)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var data = await reader.QueryAsync($"query($key: String!) {{ entity(key: $key) {{ {selection} }} }}", new { key });
        Assert.True(data.At("entity").ValueKind == JsonValueKind.Object, $"{key} is not stored.");
        return data.At("entity");
    }

    /// <summary>The graph Marquez's <c>GET /api/v1/lineage</c> answers.</summary>
    public static async Task<JsonElement> MarquezAsync(GraphQLClient reader, string nodeId, int depth)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var response = await reader.SendAsync(HttpMethod.Get, $"{Endpoint}?nodeId={Uri.EscapeDataString(nodeId)}&depth={depth}", null);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Json.GetProperty("graph");
    }

    public static JsonElement Node(JsonElement graph, string id) => graph.Items().Single(n => n.Str("id") == id);

    /// <summary>Each Marquez node as one line: id, type, and the other end of each in-edge and out-edge, in the answer's order.</summary>
    public static List<string> Describe(JsonElement graph) =>
        [.. graph.Items().Select(node =>
        {
            var id = node.Str("id");
            Assert.All(node.At("inEdges").Items(), e => Assert.Equal(id, e.Str("destination")));
            Assert.All(node.At("outEdges").Items(), e => Assert.Equal(id, e.Str("origin")));
            return $"{id} {node.Str("type")} in[{string.Join(", ", node.At("inEdges").Strings("origin"))}] out[{string.Join(", ", node.At("outEdges").Strings("destination"))}]";
        })];

    /// <summary>
    /// Everything a replay could move, as one text: every entity with its fields, properties,
    /// times and outgoing edges, and Marquez's answers for <paramref name="marquez"/>.
    /// </summary>
    public static async Task<string> SnapshotAsync(GraphQLClient reader, params (string NodeId, int Depth)[] marquez)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(marquez);
        var data = await reader.QueryAsync($$"""
            { entities(first: {{MaxEntities}}) { totalCount nodes {
                key description tags owners properties recordedAt updatedAt retiredAt
                ... on Run { status startedAt endedAt runType }
                ... on Dataset { schema { name type description } rowCount uri contentHash }
                ... on Model { framework stage metrics artifactUri }
                ... on CodeVersion { branch tag dirty }
                ... on HyperparameterSet { values }
                downstream(relations: {{AllRelations}}, first: {{MaxEdgesPerEntity}}) { relation role properties recordedAt entity { key } } } } }
            """);
        AssertWhole(data);
        var text = data.GetRawText();
        foreach (var (nodeId, depth) in marquez)
        {
            text += "\n" + (await MarquezAsync(reader, nodeId, depth)).GetRawText();
        }

        return text;
    }

    /// <summary>Fails when a page of entities, or of one entity's edges, may have left some out.</summary>
    private static void AssertWhole(JsonElement data)
    {
        var nodes = data.At("entities.nodes").Items();
        Assert.True(nodes.Count == data.Int("entities.totalCount"), $"More than {MaxEntities} entities.");
        Assert.All(nodes, n => Assert.True(n.At("downstream").GetArrayLength() < MaxEdgesPerEntity, $"{n.Str("key")} may have more than {MaxEdgesPerEntity} edges."));
    }

    public static string Edge(string from, string relation, string to) => $"{from} -{relation}-> {to}";

    /// <summary>Sorts a literal list the way <see cref="EntitiesAsync"/> and <see cref="EdgesAsync"/> answer, so tests can list it in reading order.</summary>
    public static List<string> Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];
}
