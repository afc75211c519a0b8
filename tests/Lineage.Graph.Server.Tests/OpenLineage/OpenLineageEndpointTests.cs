using System.Net;
using System.Text;
using System.Text.Json;
using static Lineage.Graph.Server.Tests.OpenLineage.OpenLineageEvents;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary>
/// <c>POST /api/v1/lineage</c> and <c>/batch</c> as the OpenLineage HTTP transport uses them:
/// statuses, gzip, keys, and every refusal with its code, the field it names and the graph left as it was.
/// </summary>
public sealed class OpenLineageEndpointTests(OpenLineageServer server) : IClassFixture<OpenLineageServer>
{
    private const string Endpoint = "/api/v1/lineage";
    private const string BatchEndpoint = "/api/v1/lineage/batch";

    [Fact]
    public async Task A_run_event_is_stored_with_201_and_counts_what_it_wrote()
    {
        using var writer = server.Writer();
        var runId = Guid.NewGuid().ToString();

        var response = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(Run(runId: runId, output: "proj.sales.first")));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        // The job and the input may be stored already by other tests of this class; the run and its output are new.
        Assert.Equal(4, response.Json.Int("entitiesCreated") + response.Json.Int("entitiesUnchanged"));
        Assert.Equal(3, response.Json.Int("edgesCreated"));
        var run = await writer.QueryAsync($$"""{ entity(key: "run:airflow://prod:orders_dag.load@{{runId}}") { ... on Run { status startedAt job { key } } } }""");
        Assert.Equal("START", run.Str("entity.status"));
        Assert.Equal("job:airflow://prod:orders_dag.load", run.Str("entity.job.key"));

        var replay = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(Run(runId: runId, output: "proj.sales.first")));
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal((0, 0, 4, 0, 3), (replay.Json.Int("entitiesCreated"), replay.Json.Int("entitiesUpdated"), replay.Json.Int("entitiesUnchanged"), replay.Json.Int("edgesCreated"), replay.Json.Int("edgesUnchanged")));
    }

    [Fact]
    public async Task A_facet_nested_past_what_a_property_holds_is_kept_as_its_text_and_the_event_stored()
    {
        // Spark's logicalPlan facet: the plan tree, two levels a node; 60 nodes is 120 levels, past the 64 JSON readers allow by default.
        using var writer = server.Writer();
        var runId = Guid.NewGuid().ToString();
        var plan = string.Concat(Enumerable.Repeat("""{"class":"Project","children":[""", 60)) + """{"class":"LogicalRelation"}""" + string.Concat(Enumerable.Repeat("]}", 60));
        var runEvent = $$"""
            { "eventType": "START", "eventTime": "2026-06-01T02:00:00Z", "run": { "runId": "{{runId}}", "facets": { "spark.logicalPlan": { "plan": [{{plan}}] } } },
              "job": { "namespace": "spark://prod", "name": "deep.plan" }, "outputs": [ { "namespace": "s3://deep", "name": "out" } ] }
            """;

        var response = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(runEvent));
        var replay = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(runEvent));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal((0, 0), (replay.Json.Int("entitiesCreated") + replay.Json.Int("entitiesUpdated"), replay.Json.Int("edgesCreated")));
        var run = await writer.QueryAsync($$"""{ entity(key: "run:spark://prod:deep.plan@{{runId}}") { properties } }""");
        var text = run.At("entity.properties").GetProperty("facets.spark.logicalPlan").GetString()!;
        Assert.StartsWith("""{"plan":[{"children":[{"children":""", text, StringComparison.Ordinal);

        // The whole tree is in the text: 60 Project nodes down to the relation.
        var node = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 200 }).RootElement.GetProperty("plan")[0];
        for (var level = 0; level < 60; level++)
        {
            Assert.Equal("Project", node.Str("class"));
            node = node.GetProperty("children")[0];
        }

        Assert.Equal("LogicalRelation", node.Str("class"));
    }

    [Fact]
    public async Task A_start_that_arrives_after_complete_leaves_the_run_complete()
    {
        using var writer = server.Writer();
        var runId = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.Created, (await writer.SendAsync(HttpMethod.Post, Endpoint, Json(Run("COMPLETE", runId)))).Status);
        Assert.Equal(HttpStatusCode.Created, (await writer.SendAsync(HttpMethod.Post, Endpoint, Json(Run("START", runId)))).Status);

        var run = await writer.QueryAsync($$"""{ entity(key: "run:airflow://prod:orders_dag.load@{{runId}}") { ... on Run { status startedAt endedAt } } }""");
        Assert.Equal("COMPLETE", run.Str("entity.status"));
        Assert.False(run.IsNull("entity.startedAt"));
        Assert.False(run.IsNull("entity.endedAt"));
    }

    [Fact]
    public async Task A_facet_marked_deleted_removes_the_stored_facet_and_a_late_replay_does_not_bring_it_back()
    {
        using var writer = server.Writer();
        static string JobEvent(string time, string sql) => $$"""
            { "eventTime": "{{time}}", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
              "job": { "namespace": "dbt://warehouse", "name": "marts.orders", "facets": { {{sql}}, "ownership": { "owners": [ { "name": "team:analytics" } ] } } } }
            """;
        var set = JobEvent("2026-06-01T02:00:00Z", "\"sql\": { \"query\": \"select * from stg_orders\" }");
        var deleted = JobEvent("2026-06-01T03:00:00Z", "\"sql\": { \"_deleted\": true }");

        Assert.Equal(HttpStatusCode.Created, (await writer.SendAsync(HttpMethod.Post, Endpoint, Json(set))).Status);
        var removal = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(deleted));
        var lateReplay = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(set));

        Assert.Equal(HttpStatusCode.Created, removal.Status);
        Assert.Equal(1, removal.Json.Int("entitiesUpdated"));
        Assert.Equal(0, lateReplay.Json.Int("entitiesUpdated"));
        var job = (await writer.QueryAsync("""{ entity(key: "job:dbt://warehouse:marts.orders") { properties } }""")).At("entity.properties");
        Assert.False(job.TryGetProperty("facets.sql", out _));
        Assert.True(job.TryGetProperty("facets.ownership", out _));
        Assert.Equal("2026-06-01T03:00:00Z", job.GetProperty("propertyObservedAt").GetProperty("facets.sql").GetString());
    }

    [Fact]
    public async Task Sloppy_producers_are_accepted()
    {
        using var writer = server.Writer();

        // No producer, no schemaURL, no eventType, an eventTime without a zone, facets without _producer/_schemaURL, no Content-Type.
        var content = new StringContent("""
            { "eventTime": "2026-06-01T02:00:00",
              "run": { "runId": "5d7c2b9e-1f3a-4c6d-8e9f-0a1b2c3d4e5f", "facets": { "nominalTime": { "nominalStartTime": "2026-06-01T02:00:00Z" } } },
              "job": { "namespace": "cron://etl-host", "name": "nightly_export", "facets": { "jobType": { "processingType": "BATCH", "integration": "CRON" } } } }
            """, Encoding.UTF8);
        content.Headers.ContentType = null;

        var response = await writer.SendAsync(HttpMethod.Post, Endpoint, content);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var run = await writer.QueryAsync("""{ entity(key: "run:cron://etl-host:nightly_export@5d7c2b9e-1f3a-4c6d-8e9f-0a1b2c3d4e5f") { properties } }""");
        Assert.Equal("2026-06-01T02:00:00Z", run.At("entity.properties").GetProperty("facets.nominalTime").GetProperty("nominalStartTime").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_gzip_body_is_read_whether_or_not_it_is_announced(bool announce)
    {
        using var writer = server.Writer();
        var runId = Guid.NewGuid().ToString();

        var response = await writer.SendAsync(HttpMethod.Post, Endpoint, Gzip(Run(runId: runId, output: "proj.sales.gzipped"), announce));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("START", (await writer.QueryAsync($$"""{ entity(key: "run:airflow://prod:orders_dag.load@{{runId}}") { ... on Run { status } } }""")).Str("entity.status"));
    }

    [Fact]
    public async Task A_run_id_that_is_not_a_UUID_names_the_run_by_the_UUID_Marquez_derives_from_it()
    {
        using var writer = server.Writer();
        const string Body = """
            { "eventType": "START", "eventTime": "2024-11-20T00:05:00Z", "run": { "runId": "manual__2024-11-20T00:00:00+00:00",
              "facets": { "parent": { "run": { "runId": "scheduled__2024-11-20T00:00:00+00:00" }, "job": { "namespace": "airflow://prod", "name": "orders_dag" } } } },
              "job": { "namespace": "airflow://prod", "name": "orders_dag.load" }, "outputs": [ { "namespace": "s3://lake", "name": "orders" } ] }
            """;

        var response = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(Body));

        Assert.Equal(HttpStatusCode.Created, response.Status);

        // Java's UUID.nameUUIDFromBytes of each text, as Marquez names these runs (computed apart, with Python's MD5).
        var data = await writer.QueryAsync("""
            { run: entity(key: "run:airflow://prod:orders_dag.load@063291c1-2109-312c-8ed8-0c2016166fab") {
                properties downstream { entity { key } } ... on Run { parent { key properties } } } }
            """);
        Assert.Equal(["dataset:s3://lake:orders"], data.At("run.downstream").Strings("entity.key"));
        Assert.Equal("manual__2024-11-20T00:00:00+00:00", data.Str("run.properties.openLineageRunId"));
        Assert.Equal("run:airflow://prod:orders_dag@26a05885-85ae-391b-9669-c16398b48b66", data.Str("run.parent.key"));
        Assert.Equal("{}", data.At("run.parent.properties").GetRawText());
    }

    // Hostile strings too: a name past the 1,024-character bound of a key part, a control character.
    public static TheoryData<string, string, string?> BadEvents => new()
    {
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "airflow://prod" } }""", "INVALID_INPUT", "job.name" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "name": "orders_dag.load" } }""", "INVALID_INPUT", "job.namespace" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "", "name": "x" } }""", "INVALID_INPUT", "job.namespace" },
        { """{ "eventType": "START", "run": { "runId": 42 }, "job": { "namespace": "airflow://prod", "name": "orders_dag.load" } }""", "INVALID_INPUT", "run.runId" },
        { """{ "eventType": "START", "run": { "runId": "" }, "job": { "namespace": "airflow://prod", "name": "orders_dag.load" } }""", "INVALID_INPUT", "run.runId" },
        { """{ "eventType": "START", "run": { "runId": "   " }, "job": { "namespace": "airflow://prod", "name": "orders_dag.load" } }""", "INVALID_INPUT", "run.runId" },
        { """{ "eventType": "START", "run": { "runId": "a\nb" }, "job": { "namespace": "airflow://prod", "name": "orders_dag.load" } }""", "INVALID_INPUT", "run.runId" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f", "facets": { "parent": { "run": { "runId": "\u0000" }, "job": { "namespace": "a", "name": "p" } } } }, "job": { "namespace": "a", "name": "b" } }""", "INVALID_INPUT", "run.facets.parent.run.runId" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f", "facets": { "parent": { "run": [], "job": { "namespace": "a", "name": "p" } } } }, "job": { "namespace": "a", "name": "b" } }""", "INVALID_INPUT", "run.facets.parent.run" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f", "facets": { "parent": { "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8e" }, "job": "p" } } }, "job": { "namespace": "a", "name": "b" } }""", "INVALID_INPUT", "run.facets.parent.job" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b" }, "inputs": [ { "namespace": "s3://x" } ] }""", "INVALID_INPUT", "inputs[0].name" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b" }, "outputs": [ { "namespace": "s3://x", "name": "ok" }, { "name": "no-namespace" } ] }""", "INVALID_INPUT", "outputs[1].namespace" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b" """, "INVALID_REQUEST", null },
        { """{ "eventType": "START", "eventTime": "06/01/2026", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b" } }""", "INVALID_INPUT", "eventTime" },
        { """{ "eventType": "START", "eventTime": "Monday, June 1, 2026", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b" } }""", "INVALID_INPUT", "eventTime" },
        // A later eventTime wins every merge: one in 9999 would have left the dataset deaf to every true event after it.
        { """{ "eventType": "COMPLETE", "eventTime": "9999-12-31T23:59:59Z", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b" }, "outputs": [ { "namespace": "s3://x", "name": "y", "facets": { "documentation": { "description": "poison" } } } ] }""", "INVALID_INPUT", "run" },
        { "not json at all", "INVALID_REQUEST", null },
        { "", "INVALID_REQUEST", null },
        { "[1, 2]", "INVALID_INPUT", "event" },
        { $$"""{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "{{new string('x', 2000)}}" } }""", "INVALID_KEY", "job" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b" }, "inputs": [ { "namespace": "s3://x", "name": "bell\u0007" } ] }""", "INVALID_KEY", "inputs[0]" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "   ", "name": "  " } }""", "INVALID_INPUT", "job.namespace" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b" }, "outputs": [ { "namespace": "s3://x", "name": "\u3000" } ] }""", "INVALID_INPUT", "outputs[0].name" },

        // Text that cannot be stored as sent: an unpaired surrogate in a name, in a facet's value, in a facet's name.
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b\ud800c" } }""", "INVALID_INPUT", "job.name" },
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b", "facets": { "custom": { "v": ["ok", "\udc00"] } } } }""", "INVALID_INPUT", "job.facets.custom.v[1]" },
        // A member name that is not text is named like a value that is not (on /graphql it is refused as the body is read).
        { """{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f", "facets": { "x\ud800": { "v": 1 } } }, "job": { "namespace": "a", "name": "b" } }""", "INVALID_INPUT", "run.facets.(member 0)" },
    };

    [Fact]
    public async Task Invalid_utf8_inside_a_string_is_400_naming_the_field_and_stores_nothing()
    {
        using var admin = server.Admin();
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes("""{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "a", "name": "b"""),
            0xFF, 0xFE,
            .. Encoding.UTF8.GetBytes("\" } }"),
        ];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, content));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(("INVALID_INPUT", "job.name"), (response.Json.Str("code"), response.Json.Str("field")));
    }

    [Fact]
    public async Task An_event_nested_past_what_the_endpoint_reads_is_refused_and_stores_nothing()
    {
        using var admin = server.Admin();
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 520)) + "1" + new string('}', 520);
        var body = $$"""{ "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "deep", "name": "j", "facets": { "deep": {{deep}} } } }""";

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, Json(body)));

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_REQUEST"), (response.Status, response.Json.Str("code")));
        Assert.Contains("512", response.Json.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facet_whose_name_no_property_may_have_is_refused_naming_the_facet()
    {
        using var admin = server.Admin();
        var body = """
            { "eventType": "START", "run": { "runId": "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f" }, "job": { "namespace": "facet-name", "name": "j" },
              "outputs": [ { "namespace": "facet-name", "name": "o", "facets": { "spark\u0001plan": { "a": 1 } } } ] }
            """;

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, Json(body)));

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_INPUT", "outputs[0]"), (response.Status, response.Json.Str("code"), response.Json.Str("field")));
        Assert.Contains("'facets.spark\\u0001plan'", response.Json.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_nested_as_deep_as_one_may_be_goes_in_alone_and_in_a_batch()
    {
        using var writer = server.Writer();

        // The event is level 1, its job 2, the job's facets 3: 509 objects below them reach the 512 levels an event may have.
        static string Nested(string job, int objects) =>
            $$"""{ "eventType": "START", "run": { "runId": "{{Guid.NewGuid()}}" }, "job": { "namespace": "deep", "name": "{{job}}", "facets": { "deep": {{string.Concat(Enumerable.Repeat("{\"a\":", objects))}}1{{new string('}', objects)}} } } }""";
        var small = $$"""{ "eventType": "START", "run": { "runId": "{{Guid.NewGuid()}}" }, "job": { "namespace": "deep", "name": "beside" } }""";

        var alone = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(Nested("alone", 509)));
        var tooDeep = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(Nested("too-deep", 510)));
        var batch = await writer.SendAsync(HttpMethod.Post, BatchEndpoint, Json($"[{Nested("in-batch", 509)}, {small}]"));
        var tooDeepBatch = await writer.SendAsync(HttpMethod.Post, BatchEndpoint, Json($"[{Nested("too-deep-batch", 510)}, {small}]"));

        Assert.Equal(HttpStatusCode.Created, alone.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_REQUEST"), (tooDeep.Status, tooDeep.Json.Str("code")));
        Assert.True(batch.Status == HttpStatusCode.OK, batch.ToString());
        Assert.Equal(2, batch.Json.Int("stored"));
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_REQUEST"), (tooDeepBatch.Status, tooDeepBatch.Json.Str("code")));
        Assert.StartsWith("The batch is not valid JSON", tooDeepBatch.Json.Str("message"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task A_bad_event_is_400_naming_the_field_and_stores_nothing(string body, string code, string? field)
    {
        using var admin = server.Admin();

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, Json(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.Json.Str("code"));
        Assert.Equal(field, response.Json.Str("field"));
        if (field is not null)
        {
            Assert.Contains(field, response.Json.Str("message"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hostile_but_valid_names_are_stored_as_sent_and_found_again()
    {
        using var writer = server.Writer();
        const string Job = "etl'; DROP TABLE entities;--";
        const string Dataset = "ünï cødé/@:\"quoted\" 🚀";

        var response = await writer.SendAsync(HttpMethod.Post, Endpoint, Json($$"""
            { "eventType": "COMPLETE", "run": { "runId": "{{Guid.NewGuid()}}" }, "job": { "namespace": "hostile://ns:1", "name": {{JsonSerializer.Serialize(Job)}} },
              "outputs": [ { "namespace": "s3://hostile", "name": {{JsonSerializer.Serialize(Dataset)}} } ] }
            """));

        Assert.True(response.Status == HttpStatusCode.Created, response.ToString());
        var lineage = await writer.SendAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=" + Uri.EscapeDataString("job:hostile://ns:1:" + Job) + "&depth=0", null);
        Assert.Equal(HttpStatusCode.OK, lineage.Status);
        Assert.Equal(["dataset:s3://hostile:" + Dataset, "job:hostile://ns:1:" + Job], lineage.Json.At("graph").Strings("id"));
    }

    [Fact]
    public async Task A_Marquez_answer_past_its_byte_bound_is_refused_whole_and_a_smaller_one_answers()
    {
        using var writer = server.Writer();

        // Each wide table's schema is about 36 KB: one fits the 64 KiB bound, two do not.
        static string Wide(string job, string input, string output) => $$"""
            { "eventType": "COMPLETE", "eventTime": "2026-06-01T02:00:00Z", "run": { "runId": "{{Guid.NewGuid()}}" }, "job": { "namespace": "wide", "name": "{{job}}" },
              "inputs": [{{input}}],
              "outputs": [ { "namespace": "wide", "name": "{{output}}", "facets": { "schema": { "fields": [
                {{string.Join(", ", Enumerable.Range(0, 600).Select(i => $$"""{ "name": "column_{{i:D4}}", "type": "STRING", "description": "{{new string('d', 30)}}" }"""))}} ] } } } ] }
            """;
        Assert.Equal(HttpStatusCode.Created, (await writer.SendAsync(HttpMethod.Post, Endpoint, Json(Wide("w1", "", "x")))).Status);
        Assert.Equal(HttpStatusCode.Created, (await writer.SendAsync(HttpMethod.Post, Endpoint, Json(Wide("w2", """{ "namespace": "wide", "name": "x" }""", "y")))).Status);

        var one = await writer.SendAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=job:wide:w1&depth=0", null);
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal("application/json; charset=utf-8", one.ContentHeaders.ContentType?.ToString());
        Assert.Equal(600, one.Json.At("graph").Items().Single(n => n.Str("id") == "dataset:wide:x").At("data.fields").Items().Count);

        var two = await writer.SendAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=job:wide:w2&depth=0", null);
        Assert.Equal((HttpStatusCode.BadRequest, "LIMIT_EXCEEDED", "depth"), (two.Status, two.Json.Str("code"), two.Json.Str("field")));
        Assert.Contains("Lineage:OpenLineage:MaxLineageAnswerBytes", two.Json.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_that_fails_part_way_stores_none_of_it()
    {
        using var admin = server.Admin();

        // The job and the first input are fine; the second input's name is missing, so the whole event is refused.
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, Json("""
            { "eventType": "COMPLETE", "run": { "runId": "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e" }, "job": { "namespace": "partial", "name": "job" },
              "inputs": [ { "namespace": "s3://partial", "name": "first" }, { "namespace": "s3://partial", "name": "" } ] }
            """)));

        Assert.Equal("inputs[1].name", response.Json.Str("field"));
        Assert.True((await admin.QueryAsync("""{ entity(key: "job:partial:job") { key } }""")).IsNull("entity"));
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_with_413_after_reading_no_more_than_the_limit()
    {
        using var admin = server.Admin();

        // 40 MiB of spaces inside a JSON string compress to about 40 KiB, under the 64 KiB limit on what is sent.
        var expanded = Encoding.UTF8.GetBytes("{\"eventType\":\"START\",\"producer\":\"" + new string(' ', 40 * 1024 * 1024) + "\"}");
        var bomb = Gzip(expanded, announce: false);
        Assert.True(bomb.Headers.ContentLength < OpenLineageServer.MaxBodyBytes, $"The bomb is {bomb.Headers.ContentLength} bytes compressed.");

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, bomb));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", response.Json.Str("code"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_a_corrupt_gzip_400()
    {
        using var admin = server.Admin();

        var big = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, Json(new string(' ', OpenLineageServer.MaxBodyBytes + 1))));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.Status);

        var corrupt = new ByteArrayContent([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00]);
        corrupt.Headers.ContentType = new("application/json");
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, corrupt));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_REQUEST", response.Json.Str("code"));
        Assert.Contains("gzip", response.Json.Str("message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Endpoint)]
    [InlineData(BatchEndpoint)]
    public async Task A_member_name_given_twice_with_different_values_is_400_not_the_last_one_silently(string endpoint)
    {
        using var admin = server.Admin();

        // Which of two job names, or two event types, counts is not for the server to guess.
        var run = Run("COMPLETE", Guid.NewGuid().ToString(), "proj.sales.twice").Replace("\"eventType\"", "\"eventType\": \"START\", \"eventType\"", StringComparison.Ordinal);
        var body = endpoint == BatchEndpoint ? $"[{run}]" : run;
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, endpoint, Json(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = endpoint == BatchEndpoint ? response.Json.At("failures.0") : response.Json;
        Assert.Equal("INVALID_INPUT", error.Str("code"));
        Assert.Equal("eventType", error.Str("field"));
        Assert.Contains("given twice with different values", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facet_repeated_with_its_value_as_spark_1_53_sends_it_is_stored_once_and_a_bad_event_fails_alone()
    {
        using var writer = server.Writer();
        var runId = Guid.NewGuid().ToString();
        const string Engine = """{ "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.53.0/integration/spark", "version": "4.2.0", "name": "spark", "openlineageAdapterVersion": "1.53.0" }""";
        var spark = $$"""
            { "eventType": "START", "eventTime": "2026-09-12T10:22:39.614Z", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
              "run": { "runId": "{{runId}}", "facets": { "processing_engine": {{Engine}}, "processing_engine": {{Engine}} } },
              "job": { "namespace": "default", "name": "spark_shell.insert_into_test2" },
              "inputs": [ { "namespace": "file", "name": "/home/user/test" } ], "outputs": [ { "namespace": "file", "name": "/home/user/test2" } ] }
            """;
        var twiceDifferent = Run("COMPLETE", Guid.NewGuid().ToString(), "proj.sales.other").Replace("\"eventType\"", "\"eventType\": \"START\", \"eventType\"", StringComparison.Ordinal);

        var single = await writer.SendAsync(HttpMethod.Post, Endpoint, Json(spark));
        var batch = await writer.SendAsync(HttpMethod.Post, BatchEndpoint, Json($"[{twiceDifferent}, {spark.Replace(runId, Guid.NewGuid().ToString(), StringComparison.Ordinal)}]"));

        Assert.Equal(HttpStatusCode.Created, single.Status);
        var run = await writer.QueryAsync($$"""{ entity(key: "run:default:spark_shell.insert_into_test2@{{runId}}") { properties } }""");
        Assert.Equal("spark", run.At("entity.properties").GetProperty("facets.processing_engine").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.MultiStatus, batch.Status);
        Assert.Equal((1, 1), (batch.Json.Int("stored"), batch.Json.Int("failed")));
        Assert.Equal(0, batch.Json.Int("failures.0.index"));
    }

    [Fact]
    public async Task A_gzip_body_cut_off_in_its_trailer_is_400_though_its_data_is_whole()
    {
        using var admin = server.Admin();
        var whole = await Gzip(Run(runId: Guid.NewGuid().ToString(), output: "proj.sales.cut"), announce: true).ReadAsByteArrayAsync();
        var cut = new ByteArrayContent(whole[..^4]);
        cut.Headers.ContentType = new("application/json");
        cut.Headers.ContentEncoding.Add("gzip");

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, cut));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_REQUEST", response.Json.Str("code"));
        Assert.Contains("cut off", response.Json.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_gzip_body_is_refused_as_an_empty_body()
    {
        using var admin = server.Admin();

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, Gzip([], announce: true)));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_REQUEST", response.Json.Str("code"));
        Assert.Contains("not valid JSON", response.Json.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_media_types_and_encodings_are_415()
    {
        using var admin = server.Admin();

        var text = new StringContent(Run(), Encoding.UTF8, "text/plain");
        var asText = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, text));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asText.Status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", asText.Json.Str("code"));

        // Latin-1 bytes declared as such: refused for the charset, not read as broken UTF-8.
        var latin1 = new ByteArrayContent(Encoding.Latin1.GetBytes(Run(output: "proj.sales.café")));
        latin1.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=iso-8859-1");
        var asLatin1 = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, latin1));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asLatin1.Status);
        Assert.Contains("iso-8859-1", asLatin1.Json.Str("message"), StringComparison.Ordinal);

        var brotli = Json(Run());
        brotli.Headers.ContentEncoding.Add("br");
        var asBrotli = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, Endpoint, brotli));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asBrotli.Status);
        Assert.Contains("'br'", asBrotli.Json.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_needs_a_writer_key()
    {
        using var admin = server.Admin();
        using var anonymous = server.Client();
        using var unknown = server.Client("not-a-key");
        using var reader = server.Reader();

        var noKey = await GraphSnapshot.UnchangedAsync(admin, () => anonymous.SendAsync(HttpMethod.Post, Endpoint, Json(Run())));
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (noKey.Status, noKey.Json.Str("code")));
        Assert.Equal("Bearer", noKey.Headers.WwwAuthenticate.ToString());

        var badKey = await GraphSnapshot.UnchangedAsync(admin, () => unknown.SendAsync(HttpMethod.Post, Endpoint, Json(Run())));
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (badKey.Status, badKey.Json.Str("code")));

        var readOnly = await GraphSnapshot.UnchangedAsync(admin, () => reader.SendAsync(HttpMethod.Post, BatchEndpoint, Json("[" + Run() + "]")));
        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (readOnly.Status, readOnly.Json.Str("code")));
    }

    [Fact]
    public async Task A_batch_stores_the_good_events_and_reports_each_bad_one_by_index()
    {
        using var writer = server.Writer();
        var (first, second) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var body = $$"""[ {{Run("START", first, "proj.sales.batch_a")}}, { "run": { "runId": 7 }, "job": { "namespace": "a", "name": "b" } }, {{Run("COMPLETE", second, "proj.sales.batch_b")}}, { "job": { "namespace": "a" } } ]""";

        var response = await writer.SendAsync(HttpMethod.Post, BatchEndpoint, Gzip(body, announce: true));

        Assert.Equal(HttpStatusCode.MultiStatus, response.Status);
        Assert.Equal((4, 2, 2), (response.Json.Int("received"), response.Json.Int("stored"), response.Json.Int("failed")));
        var failures = response.Json.At("failures").Items();
        Assert.Equal([1, 3], failures.Select(f => f.Int("index")));
        Assert.Equal(["run.runId", "job.name"], failures.Select(f => f.Str("field")));
        Assert.All(failures, f => Assert.Equal("INVALID_INPUT", f.Str("code")));
        foreach (var (runId, status) in new[] { (first, "START"), (second, "COMPLETE") })
        {
            Assert.Equal(status, (await writer.QueryAsync($$"""{ entity(key: "run:airflow://prod:orders_dag.load@{{runId}}") { ... on Run { status } } }""")).Str("entity.status"));
        }
    }

    [Fact]
    public async Task A_batch_finds_the_event_the_store_refuses_and_stores_the_others()
    {
        using var admin = server.Admin();
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(HttpMethod.Post, Endpoint, Json(Run(runId: Guid.NewGuid().ToString(), output: "proj.sales.retired")))).Status);
        await admin.QueryAsync("""mutation { retire(input: { keys: ["dataset:bigquery:proj.sales.retired"] }) { entitiesRetired } }""");
        var (good, bad) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        var response = await admin.SendAsync(HttpMethod.Post, BatchEndpoint, Json($"[{Run("COMPLETE", good, "proj.sales.kept")}, {Run("COMPLETE", bad, "proj.sales.retired")}]"));

        Assert.Equal(HttpStatusCode.MultiStatus, response.Status);
        var failure = Assert.Single(response.Json.At("failures").Items());
        Assert.Equal((1, "ENTITY_RETIRED"), (failure.Int("index"), failure.Str("code")));

        // The store refused an item of the batch the event became; the failure names the event's member.
        Assert.Equal("outputs[0]", failure.Str("field"));
        Assert.StartsWith("outputs[0]: ", failure.Str("message"), StringComparison.Ordinal);
        var single = await admin.SendAsync(HttpMethod.Post, Endpoint, Json(Run("COMPLETE", Guid.NewGuid().ToString(), "proj.sales.retired")));
        Assert.Equal((HttpStatusCode.Conflict, "ENTITY_RETIRED", "outputs[0]"), (single.Status, single.Json.Str("code"), single.Json.Str("field")));
        Assert.False((await admin.QueryAsync($$"""{ entity(key: "run:airflow://prod:orders_dag.load@{{good}}") { key } }""")).IsNull("entity"));
        Assert.True((await admin.QueryAsync($$"""{ entity(key: "run:airflow://prod:orders_dag.load@{{bad}}") { key } }""")).IsNull("entity"));
    }

    [Fact]
    public async Task A_batch_that_is_all_bad_too_big_or_no_array_is_400_and_stores_nothing()
    {
        using var admin = server.Admin();

        var allBad = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, BatchEndpoint, Json("""[ { "job": { "name": "x" } } ]""")));
        Assert.Equal((HttpStatusCode.BadRequest, 1), (allBad.Status, allBad.Json.Int("failed")));

        var tooMany = string.Join(",", Enumerable.Range(0, OpenLineageServer.MaxBatchEvents + 1).Select(_ => Run(runId: Guid.NewGuid().ToString())));
        var tooBig = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, BatchEndpoint, Json($"[{tooMany}]")));
        Assert.Equal((HttpStatusCode.BadRequest, "BATCH_TOO_LARGE"), (tooBig.Status, tooBig.Json.Str("code")));

        var single = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, BatchEndpoint, Json(Run())));
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_INPUT"), (single.Status, single.Json.Str("code")));

        // An empty array (a client flushing an empty buffer) is a batch of which every event was stored: retrying it would gain nothing.
        var empty = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, BatchEndpoint, Json("[]")));
        Assert.Equal((HttpStatusCode.OK, 0, 0, 0), (empty.Status, empty.Json.Int("received"), empty.Json.Int("stored"), empty.Json.Int("failed")));
    }

    [Fact]
    public async Task A_batch_gives_the_graph_that_single_events_give()
    {
        using var writer = server.Writer();
        var runId = Guid.NewGuid().ToString();
        var events = new[] { Run("START", runId, "proj.sales.same"), Run("RUNNING", runId, "proj.sales.same"), Run("COMPLETE", runId, "proj.sales.same") };

        var batch = await writer.SendAsync(HttpMethod.Post, BatchEndpoint, Json("[" + string.Join(",", events.Reverse()) + "]"));
        Assert.Equal(HttpStatusCode.OK, batch.Status);
        const string Query = """{ lineage(key: "dataset:bigquery:proj.sales.same", direction: UPSTREAM, relations: [PRODUCED, INPUT_TO, INSTANCE_OF]) { edges { fromKey toKey relation } } }""";
        var fromBatch = (await writer.QueryAsync(Query)).GetRawText();
        var run = $$"""{ entity(key: "run:airflow://prod:orders_dag.load@{{runId}}") { ... on Run { status startedAt endedAt } } }""";
        var runFromBatch = (await writer.QueryAsync(run)).GetRawText();

        foreach (var one in events)
        {
            Assert.Equal(HttpStatusCode.Created, (await writer.SendAsync(HttpMethod.Post, Endpoint, Json(one))).Status);
        }

        Assert.Equal(fromBatch, (await writer.QueryAsync(Query)).GetRawText());
        Assert.Equal(runFromBatch, (await writer.QueryAsync(run)).GetRawText());
        Assert.Contains("COMPLETE", runFromBatch, StringComparison.Ordinal);
    }
}

/// <summary>A server with small OpenLineage bounds: 64 KiB bodies, batches of 5 events, Marquez answers of 6 nodes and 64 KiB.</summary>
public sealed class OpenLineageServer() : ServerFixture(new Dictionary<string, string?>
{
    ["Lineage:OpenLineage:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Lineage:OpenLineage:MaxBatchEvents"] = MaxBatchEvents.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Lineage:OpenLineage:MaxLineageNodes"] = "6",
    ["Lineage:OpenLineage:MaxLineageAnswerBytes"] = "65536",
})
{
    public const int MaxBodyBytes = 64 * 1024;

    public const int MaxBatchEvents = 5;
}
