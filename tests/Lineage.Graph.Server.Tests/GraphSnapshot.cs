using System.Text.Json;

namespace Lineage.Graph.Server.Tests;

/// <summary>What must not move when a request is refused: every current entity with its updatedAt, and the store's counts and change sequence.</summary>
public static class GraphSnapshot
{
    private const string Query = "{ entities(first: 1000) { totalCount nodes { key updatedAt retiredAt properties } } }";

    public static async Task<string> TakeAsync(GraphQLClient admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var entities = await admin.QueryAsync(Query);
        var health = await admin.Http.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        using var document = JsonDocument.Parse(health);

        // The graph's own figures only: the cache's hits and misses move with every read.
        var data = document.RootElement.GetProperty("store").GetProperty("data");
        var counts = string.Join(",", new[] { "entities", "edges", "changeSequence" }.Select(name => $"{name}={data.GetProperty(name).GetRawText()}"));
        return entities.GetRawText() + "\n" + counts;
    }

    /// <summary>Runs <paramref name="act"/> and asserts the graph is as it was before.</summary>
    public static async Task<T> UnchangedAsync<T>(GraphQLClient admin, Func<Task<T>> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        var before = await TakeAsync(admin);
        var result = await act();
        var after = await TakeAsync(admin);
        Assert.Equal(before, after);
        return result;
    }
}
