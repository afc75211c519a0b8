using System.Text.Json;
using Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;
using static Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Scenario;

namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios;

/// <summary>
/// An Airflow DAG of three tasks, GCS to BigQuery to a BigQuery mart (<see cref="AirflowEvents"/>),
/// sent through the batch endpoint, read back edge by edge through GraphQL and Marquez's lineage.
/// </summary>
public sealed class AirflowScenarioTests(AirflowScenarioServer server) : IClassFixture<AirflowScenarioServer>
{
    private const string DagJob = "job:composer-prod:gcs_to_bq_daily";
    private const string LoadJob = "job:composer-prod:gcs_to_bq_daily.load_raw_orders";
    private const string TransformJob = "job:composer-prod:gcs_to_bq_daily.transform_orders";
    private const string BuildJob = "job:composer-prod:gcs_to_bq_daily.build_daily_revenue";
    private const string DagRun = "run:composer-prod:gcs_to_bq_daily@01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01";
    private const string LoadRun = "run:composer-prod:gcs_to_bq_daily.load_raw_orders@01923f6e-6b2c-7d3e-9f40-5b6c7d8e9f02";
    private const string TransformRun = "run:composer-prod:gcs_to_bq_daily.transform_orders@01923f6e-7c3d-7e4f-a051-6c7d8e9fa003";
    private const string BuildRun = "run:composer-prod:gcs_to_bq_daily.build_daily_revenue@01923f6e-8d4e-7f50-b162-7d8e9fab0104";
    private const string Landing = "dataset:gs://acme-landing:orders/2026-06-01";
    private const string RawOrders = "dataset:bigquery:acme-analytics.raw.orders";
    private const string OrdersClean = "dataset:bigquery:acme-analytics.staging.orders_clean";
    private const string Currencies = "dataset:bigquery:acme-analytics.reference.currencies";
    private const string DailyRevenue = "dataset:bigquery:acme-analytics.marts.daily_revenue";

    [Fact]
    public async Task The_graph_holds_exactly_the_dag_its_tasks_and_their_tables()
    {
        using var reader = server.Reader();

        Assert.Equal(
            Sorted([DagJob, LoadJob, TransformJob, BuildJob, DagRun, LoadRun, TransformRun, BuildRun, Landing, RawOrders, OrdersClean, Currencies, DailyRevenue]),
            await EntitiesAsync(reader));
        Assert.Equal(
            Sorted(
            [
                Edge(DagRun, "INSTANCE_OF", DagJob),
                Edge(LoadRun, "INSTANCE_OF", LoadJob),
                Edge(LoadRun, "CHILD_OF", DagRun),
                Edge(Landing, "INPUT_TO", LoadRun),
                Edge(LoadRun, "PRODUCED", RawOrders),
                Edge(TransformRun, "INSTANCE_OF", TransformJob),
                Edge(TransformRun, "CHILD_OF", DagRun),
                Edge(RawOrders, "INPUT_TO", TransformRun),
                Edge(TransformRun, "PRODUCED", OrdersClean),
                Edge(BuildRun, "INSTANCE_OF", BuildJob),
                Edge(BuildRun, "CHILD_OF", DagRun),
                Edge(OrdersClean, "INPUT_TO", BuildRun),
                Edge(Currencies, "INPUT_TO", BuildRun),
                Edge(BuildRun, "PRODUCED", DailyRevenue),
            ]),
            await EdgesAsync(reader));
    }

    [Fact]
    public async Task A_walk_both_ways_from_the_raw_table_reaches_its_ancestors_and_descendants_but_no_siblings()
    {
        using var reader = server.Reader();

        var (nodes, edges) = await WalkAsync(reader, RawOrders, "BOTH");

        // Nodes come by depth, then kind and key (which starts with the kind).
        // The currencies table feeds the last task but is reached only by going down and then up, so
        // it is a sibling, not a relative; the load task's CHILD_OF edge is behind the walk's back.
        Assert.Equal(
        [
            $"1 {LoadRun}", $"1 {TransformRun}",
            $"2 {OrdersClean}", $"2 {Landing}", $"2 {TransformJob}", $"2 {DagRun}",
            $"3 {DagJob}", $"3 {BuildRun}",
            $"4 {DailyRevenue}", $"4 {BuildJob}",
        ], nodes);
        Assert.Equal(
            Sorted(
            [
                Edge(Landing, "INPUT_TO", LoadRun),
                Edge(LoadRun, "PRODUCED", RawOrders),
                Edge(RawOrders, "INPUT_TO", TransformRun),
                Edge(TransformRun, "PRODUCED", OrdersClean),
                Edge(TransformRun, "INSTANCE_OF", TransformJob),
                Edge(TransformRun, "CHILD_OF", DagRun),
                Edge(DagRun, "INSTANCE_OF", DagJob),
                Edge(OrdersClean, "INPUT_TO", BuildRun),
                Edge(BuildRun, "PRODUCED", DailyRevenue),
                Edge(BuildRun, "INSTANCE_OF", BuildJob),
                Edge(BuildRun, "CHILD_OF", DagRun),
            ]),
            Sorted(edges));
    }

    [Fact]
    public async Task Each_run_is_complete_with_its_times_and_its_airflow_facets()
    {
        using var reader = server.Reader();
        const string Selection = "... on Run { status startedAt endedAt parent { key } job { key } properties }";

        var dag = await EntityAsync(reader, DagRun, Selection);
        Assert.Equal(("COMPLETE", DagJob), (dag.Str("status"), dag.Str("job.key")));
        Assert.True(dag.IsNull("parent"));
        Assert.Equal(DateTimeOffset.Parse("2026-06-01T02:00:05.123456Z", null), dag.At("startedAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-06-01T02:14:40.5Z", null), dag.At("endedAt").GetDateTimeOffset());
        Assert.Equal("scheduled__2026-06-01T02:00:00+00:00", dag.At("properties").GetProperty("facets.airflowDagRun").Str("dagRun.run_id"));

        foreach (var (run, job, started, ended, operatorClass, duration) in new[]
        {
            (LoadRun, LoadJob, "2026-06-01T02:00:09.5Z", "2026-06-01T02:03:41.25Z", "GCSToBigQueryOperator", 211.75),
            (TransformRun, TransformJob, "2026-06-01T02:03:45Z", "2026-06-01T02:07:12Z", "BigQueryInsertJobOperator", 207.0),
            (BuildRun, BuildJob, "2026-06-01T02:07:15Z", "2026-06-01T02:14:38Z", "BigQueryInsertJobOperator", 443.0),
        })
        {
            var task = await EntityAsync(reader, run, Selection);
            Assert.Equal(("COMPLETE", job, DagRun), (task.Str("status"), task.Str("job.key"), task.Str("parent.key")));
            Assert.Equal(DateTimeOffset.Parse(started, null), task.At("startedAt").GetDateTimeOffset());
            Assert.Equal(DateTimeOffset.Parse(ended, null), task.At("endedAt").GetDateTimeOffset());
            var properties = task.At("properties");
            Assert.Equal(operatorClass, properties.GetProperty("facets.airflow").Str("task.operator_class"));

            // START and COMPLETE both carry the airflow facet; the COMPLETE's, the later, is the one kept.
            Assert.Equal(duration, properties.GetProperty("facets.airflow").At("taskInstance.duration").GetDouble());
            Assert.Equal("2026-06-01T02:00:00+00:00", properties.GetProperty("facets.nominalTime").Str("nominalStartTime"));
            Assert.Equal("Airflow", properties.GetProperty("facets.processing_engine").Str("name"));

            // The parent facet became the CHILD_OF edge, and is kept whole too, for what has no edge (its root).
            Assert.Equal("01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01", properties.GetProperty("facets.parent").Str("run.runId"));
        }

        var transform = await EntityAsync(reader, TransformRun, "properties");
        Assert.Equal("bquxjob_5f3c2a1b_18f9e0d7c6b", transform.At("properties").GetProperty("facets.externalQuery").Str("externalQueryId"));
        var transformJob = await EntityAsync(reader, TransformJob, "properties");
        Assert.Equal("TASK", transformJob.At("properties").GetProperty("facets.jobType").Str("jobType"));
        Assert.StartsWith("SELECT order_id", transformJob.At("properties").GetProperty("facets.sql").Str("query"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_table_has_the_schema_and_row_count_its_writer_reported()
    {
        using var reader = server.Reader();
        const string Selection = "... on Dataset { version rowCount schema { name type } properties }";

        var raw = await EntityAsync(reader, RawOrders, Selection);
        Assert.True(raw.IsNull("version"));
        Assert.Equal(48211, raw.At("rowCount").GetInt64());
        Assert.Equal(["order_id INTEGER", "customer_id INTEGER", "amount NUMERIC", "currency STRING", "ordered_at TIMESTAMP"], Fields(raw));
        Assert.Equal(5123456, raw.At("properties").GetProperty("outputFacets.outputStatistics").At("size").GetInt64());

        var clean = await EntityAsync(reader, OrdersClean, Selection);
        Assert.Equal(48187, clean.At("rowCount").GetInt64());
        Assert.Equal(["order_id INTEGER", "customer_id INTEGER", "amount_usd NUMERIC", "order_date DATE"], Fields(clean));

        var revenue = await EntityAsync(reader, DailyRevenue, Selection);
        Assert.Equal(1, revenue.At("rowCount").GetInt64());
        Assert.Equal(["order_date DATE", "revenue_usd NUMERIC", "orders INTEGER"], Fields(revenue));

        // The landing files and the currencies table were only read, with no facets: nothing but the key is known.
        foreach (var key in new[] { Landing, Currencies })
        {
            var dataset = await EntityAsync(reader, key, Selection);
            Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, "{}"), (dataset.At("rowCount").ValueKind, dataset.At("schema").ValueKind, dataset.At("properties").GetRawText()));
        }
    }

    // A Marquez node id and the key of a job or an unversioned dataset read the same (kind:namespace:name), so the keys serve as node ids.
    [Fact]
    public async Task Marquez_answers_a_task_at_depth_0_with_its_tables()
    {
        using var reader = server.Reader();

        var graph = await MarquezAsync(reader, TransformJob, 0);

        Assert.Equal(
        [
            $"{RawOrders} DATASET in[] out[{TransformJob}]",
            $"{OrdersClean} DATASET in[{TransformJob}] out[]",
            $"{TransformJob} JOB in[{RawOrders}] out[{OrdersClean}]",
        ], Describe(graph));
        var job = Node(graph, TransformJob).GetProperty("data");
        Assert.Equal(("composer-prod", "gcs_to_bq_daily.transform_orders", "BATCH"), (job.Str("id.namespace"), job.Str("id.name"), job.Str("type")));
        Assert.Equal(["acme-analytics.raw.orders"], job.At("inputs").Strings("name"));
        Assert.Equal(["bigquery"], job.At("inputs").Strings("namespace"));
        Assert.Equal(["acme-analytics.staging.orders_clean"], job.At("outputs").Strings("name"));
        Assert.Equal(("COMPLETED", "01923f6e-7c3d-7e4f-a051-6c7d8e9fa003"), (job.Str("latestRun.state"), job.Str("latestRun.id")));
        Assert.Equal(207_000, job.At("latestRun.durationMs").GetInt64());
    }

    [Fact]
    public async Task Marquez_answers_the_mart_with_the_whole_chain_but_not_the_dag()
    {
        using var reader = server.Reader();

        var graph = await MarquezAsync(reader, DailyRevenue, 5);

        // The DAG's own run reads and writes nothing, so no dataset joins it to its tasks.
        Assert.Equal(
        [
            $"{DailyRevenue} DATASET in[{BuildJob}] out[]",
            $"{RawOrders} DATASET in[{LoadJob}] out[{TransformJob}]",
            $"{Currencies} DATASET in[] out[{BuildJob}]",
            $"{OrdersClean} DATASET in[{TransformJob}] out[{BuildJob}]",
            $"{Landing} DATASET in[] out[{LoadJob}]",
            $"{BuildJob} JOB in[{Currencies}, {OrdersClean}] out[{DailyRevenue}]",
            $"{LoadJob} JOB in[{Landing}] out[{RawOrders}]",
            $"{TransformJob} JOB in[{RawOrders}] out[{OrdersClean}]",
        ], Describe(graph));
        var mart = Node(graph, DailyRevenue).GetProperty("data");
        Assert.Equal(("bigquery", "acme-analytics.marts.daily_revenue", "Dataset"), (mart.Str("id.namespace"), mart.Str("id.name"), mart.Str("kind")));
        Assert.Equal(["order_date", "revenue_usd", "orders"], mart.At("fields").Strings("name"));
        Assert.True(mart.IsNull("currentVersion"));
    }

    [Fact]
    public async Task Replaying_the_batch_in_reverse_order_leaves_the_graph_as_it_was()
    {
        // A server of its own, so that a replay that moved anything could not disturb the other tests of this class.
        using var fresh = new AirflowScenarioServer();
        await fresh.InitializeAsync();
        using var reader = fresh.Reader();
        using var writer = fresh.Writer();
        var before = await SnapshotAsync(reader, (TransformJob, 0), (DailyRevenue, 5));

        // COMPLETE before START for every run, and the DAG's COMPLETE first of all.
        var events = EventList(AirflowEvents.Json);
        events.Reverse();
        await PostBatchAsync(writer, events);

        // The facet each task's START and COMPLETE both carry must still be the COMPLETE's, as
        // events in order left it: the mapper promises that arrival order does not matter.
        var load = await EntityAsync(reader, LoadRun, "properties");
        Assert.Equal("211.75", load.At("properties").GetProperty("facets.airflow").At("taskInstance.duration").GetRawText());
        Assert.Equal(before, await SnapshotAsync(reader, (TransformJob, 0), (DailyRevenue, 5)));
    }

    private static List<string> Fields(JsonElement dataset) => [.. dataset.At("schema").Items().Select(f => $"{f.Str("name")} {f.Str("type")}")];
}

/// <summary>The Airflow scenario, sent as one array to the batch endpoint.</summary>
public sealed class AirflowScenarioServer : ScenarioServer
{
    public override Task SendAsync(GraphQLClient writer) => PostBatchAsync(writer, EventList(AirflowEvents.Json));
}
