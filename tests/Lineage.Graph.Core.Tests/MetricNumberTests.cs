using System.Text.Json;

namespace Lineage.Graph.Core.Tests;

/// <summary>
/// A metric is a double, and is read as one only when the double is the number written: the
/// serializer read 1e-400 (a p-value) as 0 and stored it so, from an import file and from GraphQL.
/// </summary>
public sealed class MetricNumberTests
{
    [Theory]
    [InlineData("""{ "metrics": { "p": 1e-400 } }""", "1e-400")]
    [InlineData("""{ "metrics": { "p": "1e-400" } }""", "1e-400")]
    [InlineData("""{ "metrics": { "p": 1e400 } }""", "1e400")]
    [InlineData("""{ "metrics": { "p": -0.1E+400 } }""", "-0.1E+400")]
    public void A_metric_no_double_holds_is_refused_naming_the_number_and_the_metric(string json, string number)
    {
        var error = Assert.Throws<DoubleRangeException>(() => LineageJson.DeserializeFields(EntityKind.Model, json, LineageJson.InputOptions));

        Assert.StartsWith($"The number {number} is beyond what a double holds", error.Message, StringComparison.Ordinal);
        Assert.Equal("metrics.p", LineageJson.MemberPath(error));
    }

    [Theory]
    [InlineData("""{ "p": 0.25 }""", 0.25)]
    [InlineData("""{ "p": "0.25" }""", 0.25)]
    [InlineData("""{ "p": " 1e3 " }""", 1000)]
    [InlineData("""{ "p": 0 }""", 0)]
    [InlineData("""{ "p": 0.0e-400 }""", 0)]
    [InlineData("""{ "p": 4.9e-324 }""", 4.9e-324)]
    [InlineData("""{ "p": 1.7976931348623157e308 }""", double.MaxValue)]
    public void A_metric_a_double_holds_is_read_as_written(string metrics, double expected)
    {
        var fields = (ModelFields)LineageJson.DeserializeFields(EntityKind.Model, $$"""{ "metrics": {{metrics}} }""", LineageJson.InputOptions)!;

        Assert.Equal(expected, fields.Metrics!["p"]);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"0x10\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    public void Text_that_is_not_a_numeral_is_not_a_metric(string value)
    {
        var error = Assert.ThrowsAny<JsonException>(() => LineageJson.DeserializeFields(EntityKind.Model, $$"""{ "metrics": { "p": {{value}} } }""", LineageJson.InputOptions));

        Assert.IsNotType<DoubleRangeException>(error);
    }

    [Fact]
    public void A_metric_is_written_back_as_the_number_it_holds()
    {
        var fields = new ModelFields { Metrics = new Dictionary<string, double> { ["auc"] = 0.1 + 0.2, ["tiny"] = 5e-324 } };

        var json = LineageJson.SerializeFields(fields)!;

        Assert.Equal(fields.Metrics, ((ModelFields)LineageJson.DeserializeFields(EntityKind.Model, json)!).Metrics);
        Assert.Contains("\"auc\":0.30000000000000004", json, StringComparison.Ordinal);
    }
}
