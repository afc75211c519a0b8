using System.Net;
using static Lineage.Graph.Server.Tests.OpenLineage.OpenLineageEvents;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary>The 16 MiB an entity may hold, as OpenLineage events reach it, under the server's default body bound.</summary>
public sealed class EntityCapTests(EmptyServer server) : IClassFixture<EmptyServer>
{
    [Fact]
    public async Task A_nested_schema_that_flattens_past_the_entity_cap_is_refused_and_stores_nothing()
    {
        using var admin = server.Admin();

        // 17,000 fields nested under one parent of 990 characters: under 300 KB sent, each stored as
        // "parent.child", some 17 MB of schema; the cap counts typed fields as it counts properties.
        var children = string.Join(",", Enumerable.Range(0, 17_000).Select(i => $$"""{"name":"c{{i}}"}"""));
        var body = $$"""
            { "eventType": "COMPLETE", "eventTime": "2026-06-01T02:00:00Z", "run": { "runId": "{{Guid.NewGuid()}}" }, "job": { "namespace": "cap", "name": "flatten" },
              "outputs": [ { "namespace": "cap", "name": "wide", "facets": { "schema": { "fields": [ { "name": "{{new string('p', 990)}}", "fields": [{{children}}] } ] } } } ] }
            """;

        var refused = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, "/api/v1/lineage", Json(body)));

        Assert.True(body.Length < 300_000, $"{body.Length} bytes sent");
        Assert.Equal((HttpStatusCode.BadRequest, "LIMIT_EXCEEDED", "outputs[0]"), (refused.Status, refused.Json.Str("code"), refused.Json.Str("field")));
        Assert.Contains("bytes of properties and typed fields", refused.Json.Str("message"), StringComparison.Ordinal);
    }
}
