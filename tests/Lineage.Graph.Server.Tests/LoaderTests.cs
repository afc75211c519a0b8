namespace Lineage.Graph.Server.Tests;

/// <summary>
/// The loaders that batch a level's lookups (entities, walks, versions): one store call per level
/// even when the store answers later, as Neo4j over HTTP does, and answers as of the operation that
/// asked, never of a write made after it. A server of its own, since these tests write.
/// </summary>
public sealed class LoaderTests(DemoServer server) : IClassFixture<DemoServer>
{
    [Fact]
    public async Task A_level_asks_the_store_once_even_when_the_store_answers_later()
    {
        using var client = server.Reader();
        var store = server.Store;
        store.Reset();
        store.Before = (_, token) => Task.Delay(20, token);

        var data = await client.QueryAsync("{ entities(first: 20) { nodes { key kind namespace name versions { key } } } }");
        var nodes = data.At("entities.nodes").Items();
        string[] keys = [.. nodes.Select(n => n.Str("key")!)];
        var entities = await client.QueryAsync("{ " + string.Join(" ", keys.Select((k, i) => $"e{i}: entity(key: \"{k}\") {{ key }} f{i}: entity(key: \"{k}\") {{ key }}")) + " }");

        Assert.Equal([nodes.Select(n => (n.Str("kind"), n.Str("namespace"), n.Str("name"))).Distinct().Count()], store.ListVersionsSizes.ToList());
        Assert.Equal([keys.Length], store.GetManySizes.ToList());
        Assert.Equal(keys[^1], entities.Str($"f{keys.Length - 1}.key"));
        store.Reset();
    }

    [Fact]
    public async Task A_failed_batch_fails_each_of_its_fields_once_and_is_not_asked_again()
    {
        using var client = server.Reader();
        var store = server.Store;
        store.Reset();
        store.Before = (call, _) => call == "ListVersions" ? throw new Core.StoreUnavailableException("down") : Task.CompletedTask;

        var response = await client.PostAsync("{ entities(first: 5) { nodes { key versions { key } } } }");

        Assert.Single(store.ListVersionsSizes);
        Assert.NotEmpty(response.Errors);
        Assert.All(response.Errors, e => Assert.Equal("STORE_UNAVAILABLE", e.Str("extensions.code")));
        store.Reset();
    }

    [Fact]
    public async Task Each_operation_of_a_batched_request_sees_the_writes_of_the_ones_before_it()
    {
        using var writer = server.Writer();

        var response = await writer.PostJsonAsync("""
            [
              {"query":"mutation { recordEntities(input: { entities: [{ key: \"dataset:file:batched@1\" }] }) { entitiesCreated } }"},
              {"query":"{ entity(key: \"dataset:file:batched@1\") { versions { key } } }"},
              {"query":"mutation { recordEntities(input: { entities: [{ key: \"dataset:file:batched@2\" }] }) { entitiesCreated } }"},
              {"query":"{ entity(key: \"dataset:file:batched@2\") { key versions { key } } }"}
            ]
            """);

        var results = response.Json.Items();
        Assert.Equal(["dataset:file:batched@1"], results[1].At("data.entity.versions").Strings("key"));
        Assert.Equal("dataset:file:batched@2", results[3].Str("data.entity.key"));
        Assert.Equal(["dataset:file:batched@1", "dataset:file:batched@2"], results[3].At("data.entity.versions").Strings("key"));
    }

    [Fact]
    public async Task Each_field_of_a_mutation_answers_the_graph_as_it_left_it()
    {
        using var writer = server.Writer();

        var data = await writer.QueryAsync("""
            mutation {
              a: recordEntities(input: { entities: [{ key: "dataset:file:serial@1" }] }) { entities { versions { key } nextVersion { key } } }
              b: recordEntities(input: {
                entities: [{ key: "dataset:file:serial@2" }]
                edges: [{ from: "dataset:file:serial@1", to: "dataset:file:serial@2", relation: NEXT_VERSION }]
              }) { entities { versions { key } previousVersion { key } } }
            }
            """);

        Assert.Equal(["dataset:file:serial@1"], data.At("a.entities.0.versions").Strings("key"));
        Assert.True(data.IsNull("a.entities.0.nextVersion"));
        Assert.Equal(["dataset:file:serial@1", "dataset:file:serial@2"], data.At("b.entities.0.versions").Strings("key"));
        Assert.Equal("dataset:file:serial@1", data.Str("b.entities.0.previousVersion.key"));
    }

    [Fact]
    public async Task A_mutation_field_s_payload_still_asks_the_store_once_a_level()
    {
        using var writer = server.Writer();
        var store = server.Store;
        store.Reset();

        var data = await writer.QueryAsync("""
            mutation {
              recordEntities(input: {
                entities: [{ key: "dataset:file:level@1" }, { key: "dataset:file:level@2" }, { key: "dataset:file:other@1" }]
                edges: [{ from: "dataset:file:level@1", to: "dataset:file:level@2", relation: NEXT_VERSION }]
              }) { entities { key upstream { entity { key } } versions { key } } }
            }
            """);

        Assert.Equal(3, data.At("recordEntities.entities").Items().Count);
        Assert.Equal([3], store.WalkManySizes.ToList());
        Assert.Equal([2], store.ListVersionsSizes.ToList());
        store.Reset();
    }

    [Fact]
    public async Task A_walk_waiting_on_another_field_s_batch_stops_waiting_when_its_own_request_is_cancelled()
    {
        var store = server.Store;
        store.Reset();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Before = (call, _) => call == "WalkMany" ? release.Task : Task.CompletedTask;
        var loader = new GraphQL.WalkLoader(store, new Core.TraversalLimits());
        var start = Core.EntityKey.Parse("dataset:file:nowhere@1");
        var first = loader.Load(new Core.WalkRequest { Start = start, MaxDepth = 1 }, walk => walk);
        var second = loader.Load(new Core.WalkRequest { Start = start, MaxDepth = 1, Direction = Core.Direction.Upstream }, walk => walk);

        // The first sends both walks and waits on the store; the second waits on that batch, then is cancelled.
        var sending = first.GetResultAsync();
        using var cancelled = new CancellationTokenSource();
        var waiting = second.GetResultAsync(cancelled.Token);
        await cancelled.CancelAsync();

        // The bound only keeps a regression from hanging the run: a TimeoutException fails the assertion.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(sending.IsCompleted);
        release.SetResult();
        Assert.Null(await sending);
        Assert.Equal([2], store.WalkManySizes.ToList());
        store.Reset();
    }
}
