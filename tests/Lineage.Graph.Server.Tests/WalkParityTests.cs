using System.Globalization;
using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// The <c>lineage</c> query answers what the store's walk answers, for random starts and every
/// option (direction, maxDepth, relations, kinds, asOf, limit), over the demo graph grown with random
/// edges, retirements among them: each node's key, depth and times, each edge's ends, relation, role,
/// properties and times, in order, and truncated. What GraphQL adds (argument mapping, enum names,
/// the DateTime scalar both ways, JSON) may lose nothing. Seeded.
/// </summary>
public sealed class WalkParityTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const string Query = """
        query($key: String!, $direction: Direction, $maxDepth: Int, $relations: [RelationKind!], $kinds: [EntityKind!], $asOf: DateTime, $limit: Int) {
          lineage(key: $key, direction: $direction, maxDepth: $maxDepth, relations: $relations, kinds: $kinds, asOf: $asOf, limit: $limit) {
            truncated
            nodes { depth entity { key recordedAt retiredAt } }
            edges { fromKey toKey relation role properties recordedAt retiredAt }
          }
        }
        """;

    [Fact]
    public async Task Random_lineage_queries_answer_as_the_store_walks()
    {
        var random = new Random(20261129);
        var instants = new List<DateTimeOffset> { DateTimeOffset.UtcNow };
        var keys = (await server.Store.ListAsync(new EntityQuery { First = EntityQuery.MaxFirst })).Items.Select(e => e.Key).ToList();
        for (var i = 0; i < 40; i++)
        {
            var (from, to) = (keys[random.Next(keys.Count)], keys[random.Next(keys.Count)]);
            if (from.Kind == EntityKind.Run || to.Kind == EntityKind.Run)
            {
                continue;
            }

            var edge = new EdgeInput(from, to, RelationKind.Derives)
            {
                Properties = random.Next(2) == 0 ? new Dictionary<string, JsonElement> { ["weight"] = JsonSerializer.SerializeToElement(i) } : null,
            };
            await server.Store.WriteAsync(new WriteBatch { Edges = [edge] });
            instants.Add(DateTimeOffset.UtcNow);
            if (random.Next(3) == 0)
            {
                await server.Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(from, to, RelationKind.Derives)] });
                instants.Add(DateTimeOffset.UtcNow);
            }
        }

        using var reader = server.Reader();
        for (var round = 0; round < 150; round++)
        {
            var request = new WalkRequest
            {
                Start = keys[random.Next(keys.Count)],
                Direction = (Direction)random.Next(3),
                MaxDepth = random.Next(3) == 0 ? null : random.Next(1, 7),
                Relations = random.Next(3) == 0 ? null : [.. Relations.All.Where(_ => random.Next(2) == 0).DefaultIfEmpty(RelationKind.Derives)],
                Kinds = random.Next(3) > 0 ? null : [.. Enum.GetValues<EntityKind>().Where(_ => random.Next(2) == 0).DefaultIfEmpty(EntityKind.Model)],
                AsOf = random.Next(3) > 0 ? null : instants[random.Next(instants.Count)],
                Limit = random.Next(3) > 0 ? null : random.Next(1, 12),
            };

            var response = await reader.PostAsync(Query, new
            {
                key = request.Start.ToString(),
                direction = WireName(request.Direction),
                maxDepth = request.MaxDepth,
                relations = request.Relations?.Select(Relations.Name).ToList(),
                kinds = request.Kinds?.Select(k => WireName(k)).ToList(),
                asOf = request.AsOf?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                limit = request.Limit,
            });

            var expected = await DescribeAsync(request);
            var actual = response.Errors.Count > 0 && response.Codes.SequenceEqual(["NOT_FOUND"])
                ? "not found"
                : Describe(response.Data().GetProperty("lineage"));
            Assert.True(expected == actual, $"round {round}: {JsonSerializer.Serialize(request)}\nstore:\n{expected}\nGraphQL:\n{actual}");
        }
    }

    private async Task<string> DescribeAsync(WalkRequest request)
    {
        try
        {
            var walk = await server.Store.WalkAsync(request);
            return string.Join("\n", walk.Nodes.Select(n => $"{n.Entity.Key}/{n.Depth} {n.Entity.RecordedAt.UtcTicks} {n.Entity.RetiredAt?.UtcTicks}")
                .Concat(walk.Edges.Select(e => $"{e.From} -{Relations.Name(e.Relation)}-> {e.To} {e.Role} {LineageJson.Canonical(e.Properties)} {e.RecordedAt.UtcTicks} {e.RetiredAt?.UtcTicks}"))
                .Append($"truncated={walk.Truncated}"));
        }
        catch (NotFoundException)
        {
            return "not found";
        }
    }

    private static string Describe(JsonElement lineage) => string.Join("\n",
        lineage.GetProperty("nodes").EnumerateArray()
            .Select(n => $"{n.Str("entity.key")}/{n.Int("depth")} {Ticks(n.At("entity.recordedAt"))} {Ticks(n.At("entity.retiredAt"))}")
            .Concat(lineage.GetProperty("edges").EnumerateArray().Select(e =>
                $"{e.Str("fromKey")} -{e.Str("relation")}-> {e.Str("toKey")} {e.Str("role")} {LineageJson.Canonical(e.GetProperty("properties"))} {Ticks(e.At("recordedAt"))} {Ticks(e.At("retiredAt"))}"))
            .Append($"truncated={lineage.GetProperty("truncated").GetBoolean()}"));

    private static long? Ticks(JsonElement time) =>
        time.ValueKind == JsonValueKind.Null ? null : DateTimeOffset.Parse(time.GetString()!, CultureInfo.InvariantCulture).UtcTicks;

    /// <summary>An enum value's GraphQL name, as GraphQL.NET names it (CodeVersion is CODE_VERSION).</summary>
    private static string WireName<T>(T value)
        where T : struct, Enum => global::GraphQL.StringExtensions.ToConstantCase(value.ToString());
}
