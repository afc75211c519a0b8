using System.Text.Json;
using Lineage.Graph.Core.OpenLineage;

namespace Lineage.Graph.Core.Tests.OpenLineage;

public sealed class OpenLineageEventTests
{
    private const string RunId = "11111111-2222-4333-8444-555555555555";

    [Theory]
    [InlineData("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", OpenLineageEventKind.RunEvent)]
    [InlineData("https://openlineage.io/spec/1-0-5/OpenLineage.json#/definitions/RunEvent", OpenLineageEventKind.RunEvent)]
    [InlineData("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent", OpenLineageEventKind.JobEvent)]
    [InlineData("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent", OpenLineageEventKind.DatasetEvent)]
    [InlineData("https://example.com/schemas/DatasetEvent.json", OpenLineageEventKind.DatasetEvent)]
    public void The_schema_url_decides_the_event_type(string schemaUrl, OpenLineageEventKind kind)
    {
        // One body with every part, so only the schemaURL can tell the types apart.
        var parsed = Parse($$"""
            { "schemaURL": "{{schemaUrl}}", "eventTime": "2024-06-01T00:00:00Z",
              "run": { "runId": "{{RunId}}" }, "job": { "namespace": "n", "name": "j" },
              "dataset": { "namespace": "s3://a", "name": "d" } }
            """);

        Assert.Equal(kind, parsed.Kind);
    }

    [Theory]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "n", "name": "j" } }""", OpenLineageEventKind.RunEvent)]
    [InlineData("""{ "job": { "namespace": "n", "name": "j" }, "inputs": [] }""", OpenLineageEventKind.JobEvent)]
    [InlineData("""{ "dataset": { "namespace": "s3://a", "name": "d" } }""", OpenLineageEventKind.DatasetEvent)]
    [InlineData("""{ "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json", "dataset": { "namespace": "s3://a", "name": "d" } }""", OpenLineageEventKind.DatasetEvent)]
    public void Without_a_telling_schema_url_the_shape_decides(string json, OpenLineageEventKind kind)
    {
        var parsed = Parse(json);

        Assert.Equal(kind, parsed.Kind);
    }

    [Theory]
    [InlineData("2024-06-01T02:00:00", 2, 0)]
    [InlineData("2024-06-01T02:00:00.891667", 2, 0)]
    [InlineData("2024-06-01T02:00:00Z", 2, 0)]
    [InlineData("2024-06-01T04:00:00+02:00", 2, 0)]
    [InlineData("2024-06-01T02:30:00.123456789Z", 2, 30)]
    [InlineData("2024-06-01T02:15:00.123Z[UTC]", 2, 15)]
    [InlineData("2024-06-01T04:15:00+02:00[Europe/Paris]", 2, 15)]
    public void Event_times_without_a_zone_are_utc_and_a_zone_name_after_an_offset_is_set_aside(string eventTime, int hour, int minute)
    {
        var parsed = Parse($$"""
            { "eventType": "start", "eventTime": "{{eventTime}}", "run": { "runId": "{{RunId}}" }, "job": { "namespace": "n", "name": "j" } }
            """);

        Assert.Equal("START", parsed.EventType);
        var time = parsed.EventTime!.Value.ToUniversalTime();
        Assert.Equal((2024, 6, 1, hour, minute, 0), (time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second));
    }

    [Theory]
    [InlineData("2024-06-01T02:15:45[UTC]")]
    [InlineData("2024-06-01T02:15:45Z[UTC")]
    [InlineData("[UTC]")]
    [InlineData("2024-03-18[Asia/Tokyo]")]
    public void A_zone_name_without_an_offset_before_it_is_refused(string eventTime)
    {
        var error = Assert.Throws<InvalidInputException>(() => Parse($$"""
            { "eventType": "START", "eventTime": "{{eventTime}}", "run": { "runId": "{{RunId}}" }, "job": { "namespace": "n", "name": "j" } }
            """));

        Assert.Equal("eventTime", error.Item);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59.9999999-14:00")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void An_instant_written_well_that_names_none_is_refused_as_such(string eventTime)
    {
        // Valid ISO 8601 that no DateTimeOffset holds: it was called "not an ISO 8601 date and time".
        var error = Assert.Throws<InvalidInputException>(() => Parse($$"""
            { "eventType": "START", "eventTime": "{{eventTime}}", "run": { "runId": "{{RunId}}" }, "job": { "namespace": "n", "name": "j" } }
            """));

        Assert.Equal("eventTime", error.Item);
        Assert.Contains("names no instant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Facets_without_producer_or_schema_are_kept_and_deleted_facets_named_apart()
    {
        var parsed = Parse($$"""
            { "run": { "runId": "{{RunId}}", "facets": { "plain": { "x": 1 }, "gone": { "_deleted": true }, "kept": { "_deleted": false, "y": 2 }, "nothing": null } },
              "job": { "namespace": "n", "name": "j", "facets": null }, "inputs": null }
            """);

        Assert.Equal(["plain", "kept"], parsed.Run!.Facets.Keys);
        Assert.Equal(["gone"], parsed.Run.DeletedFacets);
        Assert.Empty(parsed.Job!.Facets);
        Assert.Empty(parsed.Job.DeletedFacets);
        Assert.Empty(parsed.Inputs);
    }

    [Theory]
    [InlineData("[]", "event")]
    [InlineData("\"RunEvent\"", "event")]
    [InlineData("""{ "eventTime": "2024-06-01T00:00:00Z" }""", "job")]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "name": "j" } }""", "job.namespace")]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "", "name": "j" } }""", "job.namespace")]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "n" } }""", "job.name")]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "n", "name": 7 } }""", "job.name")]
    [InlineData("""{ "run": { "runId": 42 }, "job": { "namespace": "n", "name": "j" } }""", "run.runId")]
    [InlineData("""{ "run": {}, "job": { "namespace": "n", "name": "j" } }""", "run.runId")]
    [InlineData("""{ "run": [], "job": { "namespace": "n", "name": "j" } }""", "run")]
    [InlineData("""{ "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", "job": { "namespace": "n", "name": "j" } }""", "run")]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" } }""", "job")]
    [InlineData("""{ "job": { "namespace": "n", "name": "j" }, "inputs": [ { "namespace": "s3://a", "name": "x" }, { "namespace": "s3://a", "name": "y" }, { "namespace": "s3://a" } ] }""", "inputs[2].name")]
    [InlineData("""{ "job": { "namespace": "n", "name": "j" }, "outputs": [ { "name": "x" } ] }""", "outputs[0].namespace")]
    [InlineData("""{ "job": { "namespace": "n", "name": "j" }, "outputs": [ 1 ] }""", "outputs[0]")]
    [InlineData("""{ "job": { "namespace": "n", "name": "j" }, "inputs": {} }""", "inputs")]
    [InlineData("""{ "job": { "namespace": "n", "name": "j", "facets": [] } }""", "job.facets")]
    [InlineData("""{ "dataset": { "name": "d" } }""", "dataset.namespace")]
    [InlineData("""{ "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent" }""", "dataset")]
    [InlineData("""{ "eventTime": "yesterday", "job": { "namespace": "n", "name": "j" } }""", "eventTime")]
    [InlineData("""{ "eventType": "FINISHED", "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "n", "name": "j" } }""", "eventType")]
    [InlineData("""{ "producer": 3, "job": { "namespace": "n", "name": "j" } }""", "producer")]
    public void Malformed_events_are_rejected_naming_the_field(string json, string item)
    {
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<InvalidInputException>(() => OpenLineageMapper.ToBatch(document.RootElement));

        Assert.Equal(item, error.Item);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
    }

    [Theory]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "", "name": "j" } }""", "'namespace' must not be empty or white space alone.")]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "n", "name": " \u3000" } }""", "'name' must not be empty or white space alone.")]
    [InlineData("""{ "run": { "runId": "   " }, "job": { "namespace": "n", "name": "j" } }""", "'runId' must not be empty or white space alone.")]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "n", "name": 7 } }""", "'name' must be a non-empty string, not a number.")]
    [InlineData("""{ "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "n" } }""", "'name' is missing.")]
    public void A_missing_empty_or_mistyped_identity_says_which(string json, string message)
    {
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<InvalidInputException>(() => OpenLineageMapper.ToBatch(document.RootElement));

        Assert.EndsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "parent": { "run": { "runId": ["nope"] }, "job": { "namespace": "n", "name": "p" } } }""", "run.facets.parent.run.runId")]
    [InlineData("""{ "parent": { "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "name": "p" } } }""", "run.facets.parent.job.namespace")]
    [InlineData("""{ "parent": { "job": { "namespace": "n", "name": "p" } } }""", "run.facets.parent.run")]
    [InlineData("""{ "executionParameters": { "parameters": [ { "key": "a", "value": 1 }, { "value": 2 } ] } }""", "run.facets.executionParameters.parameters[1]")]
    [InlineData("""{ "executionParameters": "lr=0.1" }""", "run.facets.executionParameters")]
    [InlineData("""{ "executionParameters": { "parameters": [ { "key": "lr", "value": 0.1 }, { "key": "depth", "value": 6 }, { "name": "lr", "value": 0.2 } ] } }""", "run.facets.executionParameters.parameters[2]")]
    public void Malformed_mapped_facets_are_rejected_naming_the_field(string facets, string item)
    {
        using var document = JsonDocument.Parse($$"""
            { "run": { "runId": "{{RunId}}", "facets": {{facets}} }, "job": { "namespace": "n", "name": "j" } }
            """);

        var error = Assert.Throws<InvalidInputException>(() => OpenLineageMapper.ToBatch(document.RootElement));

        Assert.Equal(item, error.Item);
    }

    [Fact]
    public void A_dataset_name_that_cannot_be_a_key_is_named()
    {
        using var document = JsonDocument.Parse($$"""
            { "run": { "runId": "{{RunId}}" }, "job": { "namespace": "n", "name": "j" }, "outputs": [ { "namespace": "s3://a", "name": "bad\u0001name" } ] }
            """);

        var error = Assert.Throws<InvalidKeyException>(() => OpenLineageMapper.ToBatch(document.RootElement));

        Assert.Equal("outputs[0]", error.Item);
    }

    private static OpenLineageEvent Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return OpenLineageEvent.Parse(document.RootElement);
    }

    [Theory]
    [InlineData("11111111-2222-4333-8444-555555555555", "11111111-2222-4333-8444-555555555555", null)]
    [InlineData("{11111111-2222-4333-8444-555555555555}", "11111111-2222-4333-8444-555555555555", null)]
    [InlineData("test", "098f6bcd-4621-3373-8ade-4e832627b4f6", "test")]
    public void A_run_id_is_a_UUID_or_the_UUID_Java_names_by_its_text(string given, string expected, string? kept)
    {
        // 098f6bcd-...: UUID.nameUUIDFromBytes("test".getBytes(UTF_8)), the value Java's documentation examples give.
        var (id, text) = OpenLineageParser.RunId(JsonDocument.Parse(JsonSerializer.Serialize(new { runId = given })).RootElement, "run.runId");

        Assert.Equal(Guid.Parse(expected), id);
        Assert.Equal(kept, text);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("\u0000")]
    [InlineData("long")]
    public void A_run_id_that_is_not_a_UUID_is_held_to_a_key_parts_rules(string given)
    {
        // Such text is kept on the run (openLineageRunId): blank, control characters or 10 MB were stored as given.
        var text = given == "long" ? new string('x', EntityKey.MaxPartLength + 1) : given;
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(new { runId = text }));

        var error = Assert.Throws<InvalidInputException>(() => OpenLineageParser.RunId(document.RootElement, "run.runId"));

        Assert.Equal("run.runId", error.Item);
        Assert.StartsWith("run.runId: 'runId' must be a UUID, or text of at most 1024 characters", error.Message, StringComparison.Ordinal);
        Assert.Equal(new string('é', EntityKey.MaxPartLength), OpenLineageParser.RunId(
            JsonDocument.Parse(JsonSerializer.Serialize(new { runId = new string('é', EntityKey.MaxPartLength) })).RootElement, "run.runId").Given);
    }
}
