using System.Net;
using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Server.Marquez;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary><c>GET /api/v1/lineage</c> at ids that can be split more than one way (<see cref="MarquezNodeIdServer"/>).</summary>
public sealed class MarquezNodeIdLineageTests(MarquezNodeIdServer server) : IClassFixture<MarquezNodeIdServer>
{
    [Fact]
    public async Task Every_id_the_endpoint_serves_answers_for_the_node_it_names()
    {
        var graph = await LineageAsync("job:airflow://prod:8080:9am:load", 1);
        var served = graph.Items().Select(n => (Id: n.Str("id")!, Namespace: n.Str("data.id.namespace"), Name: n.Str("data.id.name"))).ToList();

        Assert.Equal(
        [
            ("dataset:kafka://b1:9092,b2:9092:9:topic", "kafka://b1:9092,b2:9092", "9:topic"),
            ("dataset:postgres://db:5432:2024_orders", "postgres://db:5432", "2024_orders"),
            ("dataset:s3://bucket:path/to:file", "s3://bucket", "path/to:file"),
            ("job:airflow://prod:8080:9am:load", "airflow://prod:8080", "9am:load"),
            ("job:spark://10.0.0.5:7077:0", "spark://10.0.0.5:7077", "0"),
        ], served);
        foreach (var node in served)
        {
            var again = Node(await LineageAsync(node.Id, 0), node.Id);
            Assert.Equal((node.Namespace, node.Name), (again.Str("data.id.namespace"), again.Str("data.id.name")));
        }
    }

    [Theory]
    [InlineData("dataset:s3://lake:a:b", "s3://lake", "a:b")]
    [InlineData("dataset:pg://h:5432:7", "pg://h:5432", "7")]
    public async Task An_id_of_two_recorded_datasets_answers_for_Marquez_s_reading_then_the_longer_namespace(string id, string ns, string name)
    {
        var node = Node(await LineageAsync(id, 0), id);

        Assert.Equal((ns, name), (node.Str("data.id.namespace"), node.Str("data.id.name")));
    }

    [Fact]
    public async Task A_job_whose_first_reading_has_a_part_longer_than_a_key_allows_is_found()
    {
        // Marquez's reading, a and b:xxx…, has a name one longer than a key allows.
        var id = "job:a:b:" + MarquezNodeIdServer.LongJobName;

        var node = Node(await LineageAsync(id, 0), id);

        Assert.Equal(("a:b", MarquezNodeIdServer.LongJobName), (node.Str("data.id.namespace"), node.Str("data.id.name")));
    }

    [Fact]
    public async Task A_job_is_found_though_another_reading_of_its_id_makes_no_valid_key()
    {
        var (ns, name) = MarquezNodeIdServer.NearlyTooLongJob;
        var id = $"job:{ns}:{name}";
        // Some splits of this id give parts whose escaped key is too long; Parse leaves those readings out.
        var colons = id.Count(c => c == ':') - 1;
        var readings = MarquezNodeId.Parse(id);
        Assert.All(readings, r => Assert.NotNull(EntityKey.TryCreate(EntityKind.Job, r.Namespace, r.Name)));
        Assert.InRange(readings.Count, 1, Math.Min(colons, MarquezNodeId.MaxReadings) - 1);

        var node = Node(await LineageAsync(id, 0), id);

        Assert.Equal((ns, name), (node.Str("data.id.namespace"), node.Str("data.id.name")));
    }

    [Theory]
    [InlineData("dataset:postgres://db:5432:2025_orders", "No dataset postgres://db:5432:2025_orders is recorded.")]
    [InlineData("job:airflow://prod:8080:9am:unload", "No job airflow://prod:8080:9am:unload is recorded.")]
    public async Task An_id_no_reading_of_which_is_recorded_is_not_found(string id, string message)
    {
        using var reader = server.Reader();

        var response = await reader.SendAsync(HttpMethod.Get, $"/api/v1/lineage?nodeId={Uri.EscapeDataString(id)}", null);

        Assert.Equal((HttpStatusCode.NotFound, "nodeId: " + message), (response.Status, response.Json.Str("message")));
    }

    private Task<JsonElement> LineageAsync(string nodeId, int depth) => server.LineageAsync(nodeId, depth);

    private static JsonElement Node(JsonElement graph, string id) => MarquezAnswers.Node(graph, id);
}
