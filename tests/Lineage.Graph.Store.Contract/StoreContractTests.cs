using System.Text.Json;
using Lineage.Graph.Core;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Lineage.Graph.Store.Contract;

/// <summary>
/// The store contract of lineage-model.md: every store's test project subclasses this once and
/// supplies <see cref="CreateStoreAsync"/>; the same tests then hold every store to the same
/// answers. The tests speak only to <see cref="ILineageStore"/> and <see cref="LineageReports"/>.
/// </summary>
/// <remarks>
/// Each test gets a fresh, empty store whose clock is <see cref="Clock"/>. Files by topic: keys,
/// writes, edges and batches, retirement, listing, walks, walk edges, reports.
/// </remarks>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    /// <summary>Where <see cref="Clock"/> starts: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ILineageStore? _store;

    /// <summary>The clock the store reads; tests advance it to tell writes apart.</summary>
    protected FakeTimeProvider Clock { get; } = new(Epoch);

    /// <summary>The limits the current store was created with.</summary>
    protected TraversalLimits Limits { get; private set; } = new();

    protected ILineageStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>The reports over the current store, with the store's limits.</summary>
    protected LineageReports Reports => new(Store, Limits);

    /// <summary>
    /// Opens a fresh, empty store that reads its time from <paramref name="timeProvider"/> and
    /// bounds walks by <paramref name="limits"/>. It may be called more than once in a test (after
    /// the previous store was disposed); every call must return an empty store.
    /// </summary>
    protected abstract Task<ILineageStore> CreateStoreAsync(TimeProvider timeProvider, TraversalLimits limits);

    public virtual async Task InitializeAsync() => _store = await CreateStoreAsync(Clock, Limits);

    public virtual Task DisposeAsync() => CloseStoreAsync();

    /// <summary>Replaces the store with a fresh, empty one bounded by other limits; call before writing.</summary>
    protected async Task UseLimitsAsync(TraversalLimits limits)
    {
        await CloseStoreAsync();
        Limits = limits;
        _store = await CreateStoreAsync(Clock, limits);
    }

    private async Task CloseStoreAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }
    }

    /// <summary>Moves the clock on and returns the new now.</summary>
    protected DateTimeOffset Tick(int minutes = 1)
    {
        Clock.Advance(TimeSpan.FromMinutes(minutes));
        return Clock.GetUtcNow();
    }

    protected Task<WriteResult> WriteAsync(params EntityInput[] entities) =>
        Store.WriteAsync(new WriteBatch { Entities = entities });

    protected Task<WriteResult> WriteAsync(IReadOnlyList<EntityInput> entities, IReadOnlyList<EdgeInput> edges) =>
        Store.WriteAsync(new WriteBatch { Entities = entities, Edges = edges });

    /// <summary>Writes plain entities for the keys and the edges between them.</summary>
    protected Task<WriteResult> WriteGraphAsync(IEnumerable<EntityKey> keys, params EdgeInput[] edges) =>
        Store.WriteAsync(new WriteBatch { Entities = [.. keys.Distinct().Select(Graphs.Entity)], Edges = edges });

    protected Task<WriteResult> WriteEdgesAsync(params EdgeInput[] edges) =>
        Store.WriteAsync(new WriteBatch { Edges = edges });

    protected async Task<Entity> GetRequiredAsync(EntityKey key, DateTimeOffset? asOf = null)
    {
        var entity = await Store.GetAsync(key, asOf);
        Assert.True(entity is not null, $"{key} should exist{(asOf is null ? "" : $" as of {asOf:O}")}.");
        return entity;
    }

    protected Task<WalkResult> WalkAsync(
        EntityKey start,
        Direction direction,
        int? maxDepth = null,
        IReadOnlyList<RelationKind>? relations = null,
        IReadOnlyList<EntityKind>? kinds = null,
        DateTimeOffset? asOf = null,
        int? limit = null) =>
        Store.WalkAsync(new WalkRequest
        {
            Start = start,
            Direction = direction,
            MaxDepth = maxDepth,
            Relations = relations,
            Kinds = kinds,
            AsOf = asOf,
            Limit = limit,
        });

    /// <summary>Every current entity, read page by page.</summary>
    protected async Task<List<Entity>> ListAllAsync(EntityQuery? query = null)
    {
        var all = new List<Entity>();
        var page = await Store.ListAsync((query ?? new EntityQuery()) with { First = EntityQuery.MaxFirst });
        all.AddRange(page.Items);
        while (page.HasNextPage)
        {
            page = await Store.ListAsync((query ?? new EntityQuery()) with { First = EntityQuery.MaxFirst, After = page.EndCursor });
            all.AddRange(page.Items);
        }

        return all;
    }

    /// <summary>The walk's nodes as (key, depth) in the order returned.</summary>
    protected static List<(string Key, int Depth)> NodesOf(WalkResult walk) =>
        [.. walk.Nodes.Select(n => (n.Entity.Key.ToString(), n.Depth))];

    /// <summary>The walk's edges as "from -RELATION-> to" in the order returned.</summary>
    protected static List<string> EdgesOf(WalkResult walk) => [.. walk.Edges.Select(Describe)];

    protected static string Describe(Edge edge) => Graphs.Describe(edge.From, edge.To, edge.Relation);

    protected static string Describe(EdgeInput edge) => Graphs.Describe(edge.From, edge.To, edge.Relation);

    protected static string Json(IReadOnlyDictionary<string, JsonElement> properties) => LineageJson.Canonical(properties);

    protected static string? Json(EntityFields? fields) =>
        fields is null ? null : LineageJson.Canonical(JsonSerializer.SerializeToElement(fields, fields.GetType(), LineageJson.Options));

    /// <summary>Checks that a stored entity holds what a fresh write of <paramref name="input"/> should have stored.</summary>
    protected static void AssertStored(EntityInput input, Entity actual, DateTimeOffset recordedAt)
    {
        Assert.Equal(input.Key, actual.Key);
        Assert.Equal(input.Key.Kind, actual.Kind);
        Assert.Equal(input.Key.Namespace, actual.Namespace);
        Assert.Equal(input.Key.Name, actual.Name);
        Assert.Equal(input.Key.Version, actual.Version);
        Assert.Equal(input.Description, actual.Description);
        Assert.Equal(input.Tags ?? [], actual.Tags);
        Assert.Equal(input.Owners ?? [], actual.Owners);
        Assert.Equal(Json(input.Properties ?? LineageJson.EmptyProperties), Json(actual.Properties));
        Assert.Equal(Json(input.Fields), Json(actual.Fields));
        Assert.Equal(recordedAt, actual.RecordedAt);
        Assert.Equal(recordedAt, actual.UpdatedAt);
        Assert.Null(actual.RetiredAt);
    }

    /// <summary>Checks that two reads of an entity agree on everything.</summary>
    protected static void AssertSameEntity(Entity expected, Entity actual)
    {
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Owners, actual.Owners);
        Assert.Equal(Json(expected.Properties), Json(actual.Properties));
        Assert.Equal(Json(expected.Fields), Json(actual.Fields));
        Assert.Equal(expected.RecordedAt, actual.RecordedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.RetiredAt, actual.RetiredAt);
    }

    /// <summary>Reads everything a test can see of the current graph, to show that a failed write changed none of it.</summary>
    protected async Task<string> SnapshotAsync(params EntityKey[] walkFrom)
    {
        var lines = new List<string>();
        foreach (var entity in await ListAllAsync())
        {
            lines.Add($"{entity.Key} d={entity.Description} t={string.Join(",", entity.Tags)} p={Json(entity.Properties)} "
                + $"f={Json(entity.Fields)} r={entity.RecordedAt:O} u={entity.UpdatedAt:O}");
        }

        foreach (var start in walkFrom)
        {
            var walk = await WalkAsync(start, Direction.Both, relations: Relations.All);
            lines.Add($"walk {start}: " + string.Join(" ", NodesOf(walk).Select(n => $"{n.Key}/{n.Depth}")));
            lines.AddRange(walk.Edges.Select(e => $"  {Describe(e)} r={e.RecordedAt:O} role={e.Role} p={Json(e.Properties)}"));
        }

        return string.Join("\n", lines);
    }
}
