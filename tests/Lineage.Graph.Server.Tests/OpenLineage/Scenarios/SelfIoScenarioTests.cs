using Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;
using static Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Scenario;

namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios;

/// <summary>
/// A MERGE that reads and writes the same unversioned table (<see cref="SelfIoEvents"/>), sent with
/// zone-less times and without producer or schemaURL, read back edge by edge through GraphQL and
/// Marquez's lineage. The table is one entity, so the run and the table form a cycle of two edges.
/// </summary>
public sealed class SelfIoScenarioTests(SelfIoScenarioServer server) : IClassFixture<SelfIoScenarioServer>
{
    private const string Job = "job:etl-cron:customers.merge_dim_customers";
    private const string Run = "run:etl-cron:customers.merge_dim_customers@3c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f";
    private const string Updates = "dataset:postgres://warehouse.internal:5432:warehouse.staging.customer_updates";
    private const string Dim = "dataset:postgres://warehouse.internal:5432:warehouse.public.dim_customers";

    [Fact]
    public async Task The_table_is_one_entity_both_read_and_written_by_the_run()
    {
        using var reader = server.Reader();

        Assert.Equal(Sorted([Job, Run, Updates, Dim]), await EntitiesAsync(reader));
        Assert.Equal(
            Sorted(
            [
                Edge(Run, "INSTANCE_OF", Job),
                Edge(Updates, "INPUT_TO", Run),
                Edge(Dim, "INPUT_TO", Run),
                Edge(Run, "PRODUCED", Dim),
            ]),
            await EdgesAsync(reader));
    }

    [Fact]
    public async Task Walks_from_the_table_go_round_the_cycle_once_and_end()
    {
        using var reader = server.Reader();

        var (downNodes, downEdges) = await WalkAsync(reader, Dim, "DOWNSTREAM");
        var (upNodes, upEdges) = await WalkAsync(reader, Dim, "UPSTREAM");

        Assert.Equal([$"1 {Run}", $"2 {Job}"], downNodes);
        Assert.Equal(Sorted([Edge(Dim, "INPUT_TO", Run), Edge(Run, "PRODUCED", Dim), Edge(Run, "INSTANCE_OF", Job)]), Sorted(downEdges));
        Assert.Equal([$"1 {Run}", $"2 {Updates}"], upNodes);
        Assert.Equal(Sorted([Edge(Run, "PRODUCED", Dim), Edge(Dim, "INPUT_TO", Run), Edge(Updates, "INPUT_TO", Run)]), Sorted(upEdges));
    }

    [Fact]
    public async Task Times_without_a_zone_are_read_as_utc()
    {
        using var reader = server.Reader();

        var run = await EntityAsync(reader, Run, "... on Run { status startedAt endedAt job { key } properties }");

        Assert.Equal(("COMPLETE", Job), (run.Str("status"), run.Str("job.key")));
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 1, 0, 0, TimeSpan.Zero), run.At("startedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 1, 3, 30, 500, TimeSpan.Zero), run.At("endedAt").GetDateTimeOffset());
        Assert.Equal("2026-06-02T01:00:00Z", run.At("properties").GetProperty("facets.nominalTime").Str("nominalStartTime"));
    }

    [Fact]
    public async Task The_table_merges_what_the_run_said_of_it_as_input_and_as_output()
    {
        using var reader = server.Reader();

        var dim = await EntityAsync(reader, Dim, "... on Dataset { version rowCount schema { name type } properties }");

        Assert.True(dim.IsNull("version"));
        Assert.Equal(120450, dim.At("rowCount").GetInt64());
        Assert.Equal(["customer_id bigint", "email text", "segment text", "valid_from timestamp"], dim.At("schema").Items().Select(f => $"{f.Str("name")} {f.Str("type")}"));
        Assert.Equal(120450, dim.At("properties").GetProperty("outputFacets.outputStatistics").At("rowCount").GetInt64());
        var job = await EntityAsync(reader, Job, "properties");
        Assert.StartsWith("MERGE INTO public.dim_customers d USING staging.customer_updates u", job.At("properties").GetProperty("facets.sql").Str("query"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marquez_answers_the_table_as_both_in_and_out_of_the_job()
    {
        using var reader = server.Reader();
        string[] expected =
        [
            $"{Dim} DATASET in[{Job}] out[{Job}]",
            $"{Updates} DATASET in[] out[{Job}]",
            $"{Job} JOB in[{Dim}, {Updates}] out[{Dim}]",
        ];

        var byDataset = await MarquezAsync(reader, Dim, 2);
        var byJob = await MarquezAsync(reader, Job, 0);

        Assert.Equal(expected, Describe(byDataset));
        Assert.Equal(expected, Describe(byJob));
        var job = Node(byJob, Job).GetProperty("data");
        Assert.Equal(["warehouse.public.dim_customers", "warehouse.staging.customer_updates"], job.At("inputs").Strings("name"));
        Assert.Equal(["warehouse.public.dim_customers"], job.At("outputs").Strings("name"));
        Assert.Equal(("COMPLETED", 210_500L), (job.Str("latestRun.state"), job.At("latestRun.durationMs").GetInt64()));
        var dim = Node(byDataset, Dim).GetProperty("data");
        Assert.Equal(("postgres://warehouse.internal:5432", "warehouse.public.dim_customers"), (dim.Str("id.namespace"), dim.Str("id.name")));
        Assert.Equal(["customer_id", "email", "segment", "valid_from"], dim.At("fields").Strings("name"));
    }

    [Fact]
    public async Task Replaying_the_events_leaves_the_graph_as_it_was()
    {
        // A server of its own, so that a replay that moved anything could not disturb the other tests of this class.
        using var fresh = new SelfIoScenarioServer();
        await fresh.InitializeAsync();
        using var reader = fresh.Reader();
        using var writer = fresh.Writer();
        var before = await SnapshotAsync(reader, (Dim, 2));

        await fresh.SendAsync(writer);

        Assert.Equal(before, await SnapshotAsync(reader, (Dim, 2)));
    }
}

/// <summary>The self-IO scenario, each event on its own.</summary>
public sealed class SelfIoScenarioServer : ScenarioServer
{
    public override Task SendAsync(GraphQLClient writer) => PostEachAsync(writer, EventList(SelfIoEvents.Json));
}
