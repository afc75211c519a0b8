using System.Text.Json;
using Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;
using static Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Scenario;

namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios;

/// <summary>
/// A dbt project on Postgres, two staging models and a mart with column lineage
/// (<see cref="DbtEvents"/>), each event sent gzip-compressed, read back edge by edge through
/// GraphQL and Marquez's lineage.
/// </summary>
public sealed class DbtScenarioTests(DbtScenarioServer server) : IClassFixture<DbtScenarioServer>
{
    private const string Postgres = "postgres://analytics-db.internal:5432";
    private const string InvocationJob = "job:dbt:dbt-run-jaffle_shop";
    private const string StgCustomersJob = "job:dbt:analytics.staging.stg_customers";
    private const string StgOrdersJob = "job:dbt:analytics.staging.stg_orders";
    private const string CustomerOrdersJob = "job:dbt:analytics.marts.customer_orders";
    private const string InvocationRun = "run:dbt:dbt-run-jaffle_shop@5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50";
    private const string StgCustomersRun = "run:dbt:analytics.staging.stg_customers@5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a51";
    private const string StgOrdersRun = "run:dbt:analytics.staging.stg_orders@5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a52";
    private const string CustomerOrdersRun = "run:dbt:analytics.marts.customer_orders@5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a53";

    // A dataset key and its Marquez node id read the same here: dataset:namespace:name, port and all.
    private const string RawCustomers = "dataset:postgres://analytics-db.internal:5432:analytics.raw.customers";
    private const string RawOrders = "dataset:postgres://analytics-db.internal:5432:analytics.raw.orders";
    private const string StgCustomers = "dataset:postgres://analytics-db.internal:5432:analytics.staging.stg_customers";
    private const string StgOrders = "dataset:postgres://analytics-db.internal:5432:analytics.staging.stg_orders";
    private const string CustomerOrders = "dataset:postgres://analytics-db.internal:5432:analytics.marts.customer_orders";

    [Fact]
    public async Task The_graph_holds_exactly_the_invocation_its_models_and_their_tables()
    {
        using var reader = server.Reader();

        Assert.Equal(
            Sorted(
            [
                InvocationJob, StgCustomersJob, StgOrdersJob, CustomerOrdersJob,
                InvocationRun, StgCustomersRun, StgOrdersRun, CustomerOrdersRun,
                RawCustomers, RawOrders, StgCustomers, StgOrders, CustomerOrders,
            ]),
            await EntitiesAsync(reader));
        Assert.Equal(
            Sorted(
            [
                Edge(InvocationRun, "INSTANCE_OF", InvocationJob),
                Edge(StgCustomersRun, "INSTANCE_OF", StgCustomersJob),
                Edge(StgCustomersRun, "CHILD_OF", InvocationRun),
                Edge(RawCustomers, "INPUT_TO", StgCustomersRun),
                Edge(StgCustomersRun, "PRODUCED", StgCustomers),
                Edge(StgOrdersRun, "INSTANCE_OF", StgOrdersJob),
                Edge(StgOrdersRun, "CHILD_OF", InvocationRun),
                Edge(RawOrders, "INPUT_TO", StgOrdersRun),
                Edge(StgOrdersRun, "PRODUCED", StgOrders),
                Edge(CustomerOrdersRun, "INSTANCE_OF", CustomerOrdersJob),
                Edge(CustomerOrdersRun, "CHILD_OF", InvocationRun),
                Edge(StgCustomers, "INPUT_TO", CustomerOrdersRun),
                Edge(StgOrders, "INPUT_TO", CustomerOrdersRun),
                Edge(CustomerOrdersRun, "PRODUCED", CustomerOrders),
            ]),
            await EdgesAsync(reader));
    }

    [Fact]
    public async Task The_lineage_of_the_mart_runs_back_through_both_staging_models_to_the_sources()
    {
        using var reader = server.Reader();

        var (nodes, edges) = await WalkAsync(reader, CustomerOrders, "UPSTREAM");

        // Upstream follows edges backwards, so the runs' own INSTANCE_OF and CHILD_OF edges, which point away, are not walked.
        Assert.Equal(
        [
            $"1 {CustomerOrdersRun}",
            $"2 {StgCustomers}", $"2 {StgOrders}",
            $"3 {StgCustomersRun}", $"3 {StgOrdersRun}",
            $"4 {RawCustomers}", $"4 {RawOrders}",
        ], nodes);
        Assert.Equal(
            Sorted(
            [
                Edge(CustomerOrdersRun, "PRODUCED", CustomerOrders),
                Edge(StgCustomers, "INPUT_TO", CustomerOrdersRun),
                Edge(StgOrders, "INPUT_TO", CustomerOrdersRun),
                Edge(StgCustomersRun, "PRODUCED", StgCustomers),
                Edge(StgOrdersRun, "PRODUCED", StgOrders),
                Edge(RawCustomers, "INPUT_TO", StgCustomersRun),
                Edge(RawOrders, "INPUT_TO", StgOrdersRun),
            ]),
            Sorted(edges));
    }

    [Fact]
    public async Task The_mart_keeps_its_column_lineage_schema_description_and_row_count()
    {
        using var reader = server.Reader();

        var mart = await EntityAsync(reader, CustomerOrders, "description ... on Dataset { rowCount schema { name type } properties }");

        Assert.Equal("One row per customer with their first order and lifetime value.", mart.Str("description"));
        Assert.Equal(62, mart.At("rowCount").GetInt64());
        Assert.Equal(["customer_id integer", "first_order_date date", "number_of_orders bigint", "total_amount numeric"], mart.At("schema").Items().Select(f => $"{f.Str("name")} {f.Str("type")}"));
        Assert.Equal(
        [
            $"customer_id <- {Postgres} analytics.staging.stg_customers.customer_id DIRECT/IDENTITY",
            $"first_order_date <- {Postgres} analytics.staging.stg_orders.order_date DIRECT/AGGREGATION",
            $"number_of_orders <- {Postgres} analytics.staging.stg_orders.order_id DIRECT/AGGREGATION",
            $"total_amount <- {Postgres} analytics.staging.stg_orders.amount DIRECT/AGGREGATION",
        ], ColumnLineage(mart));

        // The columnLineage facet is a dataset facet, so it is kept under facets., as the other facets are.
        var properties = mart.At("properties");
        Assert.Equal(Postgres, properties.GetProperty("facets.dataSource").Str("uri"));
        Assert.False(properties.TryGetProperty("facets.schema", out _));
        Assert.False(properties.TryGetProperty("facets.documentation", out _));

        var stgOrders = await EntityAsync(reader, StgOrders, "... on Dataset { rowCount schema { name } properties }");
        Assert.Equal(99, stgOrders.At("rowCount").GetInt64());
        Assert.Equal(["order_id", "customer_id", "order_date", "amount", "status"], stgOrders.At("schema").Strings("name"));
        Assert.Equal(
        [
            $"order_id <- {Postgres} analytics.raw.orders.id DIRECT/IDENTITY",
            $"customer_id <- {Postgres} analytics.raw.orders.user_id DIRECT/IDENTITY",
            $"order_date <- {Postgres} analytics.raw.orders.order_date DIRECT/IDENTITY",
            $"amount <- {Postgres} analytics.raw.orders.amount_cents DIRECT/TRANSFORMATION",
            $"status <- {Postgres} analytics.raw.orders.status DIRECT/IDENTITY",
        ], ColumnLineage(stgOrders));
    }

    [Fact]
    public async Task A_sources_test_results_are_kept_on_the_source_it_read()
    {
        using var reader = server.Reader();

        var raw = await EntityAsync(reader, RawOrders, "... on Dataset { rowCount schema { name } properties }");

        var assertions = raw.At("properties").GetProperty("inputFacets.dataQualityAssertions").At("assertions").Items();
        Assert.Equal(["not_null id True", "unique id True", "accepted_values status True"], assertions.Select(a => $"{a.Str("assertion")} {a.Str("column")} {a.Bool("success")}"));
        Assert.Equal(["id", "user_id", "order_date", "amount_cents", "status"], raw.At("schema").Strings("name"));

        // A source is only read: no statistics of a write.
        Assert.True(raw.IsNull("rowCount"));
    }

    [Fact]
    public async Task Each_model_run_is_a_complete_child_of_the_invocation()
    {
        using var reader = server.Reader();
        const string Selection = "... on Run { status startedAt endedAt parent { key } job { key ... on Job { properties } } properties }";

        var invocation = await EntityAsync(reader, InvocationRun, Selection);
        Assert.Equal(("COMPLETE", InvocationJob), (invocation.Str("status"), invocation.Str("job.key")));
        Assert.True(invocation.IsNull("parent"));
        Assert.Equal(DateTimeOffset.Parse("2026-06-01T04:00:00Z", null), invocation.At("startedAt").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-06-01T04:00:07.00254Z", null), invocation.At("endedAt").GetDateTimeOffset());

        foreach (var (run, job, started, ended) in new[]
        {
            (StgCustomersRun, StgCustomersJob, "2026-06-01T04:00:02.104211Z", "2026-06-01T04:00:03.912007Z"),
            (StgOrdersRun, StgOrdersJob, "2026-06-01T04:00:02.10895Z", "2026-06-01T04:00:04.37742Z"),
            (CustomerOrdersRun, CustomerOrdersJob, "2026-06-01T04:00:05.020331Z", "2026-06-01T04:00:06.851118Z"),
        })
        {
            var model = await EntityAsync(reader, run, Selection);
            Assert.Equal(("COMPLETE", job, InvocationRun), (model.Str("status"), model.Str("job.key"), model.Str("parent.key")));
            Assert.Equal(DateTimeOffset.Parse(started, null), model.At("startedAt").GetDateTimeOffset());
            Assert.Equal(DateTimeOffset.Parse(ended, null), model.At("endedAt").GetDateTimeOffset());
            Assert.Equal("1.8.2", model.At("properties").GetProperty("facets.dbt_version").Str("version"));
            Assert.Equal("postgres", model.At("job.properties").GetProperty("facets.sql").Str("dialect"));
            Assert.Equal("MODEL", model.At("job.properties").GetProperty("facets.jobType").Str("jobType"));
        }
    }

    [Fact]
    public async Task Marquez_answers_the_mart_with_its_fields_and_every_model_one_step_away()
    {
        using var reader = server.Reader();

        var graph = await MarquezAsync(reader, CustomerOrders, 1);

        Assert.Equal(
        [
            $"{CustomerOrders} DATASET in[{CustomerOrdersJob}] out[]",
            $"{RawCustomers} DATASET in[] out[{StgCustomersJob}]",
            $"{RawOrders} DATASET in[] out[{StgOrdersJob}]",
            $"{StgCustomers} DATASET in[{StgCustomersJob}] out[{CustomerOrdersJob}]",
            $"{StgOrders} DATASET in[{StgOrdersJob}] out[{CustomerOrdersJob}]",
            $"{CustomerOrdersJob} JOB in[{StgCustomers}, {StgOrders}] out[{CustomerOrders}]",
            $"{StgCustomersJob} JOB in[{RawCustomers}] out[{StgCustomers}]",
            $"{StgOrdersJob} JOB in[{RawOrders}] out[{StgOrders}]",
        ], Describe(graph));

        var mart = Node(graph, CustomerOrders).GetProperty("data");
        Assert.Equal((Postgres, "analytics.marts.customer_orders", Postgres, "DB_TABLE"), (mart.Str("id.namespace"), mart.Str("id.name"), mart.Str("sourceName"), mart.Str("type")));
        Assert.Equal(("Dataset", "One row per customer with their first order and lifetime value."), (mart.Str("kind"), mart.Str("description")));
        Assert.True(mart.IsNull("currentVersion"));
        Assert.Equal(
            ["customer_id integer", "first_order_date date", "number_of_orders bigint", "total_amount numeric"],
            mart.At("fields").Items().Select(f => $"{f.Str("name")} {f.Str("type")}"));

        var job = Node(graph, CustomerOrdersJob).GetProperty("data");
        Assert.Equal(["analytics.staging.stg_customers", "analytics.staging.stg_orders"], job.At("inputs").Strings("name"));
        Assert.Equal([Postgres, Postgres], job.At("inputs").Strings("namespace"));
        Assert.Equal(["analytics.marts.customer_orders"], job.At("outputs").Strings("name"));
        Assert.Equal(("COMPLETED", 1830L), (job.Str("latestRun.state"), job.At("latestRun.durationMs").GetInt64()));
    }

    [Fact]
    public async Task Marquez_answers_a_staging_table_at_depth_0_with_every_job_that_touches_it()
    {
        using var reader = server.Reader();

        var graph = await MarquezAsync(reader, StgOrders, 0);

        // Edges join only jobs in the answer: stg_customers is read here, but its writer is a step further.
        Assert.Equal(
        [
            $"{CustomerOrders} DATASET in[{CustomerOrdersJob}] out[]",
            $"{RawOrders} DATASET in[] out[{StgOrdersJob}]",
            $"{StgCustomers} DATASET in[] out[{CustomerOrdersJob}]",
            $"{StgOrders} DATASET in[{StgOrdersJob}] out[{CustomerOrdersJob}]",
            $"{CustomerOrdersJob} JOB in[{StgCustomers}, {StgOrders}] out[{CustomerOrders}]",
            $"{StgOrdersJob} JOB in[{RawOrders}] out[{StgOrders}]",
        ], Describe(graph));
    }

    [Fact]
    public async Task Marquez_answers_the_invocation_job_as_a_graph_of_itself()
    {
        using var reader = server.Reader();

        var graph = await MarquezAsync(reader, InvocationJob, 5);

        // Its run reads and writes nothing; its models are joined to it by CHILD_OF, which Marquez's graph does not show.
        Assert.Equal([$"{InvocationJob} JOB in[] out[]"], Describe(graph));
        var job = Node(graph, InvocationJob).GetProperty("data");
        Assert.Equal(("COMPLETED", "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50"), (job.Str("latestRun.state"), job.Str("latestRun.id")));
        Assert.Equal((0, 0), (job.At("inputs").GetArrayLength(), job.At("outputs").GetArrayLength()));
    }

    [Fact]
    public async Task Replaying_the_events_leaves_the_graph_as_it_was()
    {
        // A server of its own, so that a replay that moved anything could not disturb the other tests of this class.
        using var fresh = new DbtScenarioServer();
        await fresh.InitializeAsync();
        using var reader = fresh.Reader();
        using var writer = fresh.Writer();
        var before = await SnapshotAsync(reader, (CustomerOrders, 1), (StgOrders, 0), (InvocationJob, 5));

        await fresh.SendAsync(writer);

        Assert.Equal(before, await SnapshotAsync(reader, (CustomerOrders, 1), (StgOrders, 0), (InvocationJob, 5)));
    }

    /// <summary>The columnLineage facet of a dataset, one line per output column and input field.</summary>
    private static List<string> ColumnLineage(JsonElement dataset) =>
        [.. dataset.At("properties").GetProperty("facets.columnLineage").At("fields").EnumerateObject()
            .SelectMany(column => column.Value.At("inputFields").Items().Select(input =>
                $"{column.Name} <- {input.Str("namespace")} {input.Str("name")}.{input.Str("field")} {input.Str("transformations.0.type")}/{input.Str("transformations.0.subtype")}"))];
}

/// <summary>The dbt scenario, each event gzip-compressed, every other one without <c>Content-Encoding</c> as some clients send it.</summary>
public sealed class DbtScenarioServer : ScenarioServer
{
    public override Task SendAsync(GraphQLClient writer) =>
        PostEachAsync(writer, EventList(DbtEvents.Json), (body, index) => OpenLineageEvents.Gzip(body, announce: index % 2 == 0));
}
