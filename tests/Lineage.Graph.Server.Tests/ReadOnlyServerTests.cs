using System.Net;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;
using static Lineage.Graph.Server.Tests.OpenLineage.OpenLineageEvents;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// A server on a database it opened read-only (<c>Lineage:Sqlite:ReadOnly</c>): it answers queries, and
/// refuses every write with <c>READ_ONLY</c>, which is not a 5xx, so that OpenLineage emitters do not retry it.
/// </summary>
public sealed class ReadOnlyServerTests(ReadOnlyServerTests.ReadOnlyServer server) : IClassFixture<ReadOnlyServerTests.ReadOnlyServer>
{
    private const string Message = "opened read-only (ReadOnly; Lineage:Sqlite:ReadOnly on the server): it takes no writes, and this one wrote nothing.";

    [Fact]
    public async Task Queries_are_answered_and_health_says_read_only()
    {
        using var reader = server.Reader();

        Assert.Equal(23, (await reader.QueryAsync("{ entities(first: 1) { totalCount } }")).Int("entities.totalCount"));
        var health = await reader.SendAsync(HttpMethod.Get, "/healthz", null);
        Assert.True(health.Json.Bool("store.data.readOnly"));
    }

    [Fact]
    public async Task OpenLineage_events_are_refused_with_403_READ_ONLY_and_nothing_is_stored()
    {
        using var admin = server.Admin();

        var (one, batch) = await GraphSnapshot.UnchangedAsync(admin, async () => (
            await admin.SendAsync(HttpMethod.Post, "/api/v1/lineage", Json(Run())),
            await admin.SendAsync(HttpMethod.Post, "/api/v1/lineage/batch", Json($"[{Run()}, {Run("COMPLETE")}]"))));

        foreach (var response in new[] { one, batch })
        {
            Assert.Equal((HttpStatusCode.Forbidden, "READ_ONLY"), (response.Status, response.Json.Str("code")));
            Assert.EndsWith(Message, response.Json.Str("message"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_mutation_is_a_top_level_READ_ONLY_error_not_a_payload_error()
    {
        using var admin = server.Admin();

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(
            """mutation { recordEntities(input: { entities: [{ key: "dataset:file:read-only@1" }] }) { entitiesCreated errors { code } } }"""));

        Assert.EndsWith(Message, response.Error("READ_ONLY", HttpStatusCode.OK).Str("message"), StringComparison.Ordinal);
        Assert.True(response.Json.IsNull("data"));
    }

    /// <summary>The demo graph, written before the server opens the file read-only.</summary>
    public sealed class ReadOnlyServer : ServerFixture
    {
        public ReadOnlyServer()
            : base(new Dictionary<string, string?> { ["Lineage:Sqlite:ReadOnly"] = "true" })
        {
            var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = DatabasePath }, new TraversalLimits(), TimeProvider.System);
            try
            {
                Hosting.DemoGraph.WriteAsync(store).GetAwaiter().GetResult();
            }
            finally
            {
                store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
