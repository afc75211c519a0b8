using System.Text;
using System.Text.Json.Nodes;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Import of OpenLineage events and of our batches, into an empty database file and into an empty server.</summary>
public sealed class ImportTests : IDisposable
{
    private const string TrainRun = "run:mlflow://acme:train@7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private const string RetrainRun = "run:mlflow://acme:train@8d0f7780-8536-41ef-855c-f18a02a01bf8";

    private static readonly string[] Events =
    [
        RunEvent("COMPLETE", "7c9e6679-7425-40de-944b-e07fc1f90ae7"),
        RunEvent("START", "8d0f7780-8536-41ef-855c-f18a02a01bf8"),
        """{"eventType": "COMPLETE", "eventTime": "2026-06-02T11:00:00Z", "producer": "test", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/DatasetEvent", "dataset": {"namespace": "s3://lake", "name": "raw/clicks", "facets": {"version": {"datasetVersion": "2026-06-02"}}}}""",
    ];

    private readonly CliHost _host = new();

    public static TheoryData<string> Sources() => [CliHost.Embedded, CliHost.Server];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Json_lines_go_in_and_a_rerun_finds_everything_stored(string source)
    {
        var file = await WriteAsync("events.jsonl", string.Join("\n", Events) + "\n");

        var first = await ImportAsync(source, file);

        Assert.True(first.Exit == 0, first.Err);
        var summary = JsonNode.Parse(first.Out)!;
        Assert.Equal(3, (int)summary["items"]!);
        Assert.Equal(3, (int)summary["changed"]!);
        Assert.Equal(0, (int)summary["unchanged"]!);
        Assert.Equal(0, (int)summary["failed"]!);
        Assert.Equal(6, (int)summary["entitiesCreated"]!);
        Assert.Equal(3, (int)summary["entitiesUnchanged"]!);
        Assert.Equal(6, (int)summary["edgesCreated"]!);

        var again = await ImportAsync(source, file);

        Assert.Equal(0, again.Exit);
        var rerun = JsonNode.Parse(again.Out)!;
        Assert.Equal(0, (int)rerun["changed"]!);
        Assert.Equal(3, (int)rerun["unchanged"]!);
        Assert.Equal(0, (int)rerun["entitiesCreated"]! + (int)rerun["entitiesUpdated"]! + (int)rerun["edgesCreated"]!);
        Assert.Equal(9, (int)rerun["entitiesUnchanged"]!);
        Assert.Equal(6, (int)rerun["edgesUnchanged"]!);

        var impact = await _host.RunAsync(source, "impact", "dataset:s3://lake:features@v1", "--format", "json");
        Assert.Equal(0, impact.Exit);
        Assert.Equal(
            [TrainRun, RetrainRun, "model:s3://lake:churn@3"],
            JsonNode.Parse(impact.Out)!["nodes"]!.AsArray().Select(n => (string)n!["key"]!));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_bad_event_in_a_json_array_is_reported_and_the_others_go_in(string source)
    {
        var bad = """{"eventType": "COMPLETE", "eventTime": "2026-06-02T10:00:00Z", "run": {"runId": 42}, "job": {"namespace": "mlflow://acme", "name": "train"}}""";
        var file = await WriteAsync("events.json", $"[\n{Events[0]},\n{bad},\n{Events[2]}\n]");

        var result = await ImportAsync(source, file);

        Assert.Equal(7, result.Exit);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal(2, (int)summary["changed"]!);
        var failure = Assert.Single(summary["failures"]!.AsArray())!;
        Assert.Equal("item 2", (string)failure["position"]!);
        Assert.Equal("INVALID_INPUT", (string)failure["code"]!);
        Assert.Contains($"lineage: item 2: INVALID_INPUT: {(string)failure["message"]!}", result.Err, StringComparison.Ordinal);
        Assert.Equal(0, (await _host.RunAsync(source, "get", "dataset:s3://lake:raw/clicks@2026-06-02")).Exit);
        Assert.Equal(0, (await _host.RunAsync(source, "get", TrainRun)).Exit);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_metric_no_double_holds_fails_its_item_naming_the_metric(string source)
    {
        // The serializer read 1e-400 as 0, and the model was stored with a p-value of zero.
        var file = await WriteAsync("metrics.jsonl", """
            {"entities": [{"key": "model:mlflow://r:tiny@1", "model": {"metrics": {"auc": 0.9, "pvalue": 1e-400}}}]}
            {"entities": [{"key": "model:mlflow://r:tiny@2", "model": {"metrics": {"pvalue": "1e-400"}}}]}
            {"entities": [{"key": "model:mlflow://r:tiny@3", "model": {"metrics": {"pvalue": "1e-30"}}}]}
            """);

        var result = await ImportAsync(source, file);

        Assert.Equal(7, result.Exit);
        var failures = JsonNode.Parse(result.Out)!["failures"]!.AsArray();
        Assert.Equal(["line 1", "line 2"], failures.Select(f => (string)f!["position"]!));
        Assert.All(failures, f => Assert.StartsWith(
            "entities[0].model.metrics.pvalue: The number 1e-400 is beyond what a double holds", (string)f!["message"]!, StringComparison.Ordinal));
        Assert.Equal(3, (await _host.RunAsync(source, "get", "model:mlflow://r:tiny@1")).Exit);
        Assert.Contains("1E-30", (await _host.RunAsync(source, "get", "model:mlflow://r:tiny@3", "--format", "json")).Out, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_line_that_is_not_json_fails_alone(string source)
    {
        var file = await WriteAsync("events.jsonl", $"{Events[0]}\n{{ not json\n\n{Events[2]}\n");

        var result = await ImportAsync(source, file);

        Assert.Equal(7, result.Exit);
        var failure = Assert.Single(JsonNode.Parse(result.Out)!["failures"]!.AsArray())!;
        Assert.Equal("line 2", (string)failure["position"]!);
        Assert.StartsWith("Not valid JSON: ", (string)failure["message"]!, StringComparison.Ordinal);
        Assert.Equal(2, (int)JsonNode.Parse(result.Out)!["changed"]!);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task An_item_with_text_that_is_not_unicode_fails_alone(string source)
    {
        // An unpaired surrogate in an event's job name and in a batch's description: each a bad item, not an internal error.
        var badEvent = Events[1].Replace("\"name\":\"train\"", "\"name\":\"tr\\ud800ain\"", StringComparison.Ordinal);
        Assert.NotEqual(Events[1], badEvent);
        const string badBatch = """{"entities": [{"key": "dataset:file:lone@1", "description": "x\ud800y"}]}""";
        var file = await WriteAsync("events.jsonl", $"{Events[0]}\n{badEvent}\n{badBatch}\n{Events[2]}\n");

        var result = await ImportAsync(source, file);

        Assert.Equal(7, result.Exit);
        var failures = JsonNode.Parse(result.Out)!["failures"]!.AsArray();
        Assert.Equal(["line 2", "line 3"], failures.Select(f => (string)f!["position"]!));
        Assert.All(failures, f => Assert.Equal("INVALID_INPUT", (string)f!["code"]!));
        Assert.Equal(2, (int)JsonNode.Parse(result.Out)!["changed"]!);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_refused_event_is_named_by_the_member_it_came_from(string source)
    {
        // The job's facet has a control character in its name: the store refuses the job entity, entities[1] of the event's batch.
        var badEvent = Events[1].Replace("\"name\":\"train\"", "\"name\":\"train\",\"facets\":{\"bad\\u0001facet\":{}}", StringComparison.Ordinal);
        Assert.NotEqual(Events[1], badEvent);
        var file = await WriteAsync("events.jsonl", $"{Events[0]}\n{badEvent}\n");

        var result = await ImportAsync(source, file);

        Assert.Equal(7, result.Exit);
        var failure = Assert.Single(JsonNode.Parse(result.Out)!["failures"]!.AsArray())!;
        Assert.Equal(("line 2", "INVALID_INPUT"), ((string)failure["position"]!, (string)failure["code"]!));
        // Named as the event's job, whichever path the refusal took (the store's check, or the server's reading of the input).
        Assert.StartsWith("job: ", (string)failure["message"]!, StringComparison.Ordinal);
        Assert.Contains("The name of a property is at most 1024 characters, without control characters", (string)failure["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Our_batch_format_goes_in_with_typed_fields_and_bad_edges_are_named(string source)
    {
        var file = await WriteAsync("batch.json", """
            [
              {
                "entities": [
                  {"key": "dataset:s3://lake:clicks@1", "description": "Clicks", "tags": ["raw"], "dataset": {"rowCount": 10}},
                  {"key": "model:mlflow://registry:churn@1", "model": {"stage": "production", "metrics": {"auc": 0.9}}},
                  {"hyperparameters": {"max_depth": 6}}
                ],
                "edges": [{"from": "dataset:s3://lake:clicks@1", "to": "model:mlflow://registry:churn@1", "relation": "DERIVES"}]
              },
              {"entities": [], "edges": [{"from": "dataset:s3://lake:clicks@1", "to": "model:mlflow://registry:churn@1", "relation": "FEEDS"}]}
            ]
            """);

        var result = await ImportAsync(source, file);

        Assert.Equal(7, result.Exit);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal(3, (int)summary["entitiesCreated"]!);
        Assert.Equal(1, (int)summary["edgesCreated"]!);
        var failure = Assert.Single(summary["failures"]!.AsArray())!;
        Assert.Equal("item 2", (string)failure["position"]!);
        Assert.StartsWith("Unknown relation 'FEEDS'.", (string)failure["message"]!, StringComparison.Ordinal);

        var model = JsonNode.Parse((await _host.RunAsync(source, "get", "model:mlflow://registry:churn@1", "--format", "json")).Out)!;
        Assert.Equal("""{"metrics":{"auc":0.9},"stage":"production"}""", model["fields"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task An_edge_given_twice_in_a_batch_saying_different_things_fails_its_item_from_either_source(string source)
    {
        var file = await WriteAsync("twice.json", """
            [
              {"entities": [{"key": "dataset:s3://lake:twice@1"}, {"key": "model:mlflow://registry:twice@1"}]},
              {"edges": [
                {"from": "dataset:s3://lake:twice@1", "to": "model:mlflow://registry:twice@1", "relation": "DERIVES", "properties": {"note": "base"}},
                {"from": "dataset:s3://lake:twice@1", "to": "model:mlflow://registry:twice@1", "relation": "DERIVES"}]}
            ]
            """);

        var result = await ImportAsync(source, file);

        Assert.Equal(7, result.Exit);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal(0, (int)summary["edgesCreated"]!);
        var failure = Assert.Single(summary["failures"]!.AsArray())!;
        Assert.Equal("item 2", (string)failure["position"]!);
        Assert.Contains("is edges[0] again with another role or other properties", (string)failure["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Deleted_facets_and_removed_properties_are_removed_from_either_source(string source)
    {
        // Through a server, the OpenLineage events go in as recordEntities batches: the removals must travel with them.
        var file = await WriteAsync("events.jsonl", string.Join("\n",
            """{"eventTime": "2026-06-01T02:00:00Z", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent", "job": {"namespace": "dbt://wh", "name": "orders", "facets": {"sql": {"query": "select 1"}, "ownership": {"owners": []}}}}""",
            """{"eventTime": "2026-06-01T03:00:00Z", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent", "job": {"namespace": "dbt://wh", "name": "orders", "facets": {"sql": {"_deleted": true}}}}""",
            """{"entities": [{"key": "dataset:s3://lake:typo@1", "properties": {"ownr": "x", "owner": "y"}}]}""",
            """{"entities": [{"key": "dataset:s3://lake:typo@1", "removeProperties": ["ownr"]}]}"""));

        var result = await ImportAsync(source, file);

        Assert.True(result.Exit == 0, result.Err);
        var job = JsonNode.Parse((await _host.RunAsync(source, "get", "job:dbt://wh:orders", "--format", "json")).Out)!;
        Assert.Equal(["facets.ownership", "observedAt", "propertyObservedAt"], job["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        var dataset = JsonNode.Parse((await _host.RunAsync(source, "get", "dataset:s3://lake:typo@1", "--format", "json")).Out)!;
        Assert.Equal("""{"owner":"y"}""", dataset["properties"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_rerun_of_a_start_and_a_complete_event_changes_nothing_and_leaves_the_run_complete(string source)
    {
        // A run's status only moves forward (Core's RunStatuses), so replaying START does not reopen the run.
        var file = await WriteAsync("events.jsonl", RunEvent("START", "9e1a8891-9647-42f0-966d-0a9b13b12c09") + "\n" + RunEvent("COMPLETE", "9e1a8891-9647-42f0-966d-0a9b13b12c09"));
        Assert.Equal(0, (await ImportAsync(source, file)).Exit);

        var again = JsonNode.Parse((await ImportAsync(source, file)).Out)!;

        Assert.Equal(0, (int)again["changed"]!);
        Assert.Equal(0, (int)again["entitiesUpdated"]!);
        Assert.Equal(0, (int)again["entitiesCreated"]! + (int)again["edgesCreated"]!);
        var run = JsonNode.Parse((await _host.RunAsync(source, "get", "run:mlflow://acme:train@9e1a8891-9647-42f0-966d-0a9b13b12c09", "--format", "json")).Out)!;
        Assert.Equal("COMPLETE", (string)run["fields"]!["status"]!);
    }

    [Fact]
    public async Task An_item_the_server_refuses_to_read_fails_alone_and_the_rest_go_in()
    {
        // Nested within what the CLI reads (64 levels), but past it once wrapped in a GraphQL request, which the server
        // reads to 64 levels too: the CLI refuses it as the embedded store does, before sending it.
        var deep = string.Concat(Enumerable.Repeat("{\"a\": ", 60)) + "1" + new string('}', 60);
        var file = await WriteAsync("batches.jsonl", $$"""
            {"entities": [{"key": "dataset:file:before@1"}]}
            {"entities": [{"key": "dataset:file:deep@1", "properties": {{deep}}}]}
            {"entities": [{"key": "dataset:file:after@1"}]}
            """);

        var result = await ImportAsync(CliHost.Server, file);

        Assert.True(result.Exit == 7, result.Err);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal(2, (int)summary["changed"]!);
        var failure = Assert.Single(summary["failures"]!.AsArray())!;
        Assert.Equal("line 2", (string)failure["position"]!);
        Assert.Equal("INVALID_INPUT", (string)failure["code"]!);
        Assert.Contains("lineage: line 2: INVALID_INPUT: ", result.Err, StringComparison.Ordinal);
        Assert.Contains("nests more than 32 levels", result.Err, StringComparison.Ordinal);
        Assert.Equal(0, (await _host.RunAsync(CliHost.Server, "get", "dataset:file:after@1")).Exit);
    }

    [Fact]
    public async Task Both_sources_report_the_same_import()
    {
        // The host's two sources share one database file, so the server imports into a host of its own.
        using var other = new CliHost();
        var file = await WriteAsync("events.jsonl", string.Join("\n", Events));

        var embedded = await ImportAsync(CliHost.Embedded, file);
        var server = await other.RunAsync(CliHost.Server, new CliEnvironment(), CliHost.WriterKey, "import", file);

        Assert.Equal(0, embedded.Exit);
        Assert.Equal(embedded.Out, server.Out);
        Assert.Equal(embedded.Err, server.Err);
    }

    [Fact]
    public async Task Redirected_progress_is_plain_lines()
    {
        var file = await WriteAsync("events.jsonl", string.Join("\n", Events));

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal("import: 1/3 items, 0 failed\nimport: 2/3 items, 0 failed\nimport: 3/3 items, 0 failed\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Redirected_progress_of_a_long_file_comes_every_tenth()
    {
        var lines = Enumerable.Range(1, 40).Select(i =>
            $$"""{"entities": [{"key": "dataset:file:part-{{i}}@1"}]}""");
        var file = await WriteAsync("batches.jsonl", string.Join("\n", lines));

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(0, result.Exit);
        Assert.Equal(
            Enumerable.Range(1, 10).Select(i => $"import: {i * 4}/40 items, 0 failed"),
            result.Err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Progress_on_a_terminal_is_a_bar_redrawn_in_place()
    {
        var file = await WriteAsync("events.jsonl", string.Join("\n", Events));

        var result = await _host.RunAsync(CliHost.Embedded, new CliEnvironment { ErrorIsTerminal = true }, CliHost.WriterKey, "import", file);

        Assert.Equal(0, result.Exit);
        Assert.Equal(
            "\r[#########---------------------]  33% 1/3 items, 0 failed" +
            "\r[###################-----------]  66% 2/3 items, 0 failed" +
            "\r[##############################] 100% 3/3 items, 0 failed" + Environment.NewLine,
            result.Err);
    }

    [Fact]
    public async Task Redirected_progress_counts_failed_items_apart()
    {
        var file = await WriteAsync("events.jsonl", string.Join("\n", Events[0], "{\"entities\": 7}", Events[2]));

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(7, result.Exit);
        var lines = result.Err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(
            ["import: 1/3 items, 0 failed", "import: 2/3 items, 1 failed", "import: 3/3 items, 1 failed"],
            lines.Where(line => line.StartsWith("import: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failure_on_a_terminal_clears_the_whole_bar_before_its_line()
    {
        var file = await WriteAsync("events.jsonl", string.Join("\n", Events[0], "{\"entities\": 7}", Events[2]));

        var result = await _host.RunAsync(CliHost.Embedded, new CliEnvironment { ErrorIsTerminal = true }, CliHost.WriterKey, "import", file);

        Assert.Equal(7, result.Exit);
        var bar = "[#########---------------------]  33% 1/3 items, 0 failed";
        Assert.StartsWith("\r" + bar + "\r" + new string(' ', bar.Length) + "\rlineage: line 2: INVALID_INPUT: ", result.Err, StringComparison.Ordinal);
        Assert.EndsWith("\r[##############################] 100% 3/3 items, 1 failed" + Environment.NewLine, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_is_read_for_a_dash()
    {
        var environment = new CliEnvironment { Input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", Events))) };

        var result = await _host.RunAsync(CliHost.Embedded, environment, CliHost.WriterKey, "import", "-", "--format", "table");

        Assert.Equal(0, result.Exit);
        Assert.Equal(
            "-: 3 items, 3 changed the graph, 0 already stored, 0 failed\n" +
            "entities: 6 created, 0 updated, 3 unchanged; edges: 6 created, 0 unchanged\n",
            result.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Standard_input_in_utf16_is_read_as_a_named_file_is()
    {
        // What `iconv -t UTF-16 | lineage import -` sends: a byte order mark, then UTF-16.
        var environment = new CliEnvironment { Input = new MemoryStream(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(string.Join("\n", Events))).ToArray()) };

        var result = await _host.RunAsync(CliHost.Embedded, environment, CliHost.WriterKey, "import", "-");

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal((3, 0), ((int)JsonNode.Parse(result.Out)!["items"]!, (int)JsonNode.Parse(result.Out)!["failed"]!));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_gzip_file_is_decompressed_and_read_as_the_file_inside(string source)
    {
        // Read as text, each compressed line was an item that failed (exit 7), over an empty graph.
        var file = Path.Combine(_host.Folder, "events.jsonl.gz");
        await File.WriteAllBytesAsync(file, Gzip(string.Join("\n", Events) + "\n"));

        var result = await ImportAsync(source, file);

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal((3, 0, 6), ((int)JsonNode.Parse(result.Out)!["items"]!, (int)JsonNode.Parse(result.Out)!["failed"]!, (int)JsonNode.Parse(result.Out)!["entitiesCreated"]!));
    }

    [Fact]
    public async Task Gzip_on_standard_input_is_decompressed_too()
    {
        var environment = new CliEnvironment { Input = new MemoryStream(Gzip(string.Join("\n", Events))) };

        var result = await _host.RunAsync(CliHost.Embedded, environment, CliHost.WriterKey, "import", "-");

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal((3, 0), ((int)JsonNode.Parse(result.Out)!["items"]!, (int)JsonNode.Parse(result.Out)!["failed"]!));
    }

    [Fact]
    public async Task A_corrupt_gzip_file_is_invalid_input_and_writes_nothing()
    {
        var whole = Gzip(string.Join("\n", Enumerable.Repeat(Events[0], 200)));
        for (var i = 20; i < 60; i++)
        {
            whole[i] ^= 0x5A;
        }

        var file = Path.Combine(_host.Folder, "corrupt.jsonl.gz");
        await File.WriteAllBytesAsync(file, whole);

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(6, result.Exit);
        Assert.StartsWith($"lineage: INVALID_INPUT: {file} is gzip with corrupt compressed data", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_host.DatabasePath));
    }

    [Fact]
    public async Task A_summary_stdout_cannot_take_exits_74_saying_how_the_import_ended_not_as_an_internal_error()
    {
        // `lineage import ... > /dev/full` was "internal error: IOException", exit 70, though its items were in.
        var file = await WriteAsync("events.jsonl", $"{Events[2]}\n{{ not json\n");
        using var stderr = new StringWriter();

        var exit = await Cli.RunAsync(["import", file, "--db", _host.DatabasePath], FailingOutput.FullDisk(), stderr, new CliEnvironment());

        Assert.Equal(74, exit);
        Assert.EndsWith(
            "lineage: OUTPUT_FAILED: Cannot write to standard output: No space left on device; the import itself ended with exit 7: 1 item of 2 went in, 1 failed.\n",
            stderr.ToString().ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Equal(0, (await _host.RunAsync(CliHost.Embedded, "get", "dataset:s3://lake:raw/clicks@2026-06-02")).Exit);
    }

    [Fact]
    public async Task A_json_error_deep_in_a_large_array_is_named_by_its_line_and_byte_not_a_path_counted_within_a_buffer()
    {
        // The JSON path of a streamed read counts within the buffer read: an error in item 3,999 of 5,000 was "at $[19]".
        var items = Enumerable.Repeat("{\"entities\": []}", 5_000).ToArray();
        items[3_998] = "{\"entities\": [}";
        var file = await WriteAsync("large.json", "[\n" + string.Join(",\n", items) + "\n]\n");

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(6, result.Exit);
        Assert.Equal(
            "lineage: INVALID_INPUT: The file starts a JSON array but is not valid JSON: '}' is an invalid start of a value. (line 4000, byte 15)\n",
            result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Json_errors_name_their_line_and_byte_from_1_as_an_editor_and_the_item_positions_do()
    {
        // System.Text.Json counts from 0: the '}' on the file's third line, 15th byte, was "LineNumber: 2 | BytePositionInLine: 14".
        var array = await WriteAsync("bad.json", "[\n{\"entities\": []},\n{\"entities\": [}\n]\n");
        var lines = await WriteAsync("bad.jsonl", "{\"entities\": []}\n{\"entities\": [}\n");

        var refused = await ImportAsync(CliHost.Embedded, array);
        var failed = await ImportAsync(CliHost.Embedded, lines);

        Assert.Equal(6, refused.Exit);
        Assert.Equal(
            "lineage: INVALID_INPUT: The file starts a JSON array but is not valid JSON: '}' is an invalid start of a value. (line 3, byte 15)\n",
            refused.Err.ReplaceLineEndings("\n"));
        Assert.Equal(7, failed.Exit);
        var failure = Assert.Single(JsonNode.Parse(failed.Out)!["failures"]!.AsArray())!;
        Assert.Equal(
            ("line 2", "Not valid JSON: '}' is an invalid start of a value. (byte 15 of the line)"),
            ((string)failure["position"]!, (string)failure["message"]!));
    }

    [Fact]
    public async Task A_json_error_in_a_line_counts_its_byte_from_the_line_as_the_file_holds_it_spaces_and_byte_order_mark_included()
    {
        // The byte was counted from the line trimmed: 15 for each of these, off by the bytes before the '{'.
        var file = await WriteAsync("indented.jsonl", "\uFEFF  {\"entities\": [}\n{\"entities\": []}\n    {\"entities\": [}\n");

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(7, result.Exit);
        Assert.Equal(
            [("line 1", "Not valid JSON: '}' is an invalid start of a value. (byte 20 of the line)"), ("line 3", "Not valid JSON: '}' is an invalid start of a value. (byte 19 of the line)")],
            JsonNode.Parse(result.Out)!["failures"]!.AsArray().Select(f => ((string)f!["position"]!, (string)f["message"]!)));
    }

    [Fact]
    public async Task A_file_with_no_line_break_refuses_the_file_past_256_mib_naming_the_line_and_writing_nothing()
    {
        // A file with no line break (/dev/zero) was buffered whole, 3.9 GB, until the buffer could grow no more.
        // Sparse, so that it costs neither the disk nor the time of writing it.
        var file = Path.Combine(_host.Folder, "zeros");
        await using (var zeros = File.Create(file))
        {
            zeros.SetLength((256 * 1024 * 1024) + 1);
        }

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(6, result.Exit);
        Assert.StartsWith("lineage: INVALID_INPUT: line 1: Longer than 256 MiB without a line break (", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_host.DatabasePath));
    }

    [Fact]
    public async Task A_json_array_of_one_value_past_the_bound_is_refused_as_too_large_writing_nothing()
    {
        // The line bound does not cover an array: one string of 2.3 GB was buffered until memory ran out, an internal error.
        var file = Path.Combine(_host.Folder, "huge.json");
        await using (var huge = File.Create(file))
        {
            var chunk = Enumerable.Repeat((byte)'a', 1024 * 1024).ToArray();
            huge.Write("[\""u8);
            for (var i = 0; i < 513; i++)
            {
                huge.Write(chunk);
            }

            huge.Write("\"]"u8);
        }

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(6, result.Exit);
        Assert.StartsWith("lineage: INVALID_INPUT: A JSON value runs on past 256 MiB (512 MiB were read and no value ended): ", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_host.DatabasePath));
    }

    [SkippableTheory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public async Task A_device_with_no_end_is_refused_as_no_file_writing_nothing(string device)
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows has no such devices.");

        // It seeks and reports no length, so it was hashed until a read returned nothing, which never came: 100 % CPU for ever.
        // Stopped as Ctrl-C stops it should it hang again, so that it fails (exit 130) instead of spinning on.
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await CliHost.RunRawAsync(new CliEnvironment(), hang.Token, "import", device, "--db", _host.DatabasePath);

        Assert.True(result.Exit == 6, result.Err);
        Assert.Equal($"lineage: INVALID_INPUT: {device} is not a file: it reports no length, yet reads return data (a device such as /dev/zero or /dev/urandom); nothing was imported.\n", result.Err.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(_host.DatabasePath));
    }

    [SkippableFact]
    public async Task Standard_input_from_a_file_is_read_in_place_and_from_a_device_with_no_end_refused_at_once()
    {
        // `import - < /dev/zero` was copied to a temporary file until the folder was full; a file was copied for nothing.
        Skip.If(OperatingSystem.IsWindows(), "Windows has no /dev/stdin.");
        var file = await WriteAsync("events.jsonl", string.Join("\n", Events) + "\n");
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var fromFile = await CliHost.RunRawAsync(new CliEnvironment { InputPath = file }, hang.Token, "import", "-", "--db", _host.DatabasePath, "--format", "json");
        var fromZero = await CliHost.RunRawAsync(new CliEnvironment { InputPath = "/dev/zero" }, hang.Token, "import", "-", "--db", _host.DatabasePath);

        Assert.True(fromFile.Exit == 0, fromFile.Err);
        Assert.Equal(Events.Length, System.Text.Json.JsonDocument.Parse(fromFile.Out).RootElement.GetProperty("changed").GetInt32());
        Assert.True(fromZero.Exit == 6, fromZero.Err);
        Assert.Contains("/dev/zero is not a file", fromZero.Err, StringComparison.Ordinal);

        // Where the path does not open (a socket on Linux), the stream is read as before.
        var unopened = new CliEnvironment { InputPath = Path.Combine(_host.Folder, "no-such-input"), Input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", Events))) };
        var fromStream = await CliHost.RunRawAsync(unopened, hang.Token, "import", "-", "--db", _host.DatabasePath, "--format", "json");
        Assert.True(fromStream.Exit == 0, fromStream.Err);
    }

    [SkippableFact]
    public async Task A_proc_file_that_reports_no_length_is_read_as_a_file()
    {
        // Files of /proc and /sys report no length but end: taken for a device with no end, they were refused.
        Skip.IfNot(OperatingSystem.IsLinux(), "/proc is Linux's.");

        var result = await ImportAsync(CliHost.Embedded, "/proc/self/status");

        Assert.True(result.Exit == 7, result.Err);
        Assert.Contains("line 1", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a file", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_line_past_32_mib_is_read_as_a_batch_that_large_is(int lines)
    {
        // A line is a whole batch of up to 100,000 entities: a 40 MB one was refused whole at a 32 MiB bound. Padded
        // with spaces inside its JSON here, to be that long cheaply; one line is a single document, told as such by
        // reading its first line, two are JSON lines.
        var padded = "{\"entities\": [" + new string(' ', (32 * 1024 * 1024) + 1) + "{\"key\": \"dataset:file:long@1\"}]}";
        var file = await WriteAsync("long.jsonl", string.Join("\n", [padded, .. Enumerable.Repeat("""{"entities": [{"key": "dataset:file:short@1"}]}""", lines - 1)]) + "\n");

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal(lines, (int)JsonNode.Parse(result.Out)!["entitiesCreated"]!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    public async Task A_gzip_file_cut_short_is_invalid_input_and_writes_nothing(int zeroFill)
    {
        // gzip's reader ends at the cut without an error, as if the lines before it were all there was, and
        // reads zeros after it (a preallocated download) as more of nothing: eight of them looked like the
        // trailer of an empty member.
        var whole = Gzip(string.Join("\n", Enumerable.Repeat(Events[0], 200)));
        var file = Path.Combine(_host.Folder, "cut.jsonl.gz");
        await File.WriteAllBytesAsync(file, [.. whole[..(whole.Length / 2)], .. new byte[zeroFill]]);

        var result = await ImportAsync(CliHost.Embedded, file);

        // Zeros the reader does take as compressed data end as corrupt; those it takes as nothing meet the trailer check.
        Assert.Equal(6, result.Exit);
        Assert.StartsWith($"lineage: INVALID_INPUT: {file} is gzip ", result.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_host.DatabasePath));
    }

    [Fact]
    public async Task Concatenated_gzip_files_are_one_file()
    {
        // `cat a.jsonl.gz b.jsonl.gz`: RFC 1952 members one after another; the trailer checked is the last one's.
        var file = Path.Combine(_host.Folder, "both.jsonl.gz");
        await File.WriteAllBytesAsync(file, [.. Gzip(Events[0] + "\n" + Events[1] + "\n"), .. Gzip(Events[2] + "\n")]);

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal((3, 0), ((int)JsonNode.Parse(result.Out)!["items"]!, (int)JsonNode.Parse(result.Out)!["failed"]!));
    }

    [Fact]
    public async Task Verbose_says_why_an_import_stopped_as_it_does_for_any_other_command()
    {
        var file = await WriteAsync("events.jsonl", string.Join("\n", Events) + "\n");

        var result = await CliHost.RunRawAsync(new CliEnvironment(), "import", file, "--server", "http://127.0.0.1:1", "--api-key", CliHost.WriterKey, "--verbose");

        Assert.Equal(4, result.Exit);
        Assert.Contains("SERVER_UNREACHABLE", result.Err, StringComparison.Ordinal);
        Assert.Contains("System.Net.Http.HttpRequestException", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get", "dataset:s3://lake:raw@1")]
    [InlineData("import", "events.jsonl")]
    public async Task A_folder_given_as_db_is_a_usage_error_that_says_so(string command, string argument)
    {
        await WriteAsync("events.jsonl", Events[0] + "\n");

        var result = await CliHost.RunRawAsync(new CliEnvironment(), command, command == "import" ? Path.Combine(_host.Folder, argument) : argument, "--db", _host.Folder);

        Assert.Equal(1, result.Exit);
        Assert.StartsWith($"lineage: USAGE: --db {_host.Folder} is a folder; name the database file", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_a_usage_error()
    {
        var result = await ImportAsync(CliHost.Embedded, Path.Combine(_host.Folder, "missing.jsonl"));

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("lineage: USAGE: Cannot read ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_json_array_is_invalid_input_and_writes_nothing()
    {
        var file = await WriteAsync("broken.json", $"[{Events[0]},{Events[2]},");

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(6, result.Exit);
        Assert.StartsWith("lineage: INVALID_INPUT: The file starts a JSON array but is not valid JSON", result.Err, StringComparison.Ordinal);

        // The array is checked whole before its first item is written, though items are read one at a time,
        // and before the database file is created.
        Assert.False(File.Exists(_host.DatabasePath));
    }

    [Fact]
    public async Task A_single_pretty_printed_document_is_one_item()
    {
        var file = await WriteAsync("batch.json", """

            {
              "entities": [{"key": "dataset:s3://lake:clicks@1"}],
              "edges": []
            }

            """);

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal((1, 1), ((int)JsonNode.Parse(result.Out)!["items"]!, (int)JsonNode.Parse(result.Out)!["entitiesCreated"]!));
    }

    [Fact]
    public async Task A_pretty_printed_document_with_a_syntax_error_is_one_error_and_writes_nothing()
    {
        // A trailing comma: before, each of its lines was an item that failed (exit 7).
        var file = await WriteAsync("batch.json", """
            {
              "entities": [{"key": "dataset:s3://lake:pretty@1"}],
              "edges": [],
            }
            """);

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(6, result.Exit);
        Assert.StartsWith("lineage: INVALID_INPUT: The file is pretty-printed JSON but is not valid JSON", result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
        Assert.False(File.Exists(_host.DatabasePath));
    }

    [Fact]
    public async Task Pretty_printed_documents_one_after_another_are_one_item_each()
    {
        // What jq . writes from a file of JSON lines.
        var file = await WriteAsync("jq.json", string.Join("\n", new[] { "a", "b", "c" }.Select(name => $$"""
            {
              "entities": [
                {"key": "dataset:s3://lake:jq_{{name}}@1"}
              ]
            }
            """)));

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal((3, 3), ((int)JsonNode.Parse(result.Out)!["items"]!, (int)JsonNode.Parse(result.Out)!["entitiesCreated"]!));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_property_nested_past_any_limit_fails_its_item_and_the_rest_go_in(string source)
    {
        // 200 levels: past the property rule (32) and past what the CLI's request writer takes (64), which stopped a remote import.
        var deep = string.Concat(Enumerable.Repeat("{\"x\":", 200)) + "1" + new string('}', 200);
        var file = await WriteAsync("deep.jsonl",
            $$"""{"entities": [{"key": "dataset:d:deep@1", "properties": {{deep}}}]}""" + "\n" + """{"entities": [{"key": "dataset:d:after@1"}]}""" + "\n");

        var result = await ImportAsync(source, file);

        Assert.True(result.Exit == 7, result.Out + result.Err);
        var failure = Assert.Single(JsonNode.Parse(result.Out)!["failures"]!.AsArray())!;
        Assert.Equal(("line 1", "INVALID_INPUT"), ((string)failure["position"]!, (string)failure["code"]!));
        Assert.Contains("nests more than 32 levels", (string)failure["message"]!, StringComparison.Ordinal);
        Assert.Equal(0, (await _host.RunAsync(source, "get", "dataset:d:after@1")).Exit);
    }

    [Fact]
    public async Task Documents_one_after_another_whose_first_line_is_not_a_lone_brace_are_one_item_each()
    {
        // The second line is a whole value, so the file does not look pretty-printed from its first two lines.
        var file = await WriteAsync("docs.json", """
            {"entities": [
              {"key": "dataset:s3://lake:pp_a@1"}
            ]}
            {"entities": [
              {"key": "dataset:s3://lake:pp_b@1"}
            ]}
            """);

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.True(result.Exit == 0, result.Out + result.Err);
        Assert.Equal((2, 2), ((int)JsonNode.Parse(result.Out)!["items"]!, (int)JsonNode.Parse(result.Out)!["entitiesCreated"]!));
    }

    [Fact]
    public async Task Json_lines_whose_first_line_is_broken_still_fail_that_line_alone()
    {
        var file = await WriteAsync("lines.jsonl", "{\"entities\": [\n" + Events[0] + "\n");

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(7, result.Exit);
        Assert.Equal((2, 1), ((int)JsonNode.Parse(result.Out)!["items"]!, (int)JsonNode.Parse(result.Out)!["failed"]!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF\n  \n")]
    public async Task An_empty_file_is_invalid_input(string text)
    {
        var file = await WriteAsync("empty.json", text);

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.Equal(6, result.Exit);
        Assert.StartsWith("lineage: INVALID_INPUT: The file holds no items", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_member_given_twice_fails_its_item_and_the_others_go_in(string source)
    {
        // In properties (which crashed the import, exit 70), in the batch itself (which kept the last), and in an entity.
        var file = await WriteAsync("twice.jsonl", string.Join("\n",
            """{"entities": [{"key": "dataset:s3://twice:ok@1"}]}""",
            """{"entities": [{"key": "dataset:s3://twice:props@1", "properties": {"a": 1, "a": 2}}]}""",
            """{"entities": [{"key": "dataset:s3://twice:first@1"}], "entities": [{"key": "dataset:s3://twice:second@1"}]}""",
            """{"entities": [{"key": "dataset:s3://twice:k@1", "key": "dataset:s3://twice:k@2"}]}""") + "\n");

        var result = await ImportAsync(source, file);

        Assert.Equal(7, result.Exit);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((4, 3), ((int)summary["items"]!, (int)summary["failed"]!));
        Assert.Equal(1, (int)summary["entitiesCreated"]!);
        Assert.DoesNotContain("internal error", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_member_repeated_with_its_value_is_read_once_as_spark_1_53_writes_it(string source)
    {
        var file = await WriteAsync("spark.jsonl",
            """{"eventType": "START", "eventTime": "2026-09-12T10:22:39.614Z", "run": {"runId": "01a09524-0028-721f-8488-fbdc96652f2e", "facets": {"processing_engine": {"name": "spark", "version": "4.2.0"}, "processing_engine": {"name": "spark", "version": "4.2.0"}}}, "job": {"namespace": "default", "name": "spark_shell.write"}}""" + "\n"
            + """{"entities": [{"key": "dataset:s3://twice:same@1", "description": "d", "description": "d"}]}""" + "\n");

        var result = await ImportAsync(source, file);

        Assert.True(result.Exit == 0, result.Err);
        var run = JsonNode.Parse((await _host.RunAsync(source, "get", "run:default:spark_shell.write@01a09524-0028-721f-8488-fbdc96652f2e", "--format", "json")).Out)!;
        Assert.Equal("spark", (string)run["properties"]!["facets.processing_engine"]!["name"]!);
        var dataset = JsonNode.Parse((await _host.RunAsync(source, "get", "dataset:s3://twice:same@1", "--format", "json")).Out)!;
        Assert.Equal("d", (string)dataset["description"]!);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task The_gate_shows_each_deployment_by_the_path_the_impact_report_gives_it(string source)
    {
        // Two paths of three hops to the service; a gate that walked breadth first picked the other one.
        var file = await WriteAsync("two-ways.jsonl", """
            {"entities": [{"key": "dataset:s3://g:src@1"}, {"key": "dataset:s3://g:ra@1"}, {"key": "dataset:s3://g:rb@1"}, {"key": "model:g:mz@1"}, {"key": "model:g:ma@1"}, {"key": "deployment:prod:svc@1"}], "edges": [{"from": "dataset:s3://g:src@1", "to": "dataset:s3://g:ra@1", "relation": "DERIVES"}, {"from": "dataset:s3://g:src@1", "to": "dataset:s3://g:rb@1", "relation": "DERIVES"}, {"from": "dataset:s3://g:ra@1", "to": "model:g:mz@1", "relation": "DERIVES"}, {"from": "dataset:s3://g:rb@1", "to": "model:g:ma@1", "relation": "DERIVES"}, {"from": "model:g:mz@1", "to": "deployment:prod:svc@1", "relation": "DEPLOYED_AS"}, {"from": "model:g:ma@1", "to": "deployment:prod:svc@1", "relation": "DEPLOYED_AS"}]}
            """);
        Assert.Equal(0, (await ImportAsync(source, file)).Exit);

        var result = await _host.RunAsync(source, "impact", "dataset:s3://g:src@1", "--fail-on", "Deployment", "--format", "json");

        Assert.Equal(2, result.Exit);
        var answer = JsonNode.Parse(result.Out)!;
        var reported = answer["deployments"]![0]!["path"]!.ToJsonString();
        Assert.Equal(reported, answer["gate"]!["reached"]![0]!["path"]!.ToJsonString());
        Assert.Contains("model:g:ma@1", reported, StringComparison.Ordinal);
        Assert.Contains("-DERIVES-> dataset:s3://g:rb@1 -DERIVES-> model:g:ma@1 -DEPLOYED_AS->", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edge_to_an_entity_that_is_nowhere_reads_the_same_from_both_sources_named_by_its_end()
    {
        // The stores name the edge's end (edges[0].to), not the edge, for an end neither stored nor written.
        var file = await WriteAsync("missing-end.jsonl", """{"entities": [{"key": "dataset:s3://ends:b@1"}], "edges": [{"from": "dataset:s3://ends:b@1", "to": "run:jobs:nowhere@3f2504e0-4f89-11d3-9a0c-0305e82c3301", "relation": "INPUT_TO"}]}""" + "\n");

        var embedded = await ImportAsync(CliHost.Embedded, file);
        var server = await ImportAsync(CliHost.Server, file);

        Assert.Equal(7, embedded.Exit);
        Assert.Equal(embedded.Err, server.Err);
        Assert.Contains("NOT_FOUND: edges[0].to: run:jobs:nowhere@3f2504e0-4f89-11d3-9a0c-0305e82c3301 is neither stored nor written", embedded.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_refused_by_the_store_reads_the_same_from_both_sources_its_item_named_once()
    {
        var file = await WriteAsync("wrong-ends.jsonl", """{"entities": [{"key": "dataset:s3://ends:a@1"}, {"key": "model:reg:ends@1"}], "edges": [{"from": "model:reg:ends@1", "to": "dataset:s3://ends:a@1", "relation": "INPUT_TO"}]}""" + "\n");

        var embedded = await ImportAsync(CliHost.Embedded, file);
        var server = await ImportAsync(CliHost.Server, file);

        Assert.Equal(7, embedded.Exit);
        Assert.Equal(embedded.Err, server.Err);
        Assert.Contains("edges[0]: ", embedded.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("edges[0]: edges[0]", server.Err, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_typed_field_the_kind_does_not_have_fails_its_item_naming_it(string source)
    {
        var file = await WriteAsync("typo.jsonl", """{"entities": [{"key": "dataset:s3://typo:a@1", "dataset": {"rowCount": 1, "rowCuont": 5}}]}""" + "\n");

        var result = await ImportAsync(source, file);

        Assert.Equal(7, result.Exit);
        Assert.Contains("rowCuont", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Lineage.Graph", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8 with a byte order mark and CRLF")]
    [InlineData("utf-16 little-endian")]
    [InlineData("utf-16 big-endian")]
    public async Task Json_lines_are_read_in_utf8_with_a_mark_and_in_utf16(string encoding)
    {
        var text = $"{Events[0]}\r\nnot json\r\n{Events[2]}\r\n";
        var path = Path.Combine(_host.Folder, "events.jsonl");
        await File.WriteAllTextAsync(path, text, encoding switch
        {
            "utf-16 little-endian" => new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            "utf-16 big-endian" => new System.Text.UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            _ => new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        });

        var result = await ImportAsync(CliHost.Embedded, path);

        Assert.Equal(7, result.Exit);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((3, 2), ((int)summary["items"]!, (int)summary["changed"]!));
        Assert.Equal("line 2", (string)Assert.Single(summary["failures"]!.AsArray())!["position"]!);
    }

    [Fact]
    public async Task A_json_array_of_thousands_of_items_is_read_one_item_at_a_time()
    {
        const int items = 3000;
        var file = await WriteAsync("many.json", "[" + string.Join(",", Enumerable.Range(0, items).Select(i =>
            $$"""{"entities":[{"key":"dataset:s3://lake:t{{i}}@1"}],"edges":[]}""")) + "]");

        var result = await ImportAsync(CliHost.Embedded, file);

        Assert.True(result.Exit == 0, result.Err);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((items, items), ((int)summary["items"]!, (int)summary["entitiesCreated"]!));
        Assert.EndsWith($"import: {items}/{items} items, 0 failed\n", result.Err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();

    private Task<CliResult> ImportAsync(string source, string file) =>
        _host.RunAsync(source, new CliEnvironment(), CliHost.WriterKey, "import", file);

    private static byte[] Gzip(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_host.Folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    /// <summary>A training run that reads dataset:s3://lake:features@v1 and writes a model, model:s3://lake:churn@3.</summary>
    private static string RunEvent(string type, string runId)
    {
        var ev = new JsonObject
        {
            ["eventType"] = type,
            ["eventTime"] = "2026-06-02T10:00:00Z",
            ["producer"] = "https://github.com/acme/pipelines",
            ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent",
            ["run"] = new JsonObject { ["runId"] = runId },
            ["job"] = new JsonObject { ["namespace"] = "mlflow://acme", ["name"] = "train" },
            ["inputs"] = new JsonArray(Dataset("features", "v1", null)),
            ["outputs"] = new JsonArray(Dataset("churn", "3", "MODEL")),
        };
        return ev.ToJsonString();
    }

    private static JsonObject Dataset(string name, string version, string? type)
    {
        var facets = new JsonObject { ["version"] = new JsonObject { ["datasetVersion"] = version } };
        if (type is not null)
        {
            facets["datasetType"] = new JsonObject { ["datasetType"] = type };
        }

        return new JsonObject { ["namespace"] = "s3://lake", ["name"] = name, ["facets"] = facets };
    }
}
