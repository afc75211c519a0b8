using Lineage.Graph.Core;
using Lineage.Graph.Server.Marquez;

namespace Lineage.Graph.Server.Tests.OpenLineage;

public sealed class MarquezNodeIdTests
{
    [Theory]
    [InlineData("dataset:bigquery:proj.sales.orders", "dataset", "bigquery", "proj.sales.orders")]
    [InlineData("dataset:postgres://db.example.com:5432:shop.public.orders", "dataset", "postgres://db.example.com:5432", "shop.public.orders")]
    [InlineData("dataset:s3://bucket:path/to:file", "dataset", "s3://bucket", "path/to:file")]
    [InlineData("dataset:kafka://broker-1:9092,broker-2:9092:orders.v1", "dataset", "kafka://broker-1:9092,broker-2:9092", "orders.v1")]
    [InlineData("dataset:warehouse:2024_orders", "dataset", "warehouse", "2024_orders")]
    [InlineData("job:airflow://prod:orders_dag.load", "job", "airflow://prod", "orders_dag.load")]
    [InlineData("job:spark://10.0.0.5:7077:etl job ünïcode", "job", "spark://10.0.0.5:7077", "etl job ünïcode")]
    public void The_first_reading_of_a_node_id_is_the_one_Marquez_takes(string value, string type, string ns, string name)
    {
        var readings = MarquezNodeId.Parse(value);

        Assert.Equal(new MarquezNodeId(type == "job" ? MarquezNodeType.Job : MarquezNodeType.Dataset, ns, name), readings[0]);
        Assert.All(readings, r => Assert.Equal(value, r.Value));
    }

    [Theory]
    [InlineData("dataset:postgres://db:5432:2024_orders", "postgres://db:5432 | 2024_orders", "postgres://db | 5432:2024_orders", "postgres | //db:5432:2024_orders")]
    [InlineData("dataset:s3://bucket:path/to:file", "s3://bucket | path/to:file", "s3://bucket:path/to | file", "s3 | //bucket:path/to:file")]
    [InlineData("job:airflow://prod:8080:9am:load", "airflow://prod:8080:9am | load", "airflow://prod:8080 | 9am:load", "airflow://prod | 8080:9am:load", "airflow | //prod:8080:9am:load")]
    [InlineData("dataset:warehouse:2024_orders", "warehouse | 2024_orders")]
    public void Every_split_of_an_id_is_a_reading_Marquez_s_first_then_from_the_right(string value, params string[] readings) =>
        Assert.Equal(readings, MarquezNodeId.Parse(value).Select(r => $"{r.Namespace} | {r.Name}"));

    [Theory]
    [InlineData("dataset", "postgres://db:5432", "2024_orders")]
    [InlineData("dataset", "postgres://db:5432", "2024:orders")]
    [InlineData("dataset", "postgres://db:5432", "//odd")]
    [InlineData("dataset", "s3://bucket", "path/to:file")]
    [InlineData("dataset", "s3://bucket:path/to", "file")]
    [InlineData("dataset", "kafka://b1:9092,b2:9092", "9topic")]
    [InlineData("dataset", "warehouse", "2024_orders")]
    [InlineData("dataset", "a:b", "c:d")]
    [InlineData("job", "airflow://prod:8080", "9am:load")]
    [InlineData("job", "spark://10.0.0.5:7077", "0")]
    public void Every_id_has_the_node_it_was_made_from_among_its_readings(string type, string ns, string name)
    {
        var node = new MarquezNodeId(type == "job" ? MarquezNodeType.Job : MarquezNodeType.Dataset, ns, name);

        Assert.Contains(node, MarquezNodeId.Parse(node.Value));
    }

    [Fact]
    public void A_reading_with_a_part_longer_than_a_key_allows_is_left_out()
    {
        var name = new string('x', EntityKey.MaxPartLength);

        Assert.Equal([new MarquezNodeId(MarquezNodeType.Job, "a:b", name)], MarquezNodeId.Parse("job:a:b:" + name));
        // No reading left: refused as GraphQL refuses a key with a part that long.
        Assert.Equal("nodeId", Assert.Throws<InvalidKeyException>(() => MarquezNodeId.Parse($"job:a:{name}:{name}")).Item);
    }

    [Fact]
    public void At_most_sixteen_readings_are_tried_Marquez_s_first()
    {
        var readings = MarquezNodeId.Parse("dataset:ns:" + string.Join(":", Enumerable.Range(0, 40).Select(i => $"n{i}")));

        Assert.Equal(MarquezNodeId.MaxReadings, readings.Count);
        Assert.Equal(("ns", string.Join(":", Enumerable.Range(0, 40).Select(i => $"n{i}"))), (readings[0].Namespace, readings[0].Name));
        Assert.Equal("n39", readings[1].Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("run:0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f")]
    [InlineData("Dataset:bigquery:t")]
    [InlineData("dataset:no-name")]
    [InlineData("dataset::name")]
    [InlineData("dataset:ns:")]
    [InlineData("job::")]
    public void A_malformed_node_id_is_invalid_input(string? value)
    {
        var error = Assert.Throws<InvalidInputException>(() => MarquezNodeId.Parse(value));

        Assert.Equal("nodeId", error.Item);
    }
}
