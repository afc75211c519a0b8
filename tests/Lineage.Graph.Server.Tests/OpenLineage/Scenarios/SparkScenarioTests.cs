using Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;
using static Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Scenario;

namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios;

/// <summary>
/// A Spark action started by an Airflow task that fails with an error facet
/// (<see cref="SparkEvents"/>), read back edge by edge through GraphQL and Marquez's lineage.
/// </summary>
public sealed class SparkScenarioTests(SparkScenarioServer server) : IClassFixture<SparkScenarioServer>
{
    private const string SparkJob = "job:emr-prod:sessionize_clicks.execute_insert_into_hadoop_fs_relation_command";
    private const string SparkRun = "run:emr-prod:sessionize_clicks.execute_insert_into_hadoop_fs_relation_command@7a1e2b3c-4d5e-4f60-8172-93a4b5c6d7e8";
    private const string AirflowJob = "job:airflow-emr:clickstream_daily.sessionize";
    private const string AirflowRun = "run:airflow-emr:clickstream_daily.sessionize@7a1e2b3c-0000-4000-8000-0000000000aa";
    private const string Clicks = "dataset:hdfs://namenode.emr.internal:8020:/data/raw/clicks/dt=2026-06-01";
    private const string UserAgents = "dataset:s3a://acme-reference:lookup/user_agents";
    private const string Sessions = "dataset:s3a://acme-lake:sessions/dt=2026-06-01";

    [Fact]
    public async Task The_graph_holds_exactly_the_spark_run_its_parent_and_its_datasets()
    {
        using var reader = server.Reader();

        Assert.Equal(Sorted([SparkJob, SparkRun, AirflowJob, AirflowRun, Clicks, UserAgents, Sessions]), await EntitiesAsync(reader));
        Assert.Equal(
            Sorted(
            [
                Edge(SparkRun, "INSTANCE_OF", SparkJob),
                Edge(SparkRun, "CHILD_OF", AirflowRun),
                Edge(AirflowRun, "INSTANCE_OF", AirflowJob),
                Edge(Clicks, "INPUT_TO", SparkRun),
                Edge(UserAgents, "INPUT_TO", SparkRun),
                Edge(SparkRun, "PRODUCED", Sessions),
            ]),
            await EdgesAsync(reader));
    }

    [Fact]
    public async Task A_walk_from_the_airflow_task_finds_the_spark_run_it_started_and_what_that_read()
    {
        using var reader = server.Reader();

        var (nodes, edges) = await WalkAsync(reader, AirflowJob, "BOTH");

        // Against INSTANCE_OF and CHILD_OF to the Spark run, then against its INPUT_TO; what it wrote lies downstream of it, not of the task.
        Assert.Equal([$"1 {AirflowRun}", $"2 {SparkRun}", $"3 {Clicks}", $"3 {UserAgents}"], nodes);
        Assert.Equal(
            Sorted(
            [
                Edge(AirflowRun, "INSTANCE_OF", AirflowJob),
                Edge(SparkRun, "CHILD_OF", AirflowRun),
                Edge(Clicks, "INPUT_TO", SparkRun),
                Edge(UserAgents, "INPUT_TO", SparkRun),
            ]),
            Sorted(edges));
    }

    [Fact]
    public async Task The_run_failed_and_keeps_its_error_message_facet()
    {
        using var reader = server.Reader();

        var run = await EntityAsync(reader, SparkRun, "... on Run { status startedAt endedAt parent { key } job { key } properties }");

        // START, RUNNING and FAIL: the end state wins, START set the start and FAIL the end.
        Assert.Equal(("FAIL", SparkJob, AirflowRun), (run.Str("status"), run.Str("job.key"), run.Str("parent.key")));
        Assert.Equal(DateTimeOffset.Parse("2026-06-01T05:10:00Z", null), run.At("startedAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-06-01T05:13:07.25Z", null), run.At("endedAt").GetDateTimeOffset());
        var properties = run.At("properties");
        var error = properties.GetProperty("facets.errorMessage");
        Assert.StartsWith("Job aborted due to stage failure: Task 17 in stage 4.0 failed 4 times", error.Str("message"), StringComparison.Ordinal);
        Assert.EndsWith("java.lang.OutOfMemoryError: Java heap space", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal("JAVA", error.Str("programmingLanguage"));
        Assert.StartsWith("org.apache.spark.SparkException: Job aborted", error.Str("stackTrace"), StringComparison.Ordinal);
        Assert.Contains("\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2898)\n", error.Str("stackTrace"), StringComparison.Ordinal);
        Assert.Equal("3.5.1", properties.GetProperty("facets.spark_version").Str("spark-version"));
        Assert.Equal("spark", properties.GetProperty("facets.processing_engine").Str("name"));
        Assert.Equal("yarn", properties.GetProperty("facets.spark_properties").GetProperty("properties").GetProperty("spark.master").GetString());
    }

    [Fact]
    public async Task The_parent_named_only_by_the_facet_is_a_run_with_nothing_but_its_job()
    {
        using var reader = server.Reader();

        var parent = await EntityAsync(reader, AirflowRun, "... on Run { status startedAt endedAt job { key } properties }");

        Assert.Equal(AirflowJob, parent.Str("job.key"));
        Assert.True(parent.IsNull("status") && parent.IsNull("startedAt") && parent.IsNull("endedAt"));
        Assert.Equal("{}", parent.At("properties").GetRawText());
    }

    [Fact]
    public async Task Each_dataset_keeps_its_schema_with_nested_fields_flattened()
    {
        using var reader = server.Reader();
        const string Selection = "... on Dataset { schema { name type } properties }";

        var agents = await EntityAsync(reader, UserAgents, Selection);
        Assert.Equal(["user_agent string", "device struct", "device.family string", "device.is_mobile boolean"], agents.At("schema").Items().Select(f => $"{f.Str("name")} {f.Str("type")}"));
        var sessions = await EntityAsync(reader, Sessions, Selection);
        Assert.Equal(["session_id", "user_id", "started_at", "pages", "device_family"], sessions.At("schema").Strings("name"));
        Assert.Equal("OVERWRITE", sessions.At("properties").GetProperty("facets.lifecycleStateChange").Str("lifecycleStateChange"));
        var clicks = await EntityAsync(reader, Clicks, Selection);
        Assert.Equal("hdfs://namenode.emr.internal:8020", clicks.At("properties").GetProperty("facets.dataSource").Str("uri"));
    }

    [Fact]
    public async Task Marquez_answers_the_spark_job_by_job_and_by_an_hdfs_dataset_with_a_port()
    {
        using var reader = server.Reader();
        string[] expected =
        [
            $"{Clicks} DATASET in[] out[{SparkJob}]",
            $"{Sessions} DATASET in[{SparkJob}] out[]",
            $"{UserAgents} DATASET in[] out[{SparkJob}]",
            $"{SparkJob} JOB in[{Clicks}, {UserAgents}] out[{Sessions}]",
        ];

        var byJob = await MarquezAsync(reader, SparkJob, 0);
        var byDataset = await MarquezAsync(reader, Clicks, 3);

        Assert.Equal(expected, Describe(byJob));
        Assert.Equal(expected, Describe(byDataset));
        var job = Node(byJob, SparkJob).GetProperty("data");
        Assert.Equal(("emr-prod", "sessionize_clicks.execute_insert_into_hadoop_fs_relation_command"), (job.Str("id.namespace"), job.Str("id.name")));
        Assert.Equal(("FAILED", "7a1e2b3c-4d5e-4f60-8172-93a4b5c6d7e8", 187_250L), (job.Str("latestRun.state"), job.Str("latestRun.id"), job.At("latestRun.durationMs").GetInt64()));
        var clicks = Node(byDataset, Clicks).GetProperty("data");
        Assert.Equal(("hdfs://namenode.emr.internal:8020", "/data/raw/clicks/dt=2026-06-01"), (clicks.Str("id.namespace"), clicks.Str("id.name")));
        Assert.Equal(["user_id", "url", "ts", "user_agent"], clicks.At("fields").Strings("name"));
    }

    [Fact]
    public async Task Marquez_answers_the_airflow_task_alone_with_a_new_latest_run()
    {
        using var reader = server.Reader();

        var graph = await MarquezAsync(reader, AirflowJob, 3);

        Assert.Equal([$"{AirflowJob} JOB in[] out[]"], Describe(graph));
        var job = Node(graph, AirflowJob).GetProperty("data");
        Assert.Equal("7a1e2b3c-0000-4000-8000-0000000000aa", job.Str("latestRun.id"));
        // Named only by the Spark run's parent facet: NEW, as Marquez records such a run (its clients need a state).
        Assert.Equal("NEW", job.Str("latestRun.state"));
    }

    [Fact]
    public async Task Replaying_the_events_leaves_the_graph_as_it_was()
    {
        // A server of its own, so that a replay that moved anything could not disturb the other tests of this class.
        using var fresh = new SparkScenarioServer();
        await fresh.InitializeAsync();
        using var reader = fresh.Reader();
        using var writer = fresh.Writer();
        var before = await SnapshotAsync(reader, (SparkJob, 0), (AirflowJob, 3));

        await fresh.SendAsync(writer);

        Assert.Equal(before, await SnapshotAsync(reader, (SparkJob, 0), (AirflowJob, 3)));
    }
}

/// <summary>The Spark scenario, each event on its own as the listener sends them.</summary>
public sealed class SparkScenarioServer : ScenarioServer
{
    public override Task SendAsync(GraphQLClient writer) => PostEachAsync(writer, EventList(SparkEvents.Json));
}
