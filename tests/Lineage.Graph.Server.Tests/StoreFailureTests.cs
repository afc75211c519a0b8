using System.Net;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Tests;

/// <summary>A store that fails: a transient failure is STORE_UNAVAILABLE, anything else a generic internal error that tells nothing.</summary>
public sealed class StoreFailureTests(EmptyServer server) : IClassFixture<EmptyServer>
{
    private const string Secret = "/var/lib/secret/lineage.db: password=hunter2";

    private readonly EmptyServer _server = server;

    [Fact]
    public async Task An_unexpected_failure_is_INTERNAL_SERVER_ERROR_and_shows_no_details()
    {
        using var reader = _server.Reader();
        var response = await WithStoreFailingAsync(
            (call, _) => call == "GetMany" ? throw new InvalidOperationException(Secret) : Task.CompletedTask,
            () => reader.PostAsync("""{ entity(key: "dataset:file:x@1") { key } }"""));

        var error = response.Error("INTERNAL_SERVER_ERROR", HttpStatusCode.OK);
        Assert.DoesNotContain("hunter2", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
        Assert.False(error.At("extensions").TryGetProperty("details", out _));
    }

    [Fact]
    public async Task An_unavailable_store_is_STORE_UNAVAILABLE_for_a_query()
    {
        using var reader = _server.Reader();
        var response = await WithStoreFailingAsync(
            (call, _) => call == "List" ? throw new StoreUnavailableException("The database is locked; try again.") : Task.CompletedTask,
            () => reader.PostAsync("{ entities { totalCount } }"));

        var error = response.Error("STORE_UNAVAILABLE", HttpStatusCode.OK);
        Assert.Equal("The database is locked; try again.", error.Str("message"));
    }

    [Fact]
    public async Task An_unavailable_store_is_a_top_level_STORE_UNAVAILABLE_for_a_mutation_not_a_payload_error()
    {
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => WithStoreFailingAsync(
            (call, _) => call == "Write" ? throw new StoreUnavailableException("The database is locked; try again.") : Task.CompletedTask,
            () => admin.PostAsync("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:unavailable@1" }] }) { entitiesCreated errors { code } } }""")));

        response.Error("STORE_UNAVAILABLE", HttpStatusCode.OK);
        Assert.True(response.Json.IsNull("data"));
    }

    private async Task<GraphQLResponse> WithStoreFailingAsync(Func<string, CancellationToken, Task> failure, Func<Task<GraphQLResponse>> act)
    {
        _server.Store.Before = failure;
        try
        {
            return await act();
        }
        finally
        {
            _server.Store.Reset();
        }
    }
}
