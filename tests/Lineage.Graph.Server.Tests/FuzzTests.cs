using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;
using Lineage.Graph.Tests.Shared;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// Valid requests mangled at random (<see cref="JsonMangler"/>; a GraphQL document's text and its
/// literals too, inside a well-formed body), seeded so that a failure repeats, sent to the GraphQL and
/// OpenLineage endpoints. However mangled, an answer is never a 5xx; it is JSON whose every error has
/// a stable code; and a request refused leaves the graph as it was. The hand-written bad inputs each pin one
/// refusal; these look for the ones nobody thought to write.
/// </summary>
public sealed partial class FuzzTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const int GraphQLRounds = 400;
    private const int EventRounds = 300;
    private const int BatchRounds = 120;

    [Fact]
    public async Task Mangled_graphql_requests_answer_stable_codes_and_refused_ones_change_nothing()
    {
        var examples = GraphQLBlock().Matches(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md")))
            .Select(m => (Body: GraphQLClient.Body(m.Groups[1].Value), Query: m.Groups[1].Value)).ToList();
        using var admin = server.Admin();
        var random = new Random(20261129);
        for (var round = 0; round < GraphQLRounds; round++)
        {
            var (seed, query) = examples[random.Next(examples.Count)];
            var body = random.Next(3) switch
            {
                0 => JsonMangler.Mangle(random, seed),
                1 => GraphQLClient.Body(JsonMangler.Mangle(random, query)),
                _ => GraphQLClient.Body(MangleLiterals(random, query)),
            };
            var mutation = seed.Contains("mutation", StringComparison.Ordinal);
            var before = mutation ? await GraphSnapshot.TakeAsync(admin) : null;

            var response = await admin.PostJsonAsync(body, accept: random.Next(2) == 0 ? GraphQLClient.GraphQLResponseJson : "application/json");

            var context = $"round {round}: {Shorten(body)}\nanswered {response}";
            Assert.True((int)response.Status < 500, context);
            Assert.True(response.Json.ValueKind == JsonValueKind.Object, context);
            var codes = response.Codes.Concat(PayloadErrors(response.Json).Select(e => e.TryGetProperty("code", out var c) ? c.GetString() : null)).ToList();
            Assert.All(codes, code => Assert.True(code is not null && StableCode().IsMatch(code) && code != "INTERNAL_SERVER_ERROR", context));
            if (before is not null && Refused(response.Json))
            {
                Assert.True(before == await GraphSnapshot.TakeAsync(admin), $"{context}\nchanged the graph");
            }
        }
    }

    [Fact]
    public async Task Mangled_openlineage_events_answer_stable_codes_and_refused_ones_change_nothing()
    {
        var events = EventSets().SelectMany(set => JsonDocument.Parse(set).RootElement.EnumerateArray().Select(e => e.GetRawText())).ToList();
        using var writer = server.Writer();
        var random = new Random(20261130);
        for (var round = 0; round < EventRounds; round++)
        {
            var body = JsonMangler.MangleAny(random, events[random.Next(events.Count)]);
            var before = await GraphSnapshot.TakeAsync(server.Admin());

            var response = await writer.SendAsync(HttpMethod.Post, "/api/v1/lineage", new StringContent(body, Encoding.UTF8, "application/json"));

            var context = $"round {round}: {Shorten(body)}\nanswered {response}";
            Assert.True((int)response.Status < 500, context);
            if (response.Status != HttpStatusCode.Created)
            {
                Assert.True(response.Json.ValueKind == JsonValueKind.Object && response.Json.TryGetProperty("code", out var code)
                    && StableCode().IsMatch(code.GetString() ?? ""), context);
                Assert.True(before == await GraphSnapshot.TakeAsync(server.Admin()), $"{context}\nchanged the graph");
            }
        }
    }

    [Fact]
    public async Task Mangled_openlineage_batches_answer_stable_codes_and_refused_ones_change_nothing()
    {
        var batches = EventSets().ToList();
        using var writer = server.Writer();
        var random = new Random(20261131);
        for (var round = 0; round < BatchRounds; round++)
        {
            var body = JsonMangler.MangleAny(random, batches[random.Next(batches.Count)]);
            var before = await GraphSnapshot.TakeAsync(server.Admin());

            var response = await writer.SendAsync(HttpMethod.Post, "/api/v1/lineage/batch", new StringContent(body, Encoding.UTF8, "application/json"));

            var context = $"round {round}: {Shorten(body)}\nanswered {response}";
            Assert.True((int)response.Status < 500, context);
            Assert.True(response.Json.ValueKind == JsonValueKind.Object, context);
            var codes = response.Json.TryGetProperty("failures", out var failures)
                ? [.. failures.EnumerateArray().Select(f => f.GetProperty("code").GetString())]
                : new[] { response.Json.TryGetProperty("code", out var code) ? code.GetString() : null }.Where(_ => response.Status != HttpStatusCode.OK).ToList();
            Assert.All(codes, c => Assert.True(c is not null && StableCode().IsMatch(c), context));
            if (response.Status is not (HttpStatusCode.OK or HttpStatusCode.MultiStatus))
            {
                Assert.True(before == await GraphSnapshot.TakeAsync(server.Admin()), $"{context}\nchanged the graph");
            }
        }
    }

    private static IEnumerable<string> EventSets() => [AirflowEvents.Json, DbtEvents.Json, SparkEvents.Json, TrainingEvents.Json, SelfIoEvents.Json];

    /// <summary>One to three of a GraphQL document's literals (strings, numbers, enum values) replaced by others, the document left well-formed.</summary>
    private static string MangleLiterals(Random random, string query)
    {
        string[] strings =
        [
            "\"\"", "\"dataset:\"", "\"x:y:z\"", "\"dataset:ns:a\\u0000b@1\"", "\"model:mlflow://registry:churn@1\"", "\"😀\"",
            "\"" + new string('k', 3_000) + "\"", "\"2099-01-01T00:00:00Z\"", "\"1970-01-01\"", "\"dataset:s3://lake:a%ZZ@1\"",
        ];
        string[] enums = ["UPSTREAM", "BOTH", "DOWNSTREAM", "DATASET", "RUN", "NEXT_VERSION", "CHILD_OF", "SIDEWAYS", "null"];
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var literals = Literal().Matches(query);
            if (literals.Count == 0)
            {
                break;
            }

            var literal = literals[random.Next(literals.Count)];
            var replacement = literal.Groups["string"].Success ? strings[random.Next(strings.Length)]
                : literal.Groups["number"].Success ? JsonMangler.Numbers[random.Next(JsonMangler.Numbers.Length)]
                : enums[random.Next(enums.Length)];
            query = string.Concat(query.AsSpan(0, literal.Index), replacement, query.AsSpan(literal.Index + literal.Length));
        }

        return query;
    }

    /// <summary>The errors of each mutation payload in <c>data</c>.</summary>
    private static IEnumerable<JsonElement> PayloadErrors(JsonElement json) =>
        json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data.EnumerateObject()
                .Where(f => f.Value.ValueKind == JsonValueKind.Object && f.Value.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array)
                .SelectMany(f => f.Value.GetProperty("errors").EnumerateArray())
            : [];

    /// <summary>Whether nothing of the request was written: no data, or every mutation it ran refused.</summary>
    private static bool Refused(JsonElement json) =>
        !json.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
        || data.EnumerateObject().All(f => f.Value.ValueKind == JsonValueKind.Object && f.Value.TryGetProperty("errors", out var e)
            && e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0);

    private static string Shorten(string text) => text.Length <= 2_000 ? text : text[..2_000] + $"... ({text.Length} characters)";

    [GeneratedRegex(@"```graphql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlock();

    [GeneratedRegex("^[A-Z][A-Z_]*$")]
    private static partial Regex StableCode();

    // A string literal, a number after a colon, or an enum value after a colon or in a list.
    [GeneratedRegex(@"(?<string>""(?:[^""\\]|\\.)*"")|(?<=:\s*)(?<number>-?\d+(?:\.\d+)?)\b|(?<=[:\[,]\s*)(?<enum>[A-Z][A-Z_]+)\b")]
    private static partial Regex Literal();
}
