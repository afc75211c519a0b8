using System.Net;
using System.Text;
using System.Text.Json;
using Lineage.Graph.Server.Hosting;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// Every limit from configuration (document depth and complexity, batch size, body size,
/// timeout, traversal depth and limit caps) answered with its code, never a crash or a hang.
/// </summary>
public sealed class LimitsTests(LimitedServer server) : IClassFixture<LimitedServer>
{
    private const string GraphQLResponse = GraphQLClient.GraphQLResponseJson;
    private const string RawEventsNext = "dataset:s3://acme-lake/raw:click_events@2026-06-02";
    private const string ModelV1 = "model:mlflow://registry:churn@1";
    private const string ModelV2 = "model:mlflow://registry:churn@2";

    private readonly LimitedServer _server = server;

    [Fact]
    public async Task A_document_as_deep_as_the_cap_runs_and_one_level_deeper_is_refused()
    {
        using var admin = _server.Admin();

        // Depth counts field levels: entity, then four hops, then key is 6.
        var atCap = await admin.PostAsync($$"""{ entity(key: "{{ModelV2}}") { previousVersion { nextVersion { previousVersion { nextVersion { key } } } } } }""");
        Assert.Equal(ModelV2, atCap.Data().Str("entity.previousVersion.nextVersion.previousVersion.nextVersion.key"));

        var deeper = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(
            $$"""{ entity(key: "{{ModelV2}}") { previousVersion { nextVersion { previousVersion { nextVersion { previousVersion { key } } } } } } }""", accept: GraphQLResponse));
        var error = deeper.Error("DOCUMENT_TOO_DEEP", HttpStatusCode.BadRequest);
        Assert.Contains("nested", error.Str("message"), StringComparison.Ordinal);
        Assert.False(deeper.HasData);

        var deepMutation = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(
            """mutation { recordEntities(input: { entities: [{ key: "dataset:file:too-deep@1" }] }) { entities { upstream { entity { upstream { entity { upstream { entity { key } } } } } } } } }"""));
        deepMutation.Error("DOCUMENT_TOO_DEEP", HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_document_over_the_complexity_cap_is_refused_before_it_runs()
    {
        using var admin = _server.Admin();
        var heavy = "{ " + string.Join(" ", Enumerable.Range(0, 20).Select(i => $"e{i}: entities(first: 1000) {{ nodes {{ key upstream {{ entity {{ key }} }} }} }}")) + " }";
        _server.Store.Reset();

        var response = await admin.PostAsync(heavy, accept: GraphQLResponse);

        var error = response.Error("COMPLEXITY", HttpStatusCode.BadRequest);
        Assert.Contains("complex", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal(0, _server.Store.Lists);
    }

    [Fact]
    public async Task The_walks_of_one_operation_may_return_so_many_nodes_in_all_and_a_field_past_that_walks_nothing()
    {
        using var admin = _server.Admin();
        string Lineage(string alias, int limit) => $$"""{{alias}}: lineage(key: "{{RawEventsNext}}", limit: {{limit}}) { nodes { entity { key } } }""";

        // 5 + 5 + 5 is the budget of 15; the complexity analysis charges each alias alike whatever its limit.
        var within = await admin.PostAsync("{ " + Lineage("a", 5) + " " + Lineage("b", 5) + " " + Lineage("c", 5) + " }");
        Assert.Equal(5, within.Data().GetProperty("c").GetProperty("nodes").GetArrayLength());

        _server.Store.Reset();
        var past = await admin.PostAsync("{ " + Lineage("a", 5) + " " + Lineage("b", 5) + " " + Lineage("c", 5) + " " + Lineage("d", 1) + " }");
        var error = Assert.Single(past.Errors);
        Assert.Equal("LIMIT_EXCEEDED", error.Str("extensions.code"));
        Assert.Contains("15 nodes in all (Lineage:GraphQL:MaxWalkNodes)", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal("limit", error.Str("extensions.item"));
        Assert.Equal(3, _server.Store.Walks);

        // A limit the walk refuses takes no share: the walk names it, as it would alone.
        var refused = await admin.PostAsync("{ " + Lineage("a", 5) + " " + Lineage("b", 5) + " " + Lineage("c", 6) + " }");
        Assert.Contains("limit", Assert.Single(refused.Errors).Str("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("MaxWalkNodes", Assert.Single(refused.Errors).Str("message"), StringComparison.Ordinal);

        // A one-hop field inside a walk's answer runs for each node and takes its first (or one) each time.
        var hops = await admin.PostAsync($$"""{ lineage(key: "{{RawEventsNext}}", limit: 5) { nodes { entity { upstream(first: 5) { entity { key } } } } } }""");
        // 5 for the walk and 5 for each of the first two nodes' upstream: the other three are refused.
        Assert.Equal(3, hops.Errors.Count);
        var hopError = hops.Errors[0];
        Assert.Equal("LIMIT_EXCEEDED", hopError.Str("extensions.code"));
        Assert.Equal("first", hopError.Str("extensions.item"));
        Assert.Contains("this upstream, which may return 5,", hopError.Str("message"), StringComparison.Ordinal);
        var fewer = await admin.PostAsync($$"""{ lineage(key: "{{RawEventsNext}}", limit: 5) { nodes { entity { upstream(first: 2) { entity { key } } } } } }""");
        Assert.Equal(5, fewer.Data().GetProperty("lineage").GetProperty("nodes").GetArrayLength());

        // versions takes as many as it lists, after reading them: eight lists of the model's two versions are 16.
        var versions = await admin.PostAsync("{ " + string.Join(" ", Enumerable.Range(0, 8).Select(i => $$"""v{{i}}: entity(key: "{{ModelV2}}") { versions { key } }""")) + " }");
        var versionsError = Assert.Single(versions.Errors);
        Assert.Equal(("LIMIT_EXCEEDED", "last"), (versionsError.Str("extensions.code"), versionsError.Str("extensions.item")));
        Assert.Contains("this versions, which may return 2,", versionsError.Str("message"), StringComparison.Ordinal);

        // A report takes the cap (5) for each walk it keeps, a diff two; the operations of a batch share
        // one budget, and the next request has one of its own.
        var diff = GraphQLClient.Body($$"""{ d: diff(a: "{{ModelV1}}", b: "{{ModelV2}}") { a { key } } }""");
        var batch = await admin.PostJsonAsync("[" + GraphQLClient.Body($$"""{ i: impact(key: "{{RawEventsNext}}") { truncated } p: provenance(key: "{{ModelV2}}") { reproducible } }""") + "," + diff + "]");
        Assert.False(batch.Json[0].TryGetProperty("errors", out _));
        var reportError = Assert.Single(batch.Json[1].GetProperty("errors").EnumerateArray());
        Assert.Equal("LIMIT_EXCEEDED", reportError.Str("extensions.code"));
        Assert.Contains("this diff, which may return 10,", reportError.Str("message"), StringComparison.Ordinal);
        Assert.False(reportError.GetProperty("extensions").TryGetProperty("item", out _));
        var alone = await admin.PostJsonAsync("[" + diff + "]");
        Assert.Equal(ModelV1, alone.Json[0].GetProperty("data").Str("d.a.key"));
    }

    [Fact]
    public async Task The_properties_one_request_answers_may_hold_so_many_bytes_in_all()
    {
        // An entity may hold 16 MiB of properties; 300 aliases of one holding 1 MiB answered 314 MB.
        const string Heavy = "dataset:file:heavy@1";
        var blob = JsonDocument.Parse(JsonSerializer.Serialize(new string('x', 6 * 1024 * 1024))).RootElement.Clone();
        await _server.Store.WriteAsync(new Core.WriteBatch
        {
            Entities = [new Core.EntityInput { Key = Core.EntityKey.Parse(Heavy), Properties = new Dictionary<string, JsonElement> { ["blob"] = blob } }],
        });
        using var reader = _server.Reader();
        string Aliases(int count) => "{ " + string.Join(" ", Enumerable.Range(0, count).Select(i => $$"""e{{i}}: entity(key: "{{Heavy}}") { properties }""")) + " }";

        var two = await reader.PostAsync(Aliases(2));
        Assert.Equal(6 * 1024 * 1024, two.Data().GetProperty("e1").GetProperty("properties").GetProperty("blob").GetString()!.Length);

        var three = await reader.PostAsync(Aliases(3));
        var error = Assert.Single(three.Errors);
        Assert.Equal("LIMIT_EXCEEDED", error.Str("extensions.code"));
        Assert.Contains("16,777,216 bytes in all (Lineage:GraphQL:MaxAnswerJsonBytes)", error.Str("message"), StringComparison.Ordinal);

        // A hyperparameter set's values are charged alike, in a request of their own.
        var set = Core.HyperparameterSets.InputFor(new Dictionary<string, JsonElement> { ["blob"] = blob });
        await _server.Store.WriteAsync(new Core.WriteBatch { Entities = [set] });
        var values = await reader.PostAsync("{ " + string.Join(" ", Enumerable.Range(0, 3).Select(i => $$"""h{{i}}: entity(key: "{{set.Key}}") { ... on HyperparameterSet { values } }""")) + " }");
        var valuesError = Assert.Single(values.Errors);
        Assert.Contains("this values,", valuesError.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_of_the_configured_size_runs_and_a_larger_one_is_BATCH_TOO_LARGE()
    {
        using var admin = _server.Admin();
        var two = await admin.PostJsonAsync("[" + GraphQLClient.Body("{ a: __typename }") + "," + GraphQLClient.Body("{ b: __typename }") + "]");
        Assert.Equal(HttpStatusCode.OK, two.Status);
        Assert.Equal("Query", two.Json.Str("0.data.a"));
        Assert.Equal("Query", two.Json.Str("1.data.b"));

        var three = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostJsonAsync(
            "[" + string.Join(",", Enumerable.Range(0, 3).Select(i => GraphQLClient.Body($$"""mutation { recordEntities(input: { entities: [{ key: "dataset:file:batch-{{i}}@1" }] }) { entitiesCreated } }"""))) + "]",
            GraphQLResponse));
        var error = three.Error("BATCH_TOO_LARGE", HttpStatusCode.BadRequest);
        Assert.Contains("at most 2", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_at_the_limit_runs_and_one_byte_more_is_413()
    {
        using var admin = _server.Admin();
        var atLimit = Padded(LimitedServer.MaxBodyBytes);
        Assert.Equal("Query", (await admin.SendAsync(HttpMethod.Post, "/graphql", Json(atLimit))).Data().Str("__typename"));

        var over = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, "/graphql", Json(Padded(LimitedServer.MaxBodyBytes + 1)), GraphQLResponse));
        over.Error("PAYLOAD_TOO_LARGE", HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_of_unknown_length_over_the_limit_is_413_without_reading_it_all()
    {
        using var admin = _server.Admin();
        var body = Padded(LimitedServer.MaxBodyBytes * 20);
        var stream = new UnseekableStream(body);
        var content = new StreamContent(stream);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, "/graphql", content));

        response.Error("PAYLOAD_TOO_LARGE", HttpStatusCode.RequestEntityTooLarge);
        Assert.True(stream.BytesRead < body.Length, $"The server read all {body.Length} bytes of a body past its limit.");
    }

    [Fact]
    public async Task Traversal_depth_and_limit_are_capped_by_configuration()
    {
        using var reader = _server.Reader();
        var within = await reader.QueryAsync($$"""
            {
              deepest: lineage(key: "{{RawEventsNext}}", maxDepth: 3) { nodes { depth } }
              byDefault: lineage(key: "{{RawEventsNext}}") { nodes { depth } truncated }
              fullLimit: lineage(key: "{{RawEventsNext}}", maxDepth: 1, limit: 5) { nodes { depth } truncated }
            }
            """);
        Assert.Equal(3, within.At("deepest.nodes").Items().Max(n => n.Int("depth")));

        // The default depth (20) and limit (1,000) are cut to the caps, and the answer says it was cut.
        Assert.Equal(5, within.At("byDefault.nodes").Items().Count);
        Assert.True(within.Bool("byDefault.truncated"));
        Assert.False(within.Bool("fullLimit.truncated"));

        string[] overDepth =
        [
            $$"""{ lineage(key: "{{RawEventsNext}}", maxDepth: 4) { truncated } }""",
            $$"""{ lineage(key: "{{RawEventsNext}}", maxDepth: 2147483647) { truncated } }""",
            $$"""{ lineage(key: "{{RawEventsNext}}", maxDepth: -1) { truncated } }""",
            $$"""{ impact(key: "{{RawEventsNext}}", maxDepth: 4) { truncated } }""",
            $$"""{ provenance(key: "{{ModelV2}}", maxDepth: 4) { reproducible } }""",
            $$"""{ paths(from: "{{RawEventsNext}}", to: "{{ModelV2}}", maxDepth: 4) { truncated } }""",
            $$"""{ diff(a: "{{ModelV1}}", b: "{{ModelV2}}", maxDepth: 4) { truncated } }""",
        ];
        foreach (var query in overDepth)
        {
            var error = (await reader.PostAsync(query)).Error("DEPTH_LIMIT", HttpStatusCode.OK);
            Assert.StartsWith("maxDepth: must be between 1 and 3", error.Str("message"), StringComparison.Ordinal);
            Assert.Equal("maxDepth", error.Str("extensions.item"));
        }

        string[] overLimit =
        [
            $$"""{ lineage(key: "{{RawEventsNext}}", limit: 6) { truncated } }""",
            $$"""{ lineage(key: "{{RawEventsNext}}", limit: 0) { truncated } }""",
            $$"""{ entity(key: "{{RawEventsNext}}") { downstream(first: 6) { relation } } }""",
            $$"""{ entity(key: "{{RawEventsNext}}") { upstream(first: -1) { relation } } }""",
            """{ entities(first: 1001) { totalCount } }""",
            """{ entities(first: 2147483647) { nodes { key } } }""",
            $$"""{ lineage(key: "{{RawEventsNext}}", limit: 2147483647) { nodes { depth } } }""",
            $$"""{ entity(key: "{{RawEventsNext}}") { downstream(first: 2147483647) { relation } } }""",
            """{ entities(first: 0) { totalCount } }""",
            """{ entities(first: -5) { totalCount } }""",
            $$"""{ paths(from: "{{RawEventsNext}}", to: "{{ModelV2}}", k: 101) { truncated } }""",
            $$"""{ paths(from: "{{RawEventsNext}}", to: "{{ModelV2}}", k: 0) { truncated } }""",
        ];
        foreach (var query in overLimit)
        {
            var response = await reader.PostAsync(query);
            var error = response.Error("LIMIT_EXCEEDED", HttpStatusCode.OK);

            // Each refusal names the argument the query gave, not the store's name for it, as its item too.
            var argument = query.Contains("limit:", StringComparison.Ordinal) ? "limit" : query.Contains(" k:", StringComparison.Ordinal) ? "k" : "first";
            Assert.StartsWith(argument + ": must be", error.Str("message"), StringComparison.Ordinal);
            Assert.Equal(argument, error.Str("extensions.item"));
        }
    }

    [Fact]
    public async Task Nodes_takes_at_most_a_thousand_ids()
    {
        using var reader = _server.Reader();
        var id = (await reader.QueryAsync($$"""{ entity(key: "{{ModelV2}}") { id } }""")).Str("entity.id");
        var response = await reader.PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = Enumerable.Repeat(id, 1_001).ToArray() });
        response.Error("LIMIT_EXCEEDED", HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_Int_argument_past_32_bits_is_a_type_error_not_a_crash()
    {
        using var reader = _server.Reader();
        var response = await reader.PostAsync($$"""{ lineage(key: "{{RawEventsNext}}", maxDepth: 99999999999) { truncated } }""", accept: GraphQLResponse);
        response.Error("ARGUMENTS_OF_CORRECT_TYPE", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_query_that_runs_past_the_timeout_is_stopped_with_TIMEOUT_and_the_server_answers_the_next_one()
    {
        using var reader = _server.Reader();
        var store = _server.Store;
        try
        {
            // The store never answers a walk: only the request's timeout can end it.
            store.Before = (call, cancellationToken) => call == "Walk" ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask;

            var json = await reader.PostAsync($$"""{ lineage(key: "{{RawEventsNext}}") { truncated } }""");
            var error = json.Error("TIMEOUT", HttpStatusCode.OK);
            Assert.Contains("1 s", error.Str("message"), StringComparison.Ordinal);

            // Under graphql-response+json an answer without data must not be 200 (GraphQL over HTTP, 6.4.2).
            var graphQLResponse = await reader.PostAsync($$"""{ lineage(key: "{{RawEventsNext}}") { truncated } }""", accept: GraphQLResponse);
            graphQLResponse.Error("TIMEOUT");
            Assert.True((int)graphQLResponse.Status >= 400 || graphQLResponse.HasData, $"A TIMEOUT without data answered {graphQLResponse}");
        }
        finally
        {
            store.Reset();
        }

        Assert.Equal(5, (await reader.QueryAsync($$"""{ lineage(key: "{{RawEventsNext}}") { nodes { depth } } }""")).At("lineage.nodes").Items().Count);
    }

    [Fact]
    public async Task A_batch_has_one_deadline_for_all_its_operations()
    {
        using var reader = _server.Reader();
        var store = _server.Store;
        try
        {
            // Each walk takes 0.7 s, within the 1 s timeout alone; the two of one batch take 1.4 s.
            store.Before = (call, cancellationToken) => call == "Walk" ? Task.Delay(700, cancellationToken) : Task.CompletedTask;
            var query = GraphQLClient.Body($$"""{ lineage(key: "{{RawEventsNext}}") { truncated } }""");

            var response = await reader.PostJsonAsync($"[{query},{query}]");

            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.False(response.Json.At("0").TryGetProperty("errors", out _), response.ToString());
            Assert.Equal("TIMEOUT", response.Json.Str("1.errors.0.extensions.code"));
        }
        finally
        {
            store.Reset();
        }
    }

    [Fact]
    public async Task A_mutation_that_runs_past_the_timeout_is_stopped_with_TIMEOUT_and_stores_nothing()
    {
        using var admin = _server.Admin();
        using var writer = _server.Writer();
        var store = _server.Store;
        var response = await GraphSnapshot.UnchangedAsync(admin, async () =>
        {
            try
            {
                store.Before = (call, cancellationToken) => call == "Write" ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask;
                return await writer.PostAsync("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:slow@1" }] }) { entitiesCreated errors { code } } }""");
            }
            finally
            {
                store.Reset();
            }
        });
        var error = response.Error("TIMEOUT");
        Assert.Contains("none of its writes had been confirmed saved", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mutation_stopped_after_some_of_its_writes_says_which_were_saved()
    {
        using var reader = _server.Reader();
        using var writer = _server.Writer();
        var store = _server.Store;
        var writes = 0;
        GraphQLResponse response;
        try
        {
            // The first field's write goes through; the second's never returns.
            store.Before = (call, cancellationToken) =>
                call == "Write" && Interlocked.Increment(ref writes) > 1 ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask;
            response = await writer.PostAsync("""
                mutation {
                  first: recordEntities(input: { entities: [{ key: "dataset:file:saved@1" }] }) { entitiesCreated }
                  second: recordEntities(input: { entities: [{ key: "dataset:file:stopped@1" }] }) { entitiesCreated }
                }
                """);
        }
        finally
        {
            store.Reset();
        }

        var error = response.Error("TIMEOUT");
        Assert.Contains("the writes of first had been saved", error.Str("message"), StringComparison.Ordinal);
        var data = await reader.QueryAsync("""{ saved: entity(key: "dataset:file:saved@1") { key } stopped: entity(key: "dataset:file:stopped@1") { key } }""");
        Assert.Equal("dataset:file:saved@1", data.Str("saved.key"));
        Assert.True(data.IsNull("stopped"));
    }

    private static string Padded(int length)
    {
        var head = """{"query":"{ __typename }","extensions":{"pad":" """;
        const string Tail = "\"}}";
        return head + new string('x', length - head.Length - Tail.Length) + Tail;
    }

    [Fact]
    public async Task A_marquez_answer_that_meets_a_run_with_more_neighbours_than_a_walk_returns_is_refused_naming_the_setting()
    {
        // One run reads six datasets; the cap here is five nodes a walk.
        using var admin = _server.Admin();
        var inputs = string.Join(",", Enumerable.Range(1, 6).Select(i => $$"""{ "namespace": "s3://wide", "name": "in{{i}}" }"""));
        var posted = await admin.SendAsync(HttpMethod.Post, "/api/v1/lineage", Json($$"""
            { "eventType": "COMPLETE", "eventTime": "2026-06-01T00:00:00Z", "run": { "runId": "2b000000-0000-4000-8000-000000000001" },
              "job": { "namespace": "wide", "name": "reader" }, "inputs": [ {{inputs}} ] }
            """));
        Assert.Equal(HttpStatusCode.Created, posted.Status);

        var response = await admin.SendAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=" + Uri.EscapeDataString("dataset:s3://wide:in1") + "&depth=0", null);

        Assert.Equal((HttpStatusCode.BadRequest, "LIMIT_EXCEEDED"), (response.Status, response.Json.Str("code")));
        Assert.Contains("has more than 5 neighbours", response.Json.Str("message"), StringComparison.Ordinal);
        Assert.Contains("Lineage:Traversal:LimitCap", response.Json.Str("message"), StringComparison.Ordinal);
    }

    private static ByteArrayContent Json(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A body whose length the client cannot know in advance, so it goes without Content-Length; counts what the server read.</summary>
    private sealed class UnseekableStream(string text) : Stream
    {
        private readonly MemoryStream _inner = new(Encoding.UTF8.GetBytes(text));
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = _inner.Read(buffer, offset, Math.Min(count, 4096));
            Interlocked.Add(ref _read, read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>The demo graph behind small limits: depth 6, complexity 10,000, batches of 2, 64 KiB bodies, 1 s, walks of 3 hops and 5 nodes, 15 walked nodes and 16 MiB of properties per request.</summary>
public sealed class LimitedServer() : ServerFixture(new Dictionary<string, string?>
{
    ["Lineage:GraphQL:MaxDocumentDepth"] = "6",
    ["Lineage:GraphQL:MaxComplexity"] = "10000",
    ["Lineage:GraphQL:MaxBatchSize"] = "2",
    ["Lineage:GraphQL:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Lineage:GraphQL:TimeoutSeconds"] = "1",
    ["Lineage:Traversal:MaxDepthCap"] = "3",
    ["Lineage:Traversal:LimitCap"] = "5",
    ["Lineage:GraphQL:MaxWalkNodes"] = "15",
    ["Lineage:GraphQL:MaxAnswerJsonBytes"] = (16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
}), IAsyncLifetime
{
    public const int MaxBodyBytes = 64 * 1024;

    public Task InitializeAsync() => DemoGraph.WriteAsync(Store);

    public Task DisposeAsync() => Task.CompletedTask;
}
