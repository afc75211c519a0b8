using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Each failure has its own exit code and one line on stderr, never a stack trace.</summary>
public sealed class ExitCodeTests(GraphHost graph) : IClassFixture<GraphHost>
{
    private readonly CliHost _host = graph.Host;

    public static TheoryData<string> Sources() => [CliHost.Embedded, CliHost.Server];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task An_unknown_key_exits_3_with_one_line(string source)
    {
        var result = await _host.RunAsync(source, "impact", "dataset:s3://nowhere:missing@1");

        Assert.Equal(3, result.Exit);
        Assert.Equal("", result.Out);
        Assert.Equal("lineage: NOT_FOUND: No entity dataset:s3://nowhere:missing@1.\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Impact_of_a_dataset_named_without_its_version_exits_3_naming_the_versions_to_ask_for(string source)
    {
        var result = await _host.RunAsync(source, "impact", "dataset:s3://acme-lake/raw:click_events");

        Assert.Equal(3, result.Exit);
        Assert.Equal(
            "lineage: NOT_FOUND: No entity dataset:s3://acme-lake/raw:click_events. Its newest current versions: "
            + TestGraph.RawEvents + ", dataset:s3://acme-lake/raw:click_events@2026-06-01.\n",
            result.Err.ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Get_of_an_unknown_key_exits_3(string source)
    {
        var result = await _host.RunAsync(source, "get", "model:mlflow://registry:churn@99");

        Assert.Equal(3, result.Exit);
        Assert.Equal(
            "lineage: NOT_FOUND: No entity model:mlflow://registry:churn@99. Its newest current versions: model:mlflow://registry:churn@2, model:mlflow://registry:churn@1.\n",
            result.Err.ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_malformed_key_exits_6(string source)
    {
        var result = await _host.RunAsync(source, "provenance", "churn-model");

        Assert.Equal(6, result.Exit);
        Assert.StartsWith("lineage: INVALID_KEY: 'churn-model' does not start with a kind", result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Paths_between_entities_neither_leads_to_says_so_not_that_the_depth_cut_it(string source)
    {
        // The two versions of the model are joined only by NEXT_VERSION, which paths do not follow.
        var result = await _host.RunAsync(source, "paths", TestGraph.ModelV1, TestGraph.ModelV2, "--format", "table");

        Assert.Equal(0, result.Exit);
        Assert.Equal($"No path between {TestGraph.ModelV1} and {TestGraph.ModelV2}: neither leads to the other under the relations followed.\n", result.Out.ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_depth_past_the_cap_is_invalid_input_6(string source)
    {
        var result = await _host.RunAsync(source, "impact", TestGraph.RawEvents, "--depth", "101");
        var paths = await _host.RunAsync(source, "paths", TestGraph.RawEvents, TestGraph.ModelV1, "--limit", "101");

        Assert.Equal(6, result.Exit);
        Assert.Equal("lineage: DEPTH_LIMIT: --depth must be between 1 and 100; it was 101.\n", result.Err.ReplaceLineEndings("\n"));

        // Named as the option typed, not as the store's parameter (k).
        Assert.Equal(6, paths.Exit);
        Assert.Equal("lineage: LIMIT_EXCEEDED: --limit must be between 1 and 100; it was 101.\n", paths.Err.ReplaceLineEndings("\n"));

        // Too large for any cap: past it as surely as 101 is.
        var huge = await _host.RunAsync(source, "impact", TestGraph.RawEvents, "--depth", "99999999999");
        var hugeLimit = await _host.RunAsync(source, "lineage", TestGraph.RawEvents, "--limit", "99999999999");
        Assert.Equal((6, "lineage: DEPTH_LIMIT: --depth 99999999999 is past any depth cap.\n"), (huge.Exit, huge.Err.ReplaceLineEndings("\n")));
        Assert.Equal((6, "lineage: LIMIT_EXCEEDED: --limit 99999999999 is past any limit cap.\n"), (hugeLimit.Exit, hugeLimit.Err.ReplaceLineEndings("\n")));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task The_gate_exits_2_and_reports_what_was_reached_and_how(string source)
    {
        var result = await _host.RunAsync(source, "impact", TestGraph.RawEvents, "--fail-on", "Deployment", "--format", "json");

        Assert.Equal(2, result.Exit);
        Assert.Equal(
            $"""
            lineage: impact gate tripped: a change to {TestGraph.RawEvents} reaches 1 entity of kind DEPLOYMENT:
              DEPLOYMENT {TestGraph.Deployment} (depth 3)
                via {TestGraph.RawEvents} -INPUT_TO-> run:mlflow://acme:train_churn@1a2b3c4d-0000-4000-8000-000000000002 -PRODUCED-> {TestGraph.ModelV2} -DEPLOYED_AS-> {TestGraph.Deployment}

            """,
            result.Err.ReplaceLineEndings("\n"));
        var gate = JsonDocument.Parse(result.Out).RootElement.GetProperty("gate");
        Assert.True(gate.GetProperty("tripped").GetBoolean());
        Assert.Equal(["DEPLOYMENT"], gate.GetProperty("failOn").EnumerateArray().Select(k => k.GetString()));
        var reached = Assert.Single(gate.GetProperty("reached").EnumerateArray());
        Assert.Equal(TestGraph.Deployment, reached.GetProperty("key").GetString());
        Assert.Equal(
            ["INPUT_TO", "PRODUCED", "DEPLOYED_AS"],
            reached.GetProperty("path").EnumerateArray().Select(e => e.GetProperty("relation").GetString()));
    }

    [Fact]
    public async Task A_tripped_gate_whose_answer_stdout_cannot_take_still_reports_the_gate_before_exiting_74()
    {
        // The answer's failure was thrown before the gate's report was written: exit 74, with no word that the gate tripped.
        using var stderr = new StringWriter();

        var exit = await Cli.RunAsync(["impact", TestGraph.RawEvents, "--fail-on", "Deployment", "--format", "json", "--db", _host.DatabasePath], FailingOutput.FullDisk(), stderr, new CliEnvironment());

        Assert.Equal(74, exit);
        var err = stderr.ToString().ReplaceLineEndings("\n");
        Assert.StartsWith($"lineage: impact gate tripped: a change to {TestGraph.RawEvents} reaches 1 entity of kind DEPLOYMENT:\n", err, StringComparison.Ordinal);
        Assert.EndsWith("\nlineage: OUTPUT_FAILED: Cannot write to standard output: No space left on device; the gate tripped (exit 2), as reported above.\n", err, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task The_gate_lists_every_entity_of_every_named_kind(string source)
    {
        var result = await _host.RunAsync(source, "impact", TestGraph.RawEvents, "--fail-on", "model", "--fail-on", "FEATURE", "--format", "table");

        Assert.Equal(2, result.Exit);
        Assert.Contains("reaches 3 entities of kind FEATURE or MODEL:", result.Err, StringComparison.Ordinal);
        Assert.Contains($"  MODEL {TestGraph.ModelV1} (depth 6)", result.Err, StringComparison.Ordinal);
        Assert.Contains($"  FEATURE {TestGraph.Features} (depth 4)", result.Err, StringComparison.Ordinal);
        Assert.Contains("Gate: tripped (3 of FEATURE, MODEL reached)", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_gate_that_nothing_trips_exits_0(string source)
    {
        var result = await _host.RunAsync(source, "impact", TestGraph.ModelV1, "--fail-on", "DEPLOYMENT", "--format", "json");

        Assert.Equal(0, result.Exit);
        Assert.Equal("", result.Err);
        var gate = JsonDocument.Parse(result.Out).RootElement.GetProperty("gate");
        Assert.False(gate.GetProperty("tripped").GetBoolean());
        Assert.Empty(gate.GetProperty("reached").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_gate_over_a_walk_stopped_by_depth_trips_rather_than_pass_on_part_of_the_graph(string source)
    {
        // The deployment lies at depth 3; at --depth 2 the walk stops at the model that leads to it.
        var json = await _host.RunAsync(source, "impact", TestGraph.RawEvents, "--depth", "2", "--fail-on", "Deployment", "--format", "json");
        var table = await _host.RunAsync(source, "impact", TestGraph.RawEvents, "--depth", "2", "--fail-on", "Deployment", "--format", "table");

        Assert.Equal(2, json.Exit);
        Assert.Contains($"lineage: impact gate tripped: the walk from {TestGraph.RawEvents} stopped at depth 2, and ", json.Err, StringComparison.Ordinal);
        Assert.Contains($"\n  MODEL {TestGraph.ModelV2}\n", json.Err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var answer = JsonDocument.Parse(json.Out).RootElement;
        Assert.Contains(TestGraph.ModelV2, answer.GetProperty("beyondDepth").EnumerateArray().Select(k => k.GetString()));
        var gate = answer.GetProperty("gate");
        Assert.True(gate.GetProperty("tripped").GetBoolean());
        Assert.True(gate.GetProperty("incomplete").GetBoolean());
        Assert.Empty(gate.GetProperty("reached").EnumerateArray());
        Assert.Contains(TestGraph.ModelV2, gate.GetProperty("beyondDepth").EnumerateArray().Select(n => n.GetProperty("key").GetString()));
        Assert.Equal(2, table.Exit);
        Assert.Contains("Gate: tripped (the walk stopped at the depth bound, so no DEPLOYMENT beyond can be ruled out)", table.Out, StringComparison.Ordinal);

        // Deep enough for the whole closure, the gate judges all of it.
        var whole = await _host.RunAsync(source, "impact", TestGraph.RawEvents, "--depth", "100", "--fail-on", "Deployment", "--format", "json");
        Assert.Equal(2, whole.Exit);
        Assert.False(JsonDocument.Parse(whole.Out).RootElement.GetProperty("gate").GetProperty("incomplete").GetBoolean());
    }

    [Fact]
    public async Task A_gate_over_a_walk_cut_short_trips_rather_than_pass_on_part_of_the_graph()
    {
        // 10,100 datasets downstream of the source, past the limit of 10,000 a report walks with, and no
        // deployment among those the walk returns: the gate cannot know none lies beyond, so it fails closed.
        var source = Core.EntityKey.Parse("dataset:s3://big:src@1");
        var derived = Enumerable.Range(0, 10_100).Select(i => Core.EntityKey.Parse($"dataset:s3://big:d{i:D5}@1")).ToList();
        var batch = new Core.WriteBatch
        {
            Entities = [.. derived.Prepend(source).Select(key => new Core.EntityInput { Key = key })],
            Edges = [.. derived.Select(key => new Core.EdgeInput(source, key, Core.RelationKind.Derives))],
        };

        await InDatabaseOfAsync(batch, async database =>
        {
            var json = await CliHost.RunRawAsync(new CliEnvironment(), "impact", source.ToString(), "--fail-on", "Deployment", "--format", "json", "--db", database);
            var table = await CliHost.RunRawAsync(new CliEnvironment(), "impact", source.ToString(), "--fail-on", "Deployment", "--format", "table", "--db", database);

            Assert.Equal(2, json.Exit);
            Assert.Contains("stopped at 10000 entities", json.Err, StringComparison.Ordinal);
            var gate = JsonDocument.Parse(json.Out).RootElement.GetProperty("gate");
            Assert.True(gate.GetProperty("tripped").GetBoolean());
            Assert.True(gate.GetProperty("incomplete").GetBoolean());
            Assert.Empty(gate.GetProperty("reached").EnumerateArray());
            Assert.Equal(2, table.Exit);
            Assert.Contains("Gate: tripped (the walk was cut short at 10000 entities", table.Out, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_gate_on_a_job_trips_on_what_it_derives_and_is_refused_where_a_pass_would_leave_out_its_runs(string source)
    {
        // A job's runs are INSTANCE_OF it, which walks do not follow: a job's impact holds only what it DERIVES.
        // A gate on it trips on that, but a pass means nothing when the job derives nothing, or has runs whose
        // outputs (here a deployed model) are not judged.
        var runsOnly = Core.EntityKey.Parse("job:airflow://prod:train");
        var run = Core.EntityKey.Parse("run:airflow://prod:train@0b6e3c4e-8d0e-4c55-9a3f-2f1c7c1d1a01");
        var deriving = Core.EntityKey.Parse("job:airflow://prod:finetune");
        var derivingRun = Core.EntityKey.Parse("run:airflow://prod:finetune@0b6e3c4e-8d0e-4c55-9a3f-2f1c7c1d1a02");
        var model = Core.EntityKey.Parse("model:registry:tuned@1");
        var deployment = Core.EntityKey.Parse("deployment:prod:tuned-api@1");
        var derivingAndRuns = Core.EntityKey.Parse("job:airflow://prod:score");
        var scoreRun = Core.EntityKey.Parse("run:airflow://prod:score@0b6e3c4e-8d0e-4c55-9a3f-2f1c7c1d1a03");
        var scores = Core.EntityKey.Parse("dataset:warehouse:scores@1");
        var scoredModel = Core.EntityKey.Parse("model:registry:scored@1");
        var scoredDeployment = Core.EntityKey.Parse("deployment:prod:scored-api@1");
        var derivingOnly = Core.EntityKey.Parse("job:airflow://prod:export");
        var export = Core.EntityKey.Parse("dataset:warehouse:export@1");
        var before = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var graph = new Core.WriteBatch
        {
            Entities =
            [
                .. new[] { runsOnly, run, deriving, derivingRun, model, deployment, derivingAndRuns, scores, derivingOnly, export }
                    .Select(key => new Core.EntityInput { Key = key }),
            ],
            Edges =
            [
                new Core.EdgeInput(run, runsOnly, Core.RelationKind.InstanceOf),
                new Core.EdgeInput(deriving, model, Core.RelationKind.Derives),
                new Core.EdgeInput(derivingRun, deriving, Core.RelationKind.InstanceOf),
                new Core.EdgeInput(model, deployment, Core.RelationKind.DeployedAs),
                new Core.EdgeInput(derivingAndRuns, scores, Core.RelationKind.Derives),
                new Core.EdgeInput(derivingOnly, export, Core.RelationKind.Derives),
            ],
        };

        // The score job's run comes an hour later: as of before it, the job has no runs and its gate may pass.
        var laterRun = new Core.WriteBatch
        {
            Entities = [.. new[] { scoreRun, scoredModel, scoredDeployment }.Select(key => new Core.EntityInput { Key = key })],
            Edges =
            [
                new Core.EdgeInput(scoreRun, derivingAndRuns, Core.RelationKind.InstanceOf),
                new Core.EdgeInput(scoreRun, scoredModel, Core.RelationKind.Produced),
                new Core.EdgeInput(scoredModel, scoredDeployment, Core.RelationKind.DeployedAs),
            ],
        };

        using var host = new CliHost(async path =>
        {
            var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(before);
            await using var store = Sqlite.SqliteLineageStore.Open(new Sqlite.SqliteStoreOptions { Path = path }, new Core.TraversalLimits(), clock);
            await store.WriteAsync(graph);
            clock.Advance(TimeSpan.FromHours(1));
            await store.WriteAsync(laterRun);
        });
        var refused = await host.RunAsync(source, "impact", runsOnly.ToString(), "--fail-on", "Deployment");
        var judged = await host.RunAsync(source, "impact", deriving.ToString(), "--fail-on", "Deployment", "--format", "json");
        var partial = await host.RunAsync(source, "impact", derivingAndRuns.ToString(), "--fail-on", "Deployment");
        var beforeItsRun = await host.RunAsync(source, "impact", derivingAndRuns.ToString(), "--fail-on", "Deployment", "--as-of", "2026-06-01T12:30:00Z");
        var passed = await host.RunAsync(source, "impact", derivingOnly.ToString(), "--fail-on", "Deployment", "--format", "json");
        var ungated = await host.RunAsync(source, "impact", runsOnly.ToString(), "--format", "json");

        Assert.True(refused.Exit == 1, refused.Err);
        Assert.StartsWith($"lineage: USAGE: --fail-on on {runsOnly} would pass every change: nothing leads from the job", refused.Err, StringComparison.Ordinal);
        Assert.Equal("", refused.Out);
        Assert.True(judged.Exit == 2, judged.Err);
        Assert.Equal(deployment.ToString(), JsonDocument.Parse(judged.Out).RootElement.GetProperty("gate").GetProperty("reached")[0].GetProperty("key").GetString());
        Assert.True(partial.Exit == 1, partial.Err);
        Assert.StartsWith($"lineage: USAGE: --fail-on on {derivingAndRuns} cannot pass: the job has runs", partial.Err, StringComparison.Ordinal);
        Assert.Equal("", partial.Out);
        Assert.True(beforeItsRun.Exit == 0, beforeItsRun.Err);
        Assert.True(passed.Exit == 0, passed.Err);
        Assert.False(JsonDocument.Parse(passed.Out).RootElement.GetProperty("gate").GetProperty("tripped").GetBoolean());
        Assert.True(ungated.Exit == 0, ungated.Err);
    }

    /// <summary>Runs <paramref name="check"/> on a database of its own that holds <paramref name="batch"/>, removed afterwards.</summary>
    private static async Task InDatabaseOfAsync(Core.WriteBatch batch, Func<string, Task> check)
    {
        var folder = Directory.CreateTempSubdirectory("lineage-gate-").FullName;
        try
        {
            var database = Path.Combine(folder, "lineage.db");
            await using (var store = Sqlite.SqliteLineageStore.Open(new Sqlite.SqliteStoreOptions { Path = database }, new Core.TraversalLimits(), TimeProvider.System))
            {
                await store.WriteAsync(batch);
            }

            await check(database);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("unknown command", new[] { "blast-radius", "x" }, "Unknown command 'blast-radius'.")]
    [InlineData("no command", new string[0], "Name a command:")]
    [InlineData("unknown option", new[] { "impact", "dataset:a:b@1", "--deep", "3" }, "Unknown option --deep.")]
    [InlineData("option of another command", new[] { "provenance", "model:a:b@1", "--fail-on", "RUN" }, "provenance does not take --fail-on.")]
    [InlineData("no history for get", new[] { "get", "model:a:b@1", "--as-of", "2026-06-01T00:00:00Z" }, "get does not take --as-of.")]
    [InlineData("missing argument", new[] { "paths", "dataset:a:b@1" }, "paths takes FROM TO; 1 argument was given.")]
    [InlineData("missing value", new[] { "impact", "dataset:a:b@1", "--depth" }, "--depth needs a value.")]
    [InlineData("flag given a value", new[] { "get", "model:a:b@1", "--verbose=no" }, "--verbose takes no value; it was given 'no'.")]
    [InlineData("help given a value", new[] { "get", "model:a:b@1", "--help=x" }, "--help takes no value; it was given 'x'.")]
    [InlineData("bad depth", new[] { "impact", "dataset:a:b@1", "--depth", "two" }, "--depth must be a whole number above 0, not 'two'.")]
    [InlineData("bad kind", new[] { "impact", "dataset:a:b@1", "--fail-on", "Prod" }, "--fail-on: unknown value 'Prod'.")]
    [InlineData("empty gate", new[] { "impact", "dataset:a:b@1", "--fail-on", "" }, "--fail-on needs at least one value; it was given none.")]
    [InlineData("gate of commas", new[] { "impact", "dataset:a:b@1", "--fail-on", " , " }, "--fail-on needs at least one value; it was given none.")]
    [InlineData("gate that cannot trip", new[] { "impact", "dataset:a:b@1", "--relation", "INPUT_TO,PRODUCED", "--fail-on", "Deployment" }, "--fail-on DEPLOYMENT can never trip: from a DATASET, the relations in --relation INPUT_TO,PRODUCED lead only to DATASET, FEATURE, MODEL, RUN")]
    [InlineData("gate whose relation is never reached", new[] { "impact", "dataset:a:b@1", "--relation", "INPUT_TO,DEPLOYED_AS", "--fail-on", "Deployment" }, "lead only to RUN, so every change would pass")]
    [InlineData("gate from a kind no relation leaves", new[] { "impact", "dataset:a:b@1", "--relation", "DEPLOYED_AS", "--fail-on", "Deployment" }, "lead only to nothing")]
    [InlineData("empty kinds", new[] { "lineage", "dataset:a:b@1", "--kind", "" }, "--kind needs at least one value; it was given none.")]
    [InlineData("bad direction", new[] { "lineage", "dataset:a:b@1", "--direction", "sideways" }, "--direction: unknown value 'sideways'.")]
    [InlineData("bad instant", new[] { "impact", "dataset:a:b@1", "--as-of", "yesterday" }, "--as-of must be an ISO 8601 instant")]
    [InlineData("ambiguous date", new[] { "impact", "dataset:a:b@1", "--as-of", "06/01/2026" }, "--as-of must be an ISO 8601 instant")]
    [InlineData("drawing a diff", new[] { "diff", "model:a:b@1", "model:a:b@2", "--format", "dot" }, "--format dot draws a graph; diff answers with none")]
    [InlineData("both sources", new[] { "get", "model:a:b@1", "--server", "http://localhost:5080" }, "--db opens a database file directly")]
    public async Task Bad_arguments_exit_1_with_one_line(string what, string[] args, string message)
    {
        var result = await CliHost.RunRawAsync(new CliEnvironment(), [.. args, "--db", _host.DatabasePath]);

        Assert.True(result.Exit == 1, $"{what}: exit {result.Exit}, {result.Err}");
        Assert.StartsWith("lineage: USAGE: ", result.Err, StringComparison.Ordinal);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task An_empty_database_path_exits_1()
    {
        var result = await CliHost.RunRawAsync(new CliEnvironment(), "get", TestGraph.ModelV1, "--db", "");

        Assert.Equal(1, result.Exit);
        Assert.Equal("lineage: USAGE: --db needs a file path; it was given an empty one. (see lineage --help)\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Naming_no_source_exits_1()
    {
        var result = await CliHost.RunRawAsync(new CliEnvironment(), "get", TestGraph.ModelV1);

        Assert.Equal(1, result.Exit);
        Assert.Equal(
            "lineage: USAGE: Name a server (--server URL, or LINEAGE_URL) or a database file (--db PATH). (see lineage --help)\n",
            result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_server_that_is_down_exits_4()
    {
        var port = ClosedPort();
        var result = await CliHost.RunRawAsync(new CliEnvironment(), "impact", TestGraph.RawEvents, "--server", $"http://127.0.0.1:{port}");

        Assert.Equal(4, result.Exit);
        Assert.StartsWith($"lineage: SERVER_UNREACHABLE: Cannot reach the server at http://127.0.0.1:{port}/graphql: ", result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task The_server_comes_from_LINEAGE_URL_when_no_option_names_one()
    {
        var port = ClosedPort();
        var environment = new CliEnvironment { Variables = new Dictionary<string, string?> { ["LINEAGE_URL"] = $"http://127.0.0.1:{port}/" } };
        var result = await CliHost.RunRawAsync(environment, "get", TestGraph.ModelV1);

        Assert.Equal(4, result.Exit);
        Assert.Contains($"http://127.0.0.1:{port}/graphql", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_database_file_wins_over_LINEAGE_URL()
    {
        var environment = new CliEnvironment { Variables = new Dictionary<string, string?> { ["LINEAGE_URL"] = $"http://127.0.0.1:{ClosedPort()}" } };
        var result = await CliHost.RunRawAsync(environment, "get", TestGraph.ModelV1, "--db", _host.DatabasePath, "--format", "json");

        Assert.Equal(0, result.Exit);
        Assert.Equal(TestGraph.ModelV1, JsonDocument.Parse(result.Out).RootElement.GetProperty("key").GetString());
    }

    [Fact]
    public async Task The_key_comes_from_LINEAGE_API_KEY_when_no_option_names_one()
    {
        var environment = new CliEnvironment
        {
            Variables = new Dictionary<string, string?> { ["LINEAGE_URL"] = "http://localhost", ["LINEAGE_API_KEY"] = CliHost.ReaderKey },
            HttpHandler = _host.ServerHandler(),
        };
        var result = await CliHost.RunRawAsync(environment, "get", TestGraph.ModelV1, "--format", "json");

        Assert.Equal(0, result.Exit);
        Assert.Equal(TestGraph.ModelV1, JsonDocument.Parse(result.Out).RootElement.GetProperty("key").GetString());
    }

    [Fact]
    public async Task A_wrong_api_key_exits_5()
    {
        var result = await _host.RunAsync(CliHost.Server, new CliEnvironment(), "not-a-key-0123456789abcdef", "get", TestGraph.ModelV1);

        Assert.Equal(5, result.Exit);
        Assert.StartsWith("lineage: UNAUTHENTICATED: The API key is not valid.", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_api_key_exits_5_when_anonymous_read_is_off()
    {
        var environment = new CliEnvironment { HttpHandler = _host.ServerHandler() };
        var result = await CliHost.RunRawAsync(environment, "get", TestGraph.ModelV1, "--server", "http://localhost");

        Assert.Equal(5, result.Exit);
        Assert.StartsWith("lineage: UNAUTHENTICATED: ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_with_a_reader_key_exits_5()
    {
        var file = Path.Combine(_host.Folder, "one-batch.json");
        await File.WriteAllTextAsync(file, """{"entities": [{"key": "dataset:file:refused@1"}]}""");

        var result = await _host.RunAsync(CliHost.Server, "import", file);

        Assert.Equal(5, result.Exit);
        Assert.StartsWith("lineage: FORBIDDEN: This operation needs the writer role; the key 'reader' has reader.", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_file_exits_4_and_is_not_created()
    {
        var path = Path.Combine(_host.Folder, "typo.db");
        var result = await CliHost.RunRawAsync(new CliEnvironment(), "get", TestGraph.ModelV1, "--db", path);

        Assert.Equal(4, result.Exit);
        Assert.Equal($"lineage: STORE_UNAVAILABLE: No database file at {path}.\n", result.Err.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Help_exits_0_and_documents_the_exit_codes()
    {
        var result = await CliHost.RunRawAsync(new CliEnvironment(), "--help");

        Assert.Equal(0, result.Exit);
        foreach (var line in new[]
        {
            "Exit codes:", "  2   impact --fail-on:", "  5   refused:", "writes (READ_ONLY)", "  7   import finished, but some items failed", "  70  internal error",
            "  74  the output could not be written", "  130 interrupted", "put -- before arguments that start with '-'", "NEXT_VERSION, INSTANCE_OF, CHILD_OF",
        })
        {
            Assert.Contains(line, result.Out, StringComparison.Ordinal);
        }

        var impact = await CliHost.RunRawAsync(new CliEnvironment(), "impact", "--help");
        Assert.Equal(0, impact.Exit);
        Assert.Contains("Usage: lineage impact KEY [options]", impact.Out, StringComparison.Ordinal);
        Assert.Contains("--fail-on", impact.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("impact", "--help")]
    public async Task Help_that_stdout_cannot_take_exits_74_not_as_an_internal_error(params string[] args)
    {
        // `lineage --help > /dev/full` was "internal error: IOException", exit 70.
        using var stderr = new StringWriter();

        var exit = await Cli.RunAsync(args, FailingOutput.FullDisk(), stderr, new CliEnvironment());

        Assert.Equal(74, exit);
        Assert.Equal("lineage: OUTPUT_FAILED: Cannot write to standard output: No space left on device\n", stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Help_to_a_closed_stdout_exits_74_not_as_an_internal_error()
    {
        // `lineage --help >&-` and `1</dev/null` were "internal error: UnauthorizedAccessException", exit 70: .NET's EBADF.
        using var stderr = new StringWriter();

        var exit = await Cli.RunAsync(["--help"], FailingOutput.Closed(), stderr, new CliEnvironment());

        Assert.Equal(74, exit);
        Assert.Equal("lineage: OUTPUT_FAILED: Cannot write to standard output: Access to the path is denied.\n", stderr.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>A localhost port nothing listens on: bound by the system, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
