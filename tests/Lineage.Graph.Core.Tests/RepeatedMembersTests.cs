using System.Text.Json;

namespace Lineage.Graph.Core.Tests;

public sealed class RepeatedMembersTests
{
    [Fact]
    public void Json_without_repeats_is_given_back_as_it_is()
    {
        using var document = JsonDocument.Parse("""{"a": {"b": [1, {"c": 2}]}, "d": "é"}""");

        var collapsed = RepeatedMembers.Collapse(document.RootElement, "");

        Assert.Equal(document.RootElement.GetRawText(), collapsed.GetRawText());
    }

    [Fact]
    public void A_member_repeated_with_its_value_is_read_once_wherever_it_is()
    {
        // As OpenLineage's Spark integration 1.53 writes run.facets.processing_engine, and deeper down.
        using var document = JsonDocument.Parse(
            """{"run": {"facets": {"pe": {"v": "4.2", "n": "spark"}, "pe": {"n": "spark", "v": "4.2"}}}, "inputs": [{"x": 1, "x": 1.0, "name": "é"}]}""",
            new JsonDocumentOptions { AllowDuplicateProperties = true });

        var collapsed = RepeatedMembers.Collapse(document.RootElement, "");

        Assert.Equal("""{"run":{"facets":{"pe":{"v":"4.2","n":"spark"}}},"inputs":[{"x":1,"name":"é"}]}""", collapsed.GetRawText());
    }

    [Fact]
    public void A_repeat_beside_a_value_nested_as_deeply_as_an_event_may_be_is_read_once()
    {
        // A query plan facet 500 levels deep beside Spark's repeated processing_engine facet.
        var plan = new string('[', 500) + new string(']', 500);
        using var document = JsonDocument.Parse(
            $$"""{"pe": {"v": "4.2"}, "pe": {"v": "4.2"}, "plan": {{plan}}}""",
            new JsonDocumentOptions { AllowDuplicateProperties = true, MaxDepth = Core.OpenLineage.OpenLineageMapper.MaxEventDepth });

        var collapsed = RepeatedMembers.Collapse(document.RootElement, "");

        Assert.Equal($$"""{"pe":{"v":"4.2"},"plan":{{plan}}}""", collapsed.GetRawText());
    }

    [Theory]
    [InlineData("""{"eventType": "START", "eventType": "COMPLETE"}""", "eventType")]
    [InlineData("""{"run": {"facets": {"pe": {"v": 1}, "pe": {"v": 2}}}}""", "run.facets.pe")]
    [InlineData("""{"inputs": [{"name": "a"}, {"name": "a", "facets": {"s": {}, "s": {"f": []}}}]}""", "inputs[1].facets.s")]
    public void A_member_repeated_with_another_value_is_refused_by_its_path(string json, string path)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = true });

        var error = Assert.Throws<InvalidInputException>(() => RepeatedMembers.Collapse(document.RootElement, ""));

        Assert.Equal(path, error.Item);
        Assert.Contains("given twice with different values", error.Message, StringComparison.Ordinal);
    }
}
