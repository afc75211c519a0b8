using System.Net;
using System.Text.Json;
using static Lineage.Graph.Server.Tests.OpenLineage.OpenLineageEvents;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary>
/// <c>GET /api/v1/lineage</c> over a small pipeline written as OpenLineage events: jobs A, B and C
/// in a chain through BigQuery, S a sibling of A reading the same GCS events, and one dataset no
/// job touches. Each answer is compared node by node and edge by edge.
/// </summary>
public sealed class MarquezLineageTests(MarquezServer server) : IClassFixture<MarquezServer>
{
    [Fact]
    public async Task A_job_at_depth_0_is_itself_with_what_it_reads_and_writes()
    {
        var graph = await LineageAsync("job:airflow://prod:pipeline.b", 0);

        Assert.Equal(
        [
            "dataset:bigquery:proj.lake.features DATASET in[job:airflow://prod:pipeline.b] out[]",
            "dataset:bigquery:proj.lake.staged DATASET in[] out[job:airflow://prod:pipeline.b]",
            "job:airflow://prod:pipeline.b JOB in[dataset:bigquery:proj.lake.staged] out[dataset:bigquery:proj.lake.features]",
        ], Describe(graph));
    }

    [Fact]
    public async Task Each_step_of_depth_adds_the_jobs_that_share_a_dataset()
    {
        var graph = await LineageAsync("job:airflow://prod:pipeline.b", 1);

        Assert.Equal(
        [
            "dataset:bigquery:proj.lake.features DATASET in[job:airflow://prod:pipeline.b] out[job:airflow://prod:pipeline.c]",
            "dataset:bigquery:proj.lake.staged DATASET in[job:airflow://prod:pipeline.a] out[job:airflow://prod:pipeline.b]",
            "dataset:gs://raw-events:clicks DATASET in[] out[job:airflow://prod:pipeline.a]",
            "dataset:postgres://db.example.com:5432:shop.public.report DATASET in[job:airflow://prod:pipeline.c] out[]",
            "job:airflow://prod:pipeline.a JOB in[dataset:gs://raw-events:clicks] out[dataset:bigquery:proj.lake.staged]",
            "job:airflow://prod:pipeline.b JOB in[dataset:bigquery:proj.lake.staged] out[dataset:bigquery:proj.lake.features]",
            "job:airflow://prod:pipeline.c JOB in[dataset:bigquery:proj.lake.features] out[dataset:postgres://db.example.com:5432:shop.public.report]",
        ], Describe(graph));

        var b = Node(graph, "job:airflow://prod:pipeline.b").GetProperty("data");
        Assert.Equal("BATCH", b.Str("type"));
        Assert.Equal("airflow://prod", b.Str("id.namespace"));
        Assert.Equal("proj.lake.staged", b.Str("inputs.0.name"));
        Assert.Equal("COMPLETED", b.Str("latestRun.state"));
        Assert.Equal(3_600_000, b.At("latestRun.durationMs").GetInt64());
    }

    [Fact]
    public async Task Each_level_sends_its_walks_to_the_store_together()
    {
        server.Store.Reset();

        await LineageAsync("job:airflow://prod:pipeline.b", 1);

        // Level 0: B's runs, then what its current run read and wrote; then the runs of the two datasets' one
        // version each, and the jobs of the runs not met yet (A's and C's). Level 1: A's and C's runs,
        // then what their current runs read and wrote. Last, whether a run wrote the one dataset no job of
        // the answer writes (gs clicks, which A reads: its two versions). One call
        // each, however many runs and versions there are; only the jobs' runs are read as entities,
        // every other hop as keys.
        Assert.Equal(0, server.Store.Walks);
        Assert.Equal([1, 2], server.Store.WalkManySizes);
        Assert.Equal([1, 2, 3, 2, 2], server.Store.WalkKeysManySizes);
    }

    [Fact]
    public async Task A_dataset_starts_from_every_job_that_touches_it_and_folds_its_versions()
    {
        var graph = await LineageAsync("dataset:gs://raw-events:clicks", 0);

        Assert.Equal(
        [
            "dataset:bigquery:proj.lake.staged DATASET in[job:airflow://prod:pipeline.a] out[]",
            "dataset:gs://archive:clicks DATASET in[job:airflow://prod:pipeline.s] out[]",
            "dataset:gs://raw-events:clicks DATASET in[] out[job:airflow://prod:pipeline.a, job:airflow://prod:pipeline.s]",
            "job:airflow://prod:pipeline.a JOB in[dataset:gs://raw-events:clicks] out[dataset:bigquery:proj.lake.staged]",
            "job:airflow://prod:pipeline.s JOB in[dataset:gs://raw-events:clicks] out[dataset:gs://archive:clicks]",
        ], Describe(graph));

        // Two versions of the clicks were read; the node is one dataset, described by the later version.
        var clicks = Node(graph, "dataset:gs://raw-events:clicks").GetProperty("data");
        Assert.Equal("2026-06-02", clicks.Str("currentVersion"));
        Assert.Equal("Dataset", clicks.Str("kind"));
        Assert.Equal(["user_id", "url"], clicks.At("fields").Strings("name"));
    }

    [Fact]
    public async Task A_namespace_with_a_scheme_and_a_port_is_parsed_as_Marquez_does()
    {
        var graph = await LineageAsync("dataset:postgres://db.example.com:5432:shop.public.report", 0);

        Assert.Equal(
        [
            "dataset:bigquery:proj.lake.features DATASET in[] out[job:airflow://prod:pipeline.c]",
            "dataset:postgres://db.example.com:5432:shop.public.report DATASET in[job:airflow://prod:pipeline.c] out[]",
            "job:airflow://prod:pipeline.c JOB in[dataset:bigquery:proj.lake.features] out[dataset:postgres://db.example.com:5432:shop.public.report]",
        ], Describe(graph));
    }

    [Fact]
    public async Task A_dataset_no_job_touches_is_a_graph_of_itself()
    {
        Assert.Equal(["dataset:bigquery:proj.lake.orphan DATASET in[] out[]"], Describe(await LineageAsync("dataset:bigquery:proj.lake.orphan", 20)));
    }

    [Fact]
    public async Task A_graph_larger_than_the_bound_is_refused_not_cut()
    {
        using var reader = server.Reader();

        var response = await reader.SendAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=" + Uri.EscapeDataString("job:airflow://prod:pipeline.b") + "&depth=2", null);

        Assert.Equal((HttpStatusCode.BadRequest, "LIMIT_EXCEEDED", "depth"), (response.Status, response.Json.Str("code"), response.Json.Str("field")));
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    [InlineData("?nodeId=run:0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    [InlineData("?nodeId=dataset:only-a-namespace", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=deep", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=-1", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=101", HttpStatusCode.BadRequest, "DEPTH_LIMIT")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=2147483648", HttpStatusCode.BadRequest, "DEPTH_LIMIT")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=99999999999999999999999999", HttpStatusCode.BadRequest, "DEPTH_LIMIT")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=%2B1", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=1.5", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&nodeId=job:airflow://prod:pipeline.a", HttpStatusCode.BadRequest, "INVALID_INPUT")]
    [InlineData("?nodeId=job:airflow://prod:no.such.job", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("?nodeId=dataset:bigquery:no.such.table", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("?nodeId=dataset:bigquery:a%00b", HttpStatusCode.BadRequest, "INVALID_KEY")]
    [InlineData("?nodeId=job:postgres://db:5432:line%0Abreak", HttpStatusCode.BadRequest, "INVALID_KEY")]
    public async Task Bad_queries_get_a_clear_error(string query, HttpStatusCode status, string code)
    {
        using var reader = server.Reader();

        var response = await reader.SendAsync(HttpMethod.Get, "/api/v1/lineage" + query, null);

        Assert.Equal((status, code), (response.Status, response.Json.Str("code")));
        Assert.False(string.IsNullOrEmpty(response.Json.Str("message")));
    }

    [Theory]
    [InlineData("", "nodeId", "nodeId: Required: dataset:{namespace}:{name} or job:{namespace}:{name}.")]
    [InlineData("?nodeId=run:1", "nodeId", "nodeId: 'run:1' must start with 'dataset:' or 'job:'.")]
    [InlineData("?nodeId=dataset:only-a-namespace", "nodeId", "nodeId: 'dataset:only-a-namespace' needs a namespace and a name: dataset:{namespace}:{name}.")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=deep", "depth", "depth: 'deep' is not a whole number from 0 to 100.")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=101", "depth", "depth: At most 100 (Lineage:Traversal:MaxDepthCap); it was 101.")]
    [InlineData("?nodeId=job:airflow://prod:pipeline.b&depth=1&depth=2", "depth", "depth: Sent more than once; send it once.")]
    [InlineData("?nodeId=job:airflow://prod:no.such.job", "nodeId", "nodeId: No job airflow://prod:no.such.job is recorded.")]
    [InlineData("?nodeId=dataset:bigquery:a%00b", "nodeId", "nodeId: The name contains the control character U+0000.")]
    public async Task An_error_message_names_its_field_once(string query, string field, string message)
    {
        using var reader = server.Reader();

        var response = await reader.SendAsync(HttpMethod.Get, "/api/v1/lineage" + query, null);

        Assert.Equal((field, message), (response.Json.Str("field"), response.Json.Str("message")));
    }

    [Fact]
    public async Task Head_answers_as_get_would()
    {
        // Monitors and link checkers probe with HEAD; it answered 405. Kestrel sends no body for HEAD,
        // which the test server does not do for it, so the status and type are what is compared.
        using var reader = server.Reader();
        var get = await reader.SendAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=job:airflow://prod:pipeline.a&depth=1", null);

        var head = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/lineage?nodeId=job:airflow://prod:pipeline.a&depth=1"));
        var missing = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/lineage?nodeId=job:airflow://prod:no.such.job"));

        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal((HttpStatusCode.OK, get.MediaType), (head.Status, head.MediaType));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task Reading_needs_a_key_when_anonymous_read_is_off()
    {
        using var anonymous = server.Client();

        var response = await anonymous.SendAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=job:airflow://prod:pipeline.b", null);

        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (response.Status, response.Json.Str("code")));
    }

    [Fact]
    public async Task A_job_s_latest_run_is_the_latest_by_its_events_not_by_when_the_server_heard_of_it()
    {
        // A run started on June 10th, then a backfilled run reported (COMPLETE only) for May 1st: the
        // backfill is recorded last, but ran first.
        using var writer = server.Writer();
        foreach (var (type, time, runId) in new[] { ("START", "2026-06-10T00:00:00Z", "1d000000-0000-4000-8000-000000000001"), ("COMPLETE", "2026-05-01T00:00:00Z", "1d000000-0000-4000-8000-000000000002") })
        {
            var response = await writer.SendAsync(HttpMethod.Post, "/api/v1/lineage", Json($$"""
                { "eventType": "{{type}}", "eventTime": "{{time}}", "run": { "runId": "{{runId}}" }, "job": { "namespace": "airflow://prod", "name": "pipeline.latest" },
                  "outputs": [ { "namespace": "gs://latest", "name": "out" } ] }
                """));
            Assert.Equal(HttpStatusCode.Created, response.Status);
        }

        var graph = await LineageAsync("job:airflow://prod:pipeline.latest", 0);

        var latest = Node(graph, "job:airflow://prod:pipeline.latest").GetProperty("data").GetProperty("latestRun");
        Assert.Equal("1d000000-0000-4000-8000-000000000001", latest.Str("id"));
        Assert.Equal("RUNNING", latest.Str("state"));
    }

    [Fact]
    public async Task A_run_reported_only_as_running_or_only_named_as_a_parent_is_not_taken_for_the_latest()
    {
        // A run started and completed on June 1st; a run reported only as RUNNING, for January; a 2023 child
        // whose parent facet names a third run of the same job, which no event describes (recorded last, by
        // the server's clock the newest); and a child whose parent is the only run of a job of its own.
        const string job = """ "job": { "namespace": "flink://prod", "name": "stream.latest" } """;
        await PostEventsAsync(
            $$"""{ "eventType": "START", "eventTime": "2026-06-01T00:00:00Z", "run": { "runId": "2a000000-0000-4000-8000-000000000001" }, {{job}}, "outputs": [ { "namespace": "gs://latest", "name": "stream.out" } ] }""",
            $$"""{ "eventType": "COMPLETE", "eventTime": "2026-06-01T01:00:00Z", "run": { "runId": "2a000000-0000-4000-8000-000000000001" }, {{job}} }""",
            $$"""{ "eventType": "RUNNING", "eventTime": "2026-01-01T00:00:00Z", "run": { "runId": "2a000000-0000-4000-8000-000000000002" }, {{job}} }""",
            """{ "eventType": "START", "eventTime": "2023-01-01T00:00:00Z", "run": { "runId": "2a000000-0000-4000-8000-000000000003", "facets": { "parent": { "run": { "runId": "2a000000-0000-4000-8000-0000000000bb" }, "job": { "namespace": "flink://prod", "name": "stream.latest" } } } }, "job": { "namespace": "flink://prod", "name": "child" } }""",
            """{ "eventType": "START", "eventTime": "2023-01-01T00:00:00Z", "run": { "runId": "2a000000-0000-4000-8000-000000000004", "facets": { "parent": { "run": { "runId": "2a000000-0000-4000-8000-0000000000cc" }, "job": { "namespace": "flink://prod", "name": "parent.only" } } } }, "job": { "namespace": "flink://prod", "name": "child" } }""");

        var latest = Node(await LineageAsync("job:flink://prod:stream.latest", 0), "job:flink://prod:stream.latest").GetProperty("data").GetProperty("latestRun");
        var placeholder = Node(await LineageAsync("job:flink://prod:parent.only", 0), "job:flink://prod:parent.only").GetProperty("data").GetProperty("latestRun");

        Assert.Equal(("2a000000-0000-4000-8000-000000000001", "COMPLETED"), (latest.Str("id"), latest.Str("state")));
        Assert.Equal(("2a000000-0000-4000-8000-0000000000cc", "NEW"), (placeholder.Str("id"), placeholder.Str("state")));
    }

    [Fact]
    public async Task A_job_reads_and_writes_what_its_last_finished_run_did_as_Marquez_s_current_job_version()
    {
        // The job wrote old_target, then changed to new_target; a third run has started and read more, not finished.
        const string Job = """ "job": { "namespace": "airflow://prod", "name": "pipeline.evolving" } """;
        await PostEventsAsync(
            $$"""{ "eventType": "COMPLETE", "eventTime": "2026-06-01T00:00:00Z", "run": { "runId": "3b000000-0000-4000-8000-000000000001" }, {{Job}}, "inputs": [ { "namespace": "gs://evolve", "name": "source" } ], "outputs": [ { "namespace": "gs://evolve", "name": "old_target" } ] }""",
            $$"""{ "eventType": "COMPLETE", "eventTime": "2026-06-02T00:00:00Z", "run": { "runId": "3b000000-0000-4000-8000-000000000002" }, {{Job}}, "inputs": [ { "namespace": "gs://evolve", "name": "source" } ], "outputs": [ { "namespace": "gs://evolve", "name": "new_target" } ] }""",
            $$"""{ "eventType": "START", "eventTime": "2026-06-03T00:00:00Z", "run": { "runId": "3b000000-0000-4000-8000-000000000003" }, {{Job}}, "inputs": [ { "namespace": "gs://evolve", "name": "extra" } ] }""");

        var fromJob = await LineageAsync("job:airflow://prod:pipeline.evolving", 0);
        var fromOld = await LineageAsync("dataset:gs://evolve:old_target", 5);

        Assert.Equal(
        [
            "dataset:gs://evolve:new_target DATASET in[job:airflow://prod:pipeline.evolving] out[]",
            "dataset:gs://evolve:source DATASET in[] out[job:airflow://prod:pipeline.evolving]",
            "job:airflow://prod:pipeline.evolving JOB in[dataset:gs://evolve:source] out[dataset:gs://evolve:new_target]",
        ], Describe(fromJob));
        Assert.Equal("3b000000-0000-4000-8000-000000000003", Node(fromJob, "job:airflow://prod:pipeline.evolving").GetProperty("data").Str("latestRun.id"));
        Assert.Equal(["dataset:gs://evolve:old_target DATASET in[] out[]"], Describe(fromOld));

        // Written once, it stays modified, whether or not its writer's current run writes it and however far the question looks.
        Assert.Equal(JsonValueKind.String, Node(fromOld, "dataset:gs://evolve:old_target").GetProperty("data").GetProperty("lastModifiedAt").ValueKind);
    }

    [Fact]
    public async Task Of_overlapping_runs_the_one_that_finished_last_gives_the_job_s_inputs_and_outputs()
    {
        // Run 1 started first and finished last; run 2 started later and finished before it.
        const string Job = """ "job": { "namespace": "airflow://prod", "name": "pipeline.overlap" } """;
        await PostEventsAsync(
            $$"""{ "eventType": "START", "eventTime": "2026-06-01T00:00:00Z", "run": { "runId": "3c000000-0000-4000-8000-000000000001" }, {{Job}}, "outputs": [ { "namespace": "gs://overlap", "name": "first" } ] }""",
            $$"""{ "eventType": "START", "eventTime": "2026-06-01T01:00:00Z", "run": { "runId": "3c000000-0000-4000-8000-000000000002" }, {{Job}}, "outputs": [ { "namespace": "gs://overlap", "name": "second" } ] }""",
            $$"""{ "eventType": "COMPLETE", "eventTime": "2026-06-01T02:00:00Z", "run": { "runId": "3c000000-0000-4000-8000-000000000002" }, {{Job}} }""",
            $$"""{ "eventType": "COMPLETE", "eventTime": "2026-06-01T03:00:00Z", "run": { "runId": "3c000000-0000-4000-8000-000000000001" }, {{Job}} }""");

        var job = Node(await LineageAsync("job:airflow://prod:pipeline.overlap", 0), "job:airflow://prod:pipeline.overlap").GetProperty("data");

        Assert.Equal(["first"], job.At("outputs").Strings("name"));
    }

    [Fact]
    public async Task Last_modified_is_null_for_a_dataset_only_read_whatever_the_depth()
    {
        var fromA = await LineageAsync("job:airflow://prod:pipeline.a", 0);

        // At depth 0 from B, the dataset B reads is in the answer and A, which writes it, is not.
        var fromB = await LineageAsync("job:airflow://prod:pipeline.b", 0);

        Assert.Equal(JsonValueKind.Null, Node(fromA, "dataset:gs://raw-events:clicks").GetProperty("data").GetProperty("lastModifiedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, Node(fromA, "dataset:bigquery:proj.lake.staged").GetProperty("data").GetProperty("lastModifiedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, Node(fromB, "dataset:bigquery:proj.lake.staged").GetProperty("data").GetProperty("lastModifiedAt").ValueKind);
    }

    [Fact]
    public async Task A_job_s_type_location_and_parent_come_from_its_facets_and_its_latest_run()
    {
        // A Flink job says it streams and where its code is; its run names the Airflow task that started it.
        using var writer = server.Writer();
        var response = await writer.SendAsync(HttpMethod.Post, "/api/v1/lineage", Json("""
            { "eventType": "START", "eventTime": "2026-06-01T03:00:00Z",
              "run": { "runId": "1f000000-0000-4000-8000-000000000001", "facets": { "parent": {
                "run": { "runId": "1f000000-0000-4000-8000-0000000000aa" }, "job": { "namespace": "airflow://prod", "name": "dag.start_flink" } } } },
              "job": { "namespace": "flink://prod", "name": "clicks_to_sessions", "facets": {
                "jobType": { "processingType": "STREAMING", "integration": "FLINK", "jobType": "JOB" },
                "sourceCodeLocation": { "type": "git", "url": "https://github.com/acme/flink/blob/abc123/Sessions.java", "repoUrl": "https://github.com/acme/flink", "path": "Sessions.java", "version": "abc123", "branch": "", "tag": "" } } },
              "inputs": [ { "namespace": "kafka://broker:9092", "name": "clicks" } ] }
            """));
        Assert.Equal(HttpStatusCode.Created, response.Status);

        var graph = await LineageAsync("job:flink://prod:clicks_to_sessions", 0);
        var code = await writer.QueryAsync("""{ entity(key: "codeversion:https://github.com/acme/flink:Sessions.java@abc123") { ... on CodeVersion { branch tag } } }""");

        var job = Node(graph, "job:flink://prod:clicks_to_sessions").GetProperty("data");
        Assert.Equal("STREAM", job.Str("type"));
        Assert.Equal("https://github.com/acme/flink/blob/abc123/Sessions.java", job.Str("location"));
        Assert.Equal("dag.start_flink", job.Str("parentJobName"));
        Assert.Equal("BATCH", Node(await LineageAsync("job:airflow://prod:pipeline.b", 0), "job:airflow://prod:pipeline.b").GetProperty("data").Str("type"));

        // Airflow fills every member, empty or not: an empty branch or tag says nothing.
        Assert.True(code.IsNull("entity.branch"));
        Assert.True(code.IsNull("entity.tag"));
    }

    [Fact]
    public async Task A_task_s_simple_name_leaves_out_its_DAG_and_a_dataset_shows_its_last_lifecycle_state()
    {
        using var writer = server.Writer();
        var response = await writer.SendAsync(HttpMethod.Post, "/api/v1/lineage", Json("""
            { "eventType": "COMPLETE", "eventTime": "2026-06-01T03:00:00Z",
              "run": { "runId": "1e000000-0000-4000-8000-000000000001", "facets": { "parent": {
                "run": { "runId": "1e000000-0000-4000-8000-0000000000aa" }, "job": { "namespace": "airflow://prod", "name": "orders_dag" } } } },
              "job": { "namespace": "airflow://prod", "name": "orders_dag.load_orders" },
              "outputs": [ { "namespace": "postgres://db:5432", "name": "shop.orders", "facets": { "lifecycleStateChange": { "lifecycleStateChange": "OVERWRITE" } } } ] }
            """));
        Assert.Equal(HttpStatusCode.Created, response.Status);

        var graph = await LineageAsync("job:airflow://prod:orders_dag.load_orders", 0);

        var job = Node(graph, "job:airflow://prod:orders_dag.load_orders").GetProperty("data");
        Assert.Equal(("orders_dag.load_orders", "load_orders", "orders_dag"), (job.Str("name"), job.Str("simpleName"), job.Str("parentJobName")));
        Assert.Equal("OVERWRITE", Node(graph, "dataset:postgres://db:5432:shop.orders").GetProperty("data").Str("lastLifecycleState"));
        Assert.Equal(JsonValueKind.Null, Node(await LineageAsync("job:airflow://prod:pipeline.b", 0), "dataset:bigquery:proj.lake.staged").GetProperty("data").GetProperty("lastLifecycleState").ValueKind);
    }

    [Fact]
    public async Task A_dataset_is_described_by_its_latest_version_that_says_anything_of_it()
    {
        // A writer records version 8812 with its schema; a reader that sends no version facet then
        // records the unversioned dataset, empty, and later.
        using var writer = server.Writer();
        foreach (var (job, runId, member, dataset) in new[]
        {
            ("spark.write_ice", "1e000000-0000-4000-8000-000000000001", "outputs",
                """{ "namespace": "s3://wh", "name": "db.tbl", "facets": { "version": { "datasetVersion": "8812" }, "schema": { "fields": [ { "name": "id", "type": "BIGINT" } ] } } }"""),
            ("spark.read_ice", "1e000000-0000-4000-8000-000000000002", "inputs", """{ "namespace": "s3://wh", "name": "db.tbl" }"""),
        })
        {
            var response = await writer.SendAsync(HttpMethod.Post, "/api/v1/lineage", Json($$"""
                { "eventType": "COMPLETE", "eventTime": "2026-06-01T03:00:00Z", "run": { "runId": "{{runId}}" },
                  "job": { "namespace": "airflow://prod", "name": "{{job}}" }, "{{member}}": [ {{dataset}} ] }
                """));
            Assert.Equal(HttpStatusCode.Created, response.Status);
        }

        var graph = await LineageAsync("dataset:s3://wh:db.tbl", 0);

        var table = Node(graph, "dataset:s3://wh:db.tbl").GetProperty("data");
        Assert.Equal("8812", table.Str("currentVersion"));
        Assert.Equal(["id"], table.At("fields").Strings("name"));
    }

    [Fact]
    public async Task A_dataset_is_described_by_the_version_of_the_latest_event_not_the_last_to_arrive()
    {
        // An emitter's buffer delivers the older run's event after the newer one's.
        string Complete(string runId, string day, string version, string column) => $$"""
            { "eventType": "COMPLETE", "eventTime": "2026-06-{{day}}T00:00:00Z", "run": { "runId": "{{runId}}" },
              "job": { "namespace": "late", "name": "writer" },
              "outputs": [ { "namespace": "s3://late", "name": "t", "facets": { "version": { "datasetVersion": "{{version}}" }, "schema": { "fields": [ { "name": "{{column}}", "type": "INT" } ] } } } ] }
            """;
        await PostEventsAsync(
            Complete("1a000000-0000-4000-8000-000000000002", "02", "2", "col_v2"),
            Complete("1a000000-0000-4000-8000-000000000001", "01", "1", "col_v1"));

        var table = Node(await LineageAsync("dataset:s3://late:t", 0), "dataset:s3://late:t").GetProperty("data");

        Assert.Equal("2", table.Str("currentVersion"));
        Assert.Equal(["col_v2"], table.At("fields").Strings("name"));
    }

    private Task<JsonElement> LineageAsync(string nodeId, int depth) => server.LineageAsync(nodeId, depth);

    /// <summary>Sends each event as a writer, in order, each answered 201.</summary>
    private async Task PostEventsAsync(params string[] bodies)
    {
        using var writer = server.Writer();
        foreach (var body in bodies)
        {
            Assert.Equal(HttpStatusCode.Created, (await writer.SendAsync(HttpMethod.Post, "/api/v1/lineage", Json(body))).Status);
        }
    }

    private static JsonElement Node(JsonElement graph, string id) => MarquezAnswers.Node(graph, id);

    /// <summary>Each node as one line: id, type, and the other end of each in-edge and out-edge, in the answer's order.</summary>
    private static List<string> Describe(JsonElement graph) =>
        [.. graph.Items().Select(node =>
        {
            var id = node.Str("id");
            Assert.All(node.At("inEdges").Items(), e => Assert.Equal(id, e.Str("destination")));
            Assert.All(node.At("outEdges").Items(), e => Assert.Equal(id, e.Str("origin")));
            return $"{id} {node.Str("type")} in[{string.Join(", ", node.At("inEdges").Strings("origin"))}] out[{string.Join(", ", node.At("outEdges").Strings("destination"))}]";
        })];
}

/// <summary>The pipeline of <see cref="MarquezLineageTests"/>, written through the OpenLineage endpoint; answers of at most 8 nodes.</summary>
public sealed class MarquezServer() : MarquezPipelineServer(new Dictionary<string, string?> { ["Lineage:OpenLineage:MaxLineageNodes"] = "8" });

/// <summary>The same pipeline, with answers of at most 1 s (<see cref="MarquezTimeoutTests"/>), apart so that a slow machine cannot fail the other tests.</summary>
public sealed class MarquezTimeoutServer() : MarquezPipelineServer(new Dictionary<string, string?> { ["Lineage:OpenLineage:LineageTimeoutSeconds"] = "1" });

/// <summary>The same pipeline, with walks capped at one step (<see cref="MarquezShallowCapTests"/>).</summary>
public sealed class MarquezShallowCapServer() : MarquezPipelineServer(new Dictionary<string, string?> { ["Lineage:Traversal:MaxDepthCap"] = "1" });

public sealed class MarquezShallowCapTests(MarquezShallowCapServer server) : IClassFixture<MarquezShallowCapServer>
{
    [Fact]
    public async Task A_lineage_without_a_depth_goes_no_deeper_than_the_cap()
    {
        using var reader = server.Reader();
        var node = "/api/v1/lineage?nodeId=" + Uri.EscapeDataString("job:airflow://prod:pipeline.b");

        var unasked = await reader.SendAsync(HttpMethod.Get, node, null);
        var capped = await reader.SendAsync(HttpMethod.Get, node + "&depth=1", null);

        // Depth 1 of pipeline.b reaches pipelines a and c and what they read and write; at Marquez's 20
        // it would reach pipeline.s too, which archives the clicks that pipeline.a reads.
        Assert.True(unasked.Status == HttpStatusCode.OK, unasked.ToString());
        Assert.Equal(capped.Body, unasked.Body);
        var ids = unasked.Json.GetProperty("graph").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.Contains("job:airflow://prod:pipeline.a", ids);
        Assert.DoesNotContain("job:airflow://prod:pipeline.s", ids);
    }
}

/// <summary>The pipeline of <see cref="MarquezLineageTests"/> behind the given settings.</summary>
public abstract class MarquezPipelineServer(IReadOnlyDictionary<string, string?> settings) : ServerFixture(settings), IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        using var writer = Writer();
        var events = new[]
        {
            Event("pipeline.a", "1a000000-0000-4000-8000-000000000001", ("gs://raw-events", "clicks", "2026-06-01"), ("bigquery", "proj.lake.staged", null)),
            Event("pipeline.a", "1a000000-0000-4000-8000-000000000002", ("gs://raw-events", "clicks", "2026-06-02"), ("bigquery", "proj.lake.staged", null)),
            Event("pipeline.b", "1b000000-0000-4000-8000-000000000001", ("bigquery", "proj.lake.staged", null), ("bigquery", "proj.lake.features", null)),
            """{ "eventType": "START", "eventTime": "2026-06-01T02:00:00Z", "run": { "runId": "1b000000-0000-4000-8000-000000000001" }, "job": { "namespace": "airflow://prod", "name": "pipeline.b" } }""",
            Event("pipeline.c", "1c000000-0000-4000-8000-000000000001", ("bigquery", "proj.lake.features", null), ("postgres://db.example.com:5432", "shop.public.report", null)),
            Event("pipeline.s", "15000000-0000-4000-8000-000000000001", ("gs://raw-events", "clicks", "2026-06-01"), ("gs://archive", "clicks", null)),
            """{ "eventTime": "2026-06-01T00:00:00Z", "dataset": { "namespace": "bigquery", "name": "proj.lake.orphan" } }""",
        };
        var response = await writer.SendAsync(HttpMethod.Post, "/api/v1/lineage/batch", Json("[" + string.Join(",", events) + "]"));
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A COMPLETE event of a run reading one dataset (of a version, when given) and writing another.</summary>
    private static string Event(string job, string runId, (string Ns, string Name, string? Version) input, (string Ns, string Name, string? Version) output) => $$"""
        { "eventType": "COMPLETE", "eventTime": "2026-06-01T03:00:00Z",
          "run": { "runId": "{{runId}}" }, "job": { "namespace": "airflow://prod", "name": "{{job}}" },
          "inputs": [ { "namespace": "{{input.Ns}}", "name": "{{input.Name}}", "facets": {
              {{(input.Version is null ? "" : $$"""
              "version": { "datasetVersion": "{{input.Version}}" },
              """)}}
              "schema": { "fields": [ { "name": "user_id", "type": "STRING" }, { "name": "url", "type": "STRING" } ] } } } ],
          "outputs": [ { "namespace": "{{output.Ns}}", "name": "{{output.Name}}" } ] }
        """;
}

public sealed class MarquezTimeoutTests(MarquezTimeoutServer server) : IClassFixture<MarquezTimeoutServer>
{
    [Fact]
    public async Task A_lineage_that_runs_past_its_time_is_stopped_with_TIMEOUT_and_the_next_one_is_answered()
    {
        using var reader = server.Reader();
        try
        {
            // The store never answers a walk: only the request's time limit can end it.
            server.Store.Before = (call, cancellationToken) => call == "WalkMany" ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask;

            var response = await reader.SendAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=job:airflow://prod:pipeline.b&depth=1", null);

            Assert.Equal((HttpStatusCode.GatewayTimeout, "TIMEOUT"), (response.Status, response.Json.Str("code")));
            Assert.Contains("1 s", response.Json.Str("message"), StringComparison.Ordinal);
        }
        finally
        {
            server.Store.Reset();
        }

        var answer = await reader.SendAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=job:airflow://prod:pipeline.b&depth=1", null);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.Equal(7, answer.Json.GetProperty("graph").GetArrayLength());
    }
}
