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
    public void A_node_id_splits_as_Marquez_splits_it(string value, string type, string ns, string name)
    {
        var id = MarquezNodeId.Parse(value);

        Assert.Equal(new MarquezNodeId(type == "job" ? MarquezNodeType.Job : MarquezNodeType.Dataset, ns, name), id);
        Assert.Equal(value, id.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("run:0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f")]
    [InlineData("Dataset:bigquery:t")]
    [InlineData("dataset:no-name")]
    [InlineData("dataset::name")]
    [InlineData("dataset:ns:")]
    [InlineData("job:postgres://db:5432")]
    public void A_malformed_node_id_is_invalid_input(string? value)
    {
        var error = Assert.Throws<InvalidInputException>(() => MarquezNodeId.Parse(value));

        Assert.Equal("nodeId", error.Item);
    }
}
