using System.Net;
using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;

namespace Lineage.Graph.Server.Tests;

/// <summary><c>/healthz</c> reports the store's state, to probes that hold no key.</summary>
public sealed class HealthTests(EmptyServer server) : IClassFixture<EmptyServer>
{
    private readonly EmptyServer _server = server;

    [Fact]
    public async Task Healthz_reports_a_healthy_store_and_its_counts_without_a_key()
    {
        using var anonymous = _server.Client();
        using var writer = _server.Writer();
        var before = await HealthAsync(anonymous);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal("application/json", before.MediaType);
        Assert.Equal("Healthy", before.Json.Str("status"));
        Assert.Equal("Sqlite", before.Json.Str("store.name"));
        Assert.False(string.IsNullOrEmpty(before.Json.Str("store.description")));

        await writer.QueryAsync("""
            mutation { recordEntities(input: { entities: [{ key: "dataset:file:health-a@1" }, { key: "dataset:file:health-b@1" }], edges: [{ from: "dataset:file:health-a@1", to: "dataset:file:health-b@1", relation: DERIVES }] }) { entitiesCreated } }
            """);
        var after = await HealthAsync(anonymous);

        Assert.Equal(before.Json.Int("store.data.entities") + 2, after.Json.Int("store.data.entities"));
        Assert.Equal(before.Json.Int("store.data.edges") + 1, after.Json.Int("store.data.edges"));
        Assert.True(after.Json.At("store.data.changeSequence").GetInt64() > before.Json.At("store.data.changeSequence").GetInt64());
    }

    [Fact]
    public async Task Healthz_reports_the_entity_cache_so_that_its_size_can_be_tuned()
    {
        using var anonymous = _server.Client();
        using var writer = _server.Writer();
        await writer.QueryAsync("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:health-cache@1" }] }) { entitiesCreated } }""");
        var before = await HealthAsync(anonymous);

        await writer.QueryAsync("""{ entity(key: "dataset:file:health-cache@1") { key } }""");
        await writer.QueryAsync("""{ entity(key: "dataset:file:health-cache@1") { key } }""");
        var after = await HealthAsync(anonymous);

        Assert.Equal(SqliteStoreOptions.DefaultEntityCacheSize, after.Json.Int("store.data.entityCacheCapacity"));
        Assert.True(after.Json.Int("store.data.cachedEntities") >= 1);
        Assert.Equal(new SqliteStoreOptions().EntityCacheBytes, after.Json.At("store.data.entityCacheMaxBytes").GetInt64());
        Assert.InRange(after.Json.At("store.data.cachedEntityBytes").GetInt64(), 512, new SqliteStoreOptions().EntityCacheBytes);
        Assert.True(after.Json.At("store.data.entityCacheHits").GetInt64() > before.Json.At("store.data.entityCacheHits").GetInt64());
        // The first read of the new entity misses (a write does not fill the cache); the second finds it.
        Assert.True(after.Json.At("store.data.entityCacheMisses").GetInt64() > before.Json.At("store.data.entityCacheMisses").GetInt64());
    }

    [Fact]
    public async Task Healthz_answers_503_while_the_store_is_degraded()
    {
        using var anonymous = _server.Client();
        try
        {
            _server.Store.Health = new StoreHealth(StoreStatus.Degraded, "Sqlite", "The embedded store failed: disk I/O error", new Dictionary<string, object>());
            var response = await HealthAsync(anonymous);

            Assert.Equal("Degraded", response.Json.Str("status"));
            Assert.Equal("Sqlite", response.Json.Str("store.name"));

            // A probe reads the status code, not the body: a store that fails must not look healthy to it.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await HeadStatusAsync(anonymous));
        }
        finally
        {
            _server.Store.Reset();
        }

        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(anonymous)).Status);
        Assert.Equal(HttpStatusCode.OK, await HeadStatusAsync(anonymous));
    }

    /// <summary>The status a HEAD probe gets (uptime monitors and some load balancers send HEAD; it was 405).</summary>
    private static async Task<HttpStatusCode> HeadStatusAsync(GraphQLClient client)
    {
        using var response = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthz"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        return response.StatusCode;
    }

    private static async Task<GraphQLResponse> HealthAsync(GraphQLClient client)
    {
        var response = await client.SendAsync(HttpMethod.Get, "/healthz", null);
        Assert.Equal(JsonValueKind.Object, response.Json.ValueKind);
        return response;
    }
}
