using System.Net;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// The bounds on what <c>versions</c> and the neighbour fields may return: <c>versions(last:)</c>,
/// an entity with more versions than one field may return refused rather than cut short, and the
/// complexity a document is charged for lists that can be long.
/// </summary>
public sealed class VersionsFieldTests(SmallCapServer server) : IClassFixture<SmallCapServer>
{
    private const string GraphQLResponse = GraphQLClient.GraphQLResponseJson;

    [Fact]
    public async Task Last_gives_the_newest_versions_oldest_first()
    {
        using var reader = server.Reader();
        server.Store.Reset();

        var data = await reader.QueryAsync("""
            { entity(key: "dataset:file:many@3") { all: versions(last: 5) { key } two: versions(last: 2) { key } } }
            """);

        Assert.Equal([.. Enumerable.Range(2, 5).Select(i => $"dataset:file:many@{i}")], data.At("entity.all").Strings("key"));
        Assert.Equal(["dataset:file:many@5", "dataset:file:many@6"], data.At("entity.two").Strings("key"));

        // Each last is its own store call, for no more versions than it returns.
        Assert.Equal([2, 5], server.Store.ListVersionsNewest.Order().ToList());
        server.Store.Reset();
    }

    [Fact]
    public async Task Versions_past_the_cap_are_refused_naming_last_not_cut_short()
    {
        using var reader = server.Reader();
        server.Store.Reset();

        // Six versions, a cap of five: no list at all, rather than five of six.
        var response = await reader.PostAsync("""{ entity(key: "dataset:file:many@1") { key versions { key } } }""");

        var error = response.Error("LIMIT_EXCEEDED", HttpStatusCode.OK);
        Assert.Contains("more than 5 versions", error.Str("message"), StringComparison.Ordinal);

        // The store was asked for one more than the cap, not for every version.
        Assert.Equal([6], server.Store.ListVersionsNewest.ToList());
        Assert.Contains("versions(last: n)", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal("last", error.Str("extensions.item"));
        Assert.True(response.Json.IsNull("data.entity"));

        // Five versions are within the cap.
        var few = await reader.QueryAsync("""{ entity(key: "dataset:file:few@1") { versions { key } } }""");
        Assert.Equal(5, few.At("entity.versions").Items().Count);
        server.Store.Reset();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(6)]
    [InlineData(int.MaxValue)]
    public async Task Last_outside_one_to_the_cap_is_refused(int last)
    {
        using var reader = server.Reader();

        var response = await reader.PostAsync($$"""{ entity(key: "dataset:file:few@1") { versions(last: {{last}}) { key } } }""");

        var error = response.Error("LIMIT_EXCEEDED", HttpStatusCode.OK);
        Assert.Contains("between 1 and 5", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal("last", error.Str("extensions.item"));
    }

    [Fact]
    public async Task Nested_long_lists_are_charged_for_what_they_may_return()
    {
        using var reader = server.Reader();
        server.Store.Reset();

        // Each versions, or upstream without first, counts as 100 items: 100 x 100 x 100 is past 50,000.
        // The analyzer's own estimate for a list without first or last was 5 items, which let both through.
        foreach (var query in new[]
        {
            "{ entities(first: 100) { nodes { versions { versions { key } } } } }",
            """{ entity(key: "dataset:file:few@1") { upstream { entity { upstream { entity { upstream { entity { key } } } } } } } }""",
        })
        {
            var response = await reader.PostAsync(query, accept: GraphQLResponse);
            response.Error("COMPLEXITY", HttpStatusCode.BadRequest);
        }

        Assert.True(server.Store.ListVersionsSizes.IsEmpty && server.Store.WalkManySizes.IsEmpty && server.Store.Lists == 0 && server.Store.Gets == 0);

        // A negative count (refused when its field runs) is charged as one item, not as a negative
        // charge that would take the rest of the document past the limit.
        foreach (var negative in new[] { "upstream(first: -1000000) { entity { key } }", "versions(last: -1000000) { key }" })
        {
            var response = await reader.PostAsync(
                """{ a: entity(key: "dataset:file:few@1") { upstream { entity { upstream { entity { upstream { entity { key } } } } } } } """
                + $$"""b: entity(key: "dataset:file:few@1") { {{negative}} } }""",
                accept: GraphQLResponse);
            response.Error("COMPLEXITY", HttpStatusCode.BadRequest);
        }

        // The same on a root list, which GraphQL.NET's own analyzer charges by its first.
        var rootNegative = await reader.PostAsync(
            """{ a: entity(key: "dataset:file:few@1") { upstream { entity { upstream { entity { upstream { entity { key } } } } } } } """
            + "b: entities(first: -1500000000) { nodes { key upstream { entity { key } } } } }",
            accept: GraphQLResponse);
        rootNegative.Error("COMPLEXITY", HttpStatusCode.BadRequest);
        Assert.True(server.Store.WalkManySizes.IsEmpty && server.Store.Lists == 0 && server.Store.Gets == 0);

        // What the lists' arguments bound is charged by them, and one entity's versions with theirs still runs.
        await reader.QueryAsync("{ entities(first: 100) { nodes { versions(last: 2) { versions(last: 2) { key } } } } }");
        await reader.QueryAsync("""{ entity(key: "dataset:file:few@1") { upstream(first: 5) { entity { upstream(first: 5) { entity { upstream(first: 5) { entity { key } } } } } } } }""");
        var nested = await reader.QueryAsync("""{ entity(key: "dataset:file:few@1") { versions { key versions { key } } } }""");
        Assert.Equal(25, nested.At("entity.versions").Items().Sum(v => v.At("versions").Items().Count));
    }
}

/// <summary>A walk (and a versions field) may return 5 nodes; an entity with 6 versions and one with 5.</summary>
public sealed class SmallCapServer() : ServerFixture(new Dictionary<string, string?> { ["Lineage:Traversal:LimitCap"] = "5" }), IAsyncLifetime
{
    public Task InitializeAsync() => Store.WriteAsync(new WriteBatch
    {
        Entities =
        [
            .. Enumerable.Range(1, 6).Select(i => new EntityInput { Key = EntityKey.Parse($"dataset:file:many@{i}") }),
            .. Enumerable.Range(1, 5).Select(i => new EntityInput { Key = EntityKey.Parse($"dataset:file:few@{i}") }),
        ],
    });

    public Task DisposeAsync() => Task.CompletedTask;
}
