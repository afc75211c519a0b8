using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// lineage-model.md, "Writing": nothing is deleted; retiring sets retiredAt, and asOf still sees what was.
public abstract partial class StoreContractTests
{
    private async Task<(EntityKey A, EntityKey B, EntityKey C, EntityKey B2)> WriteRetireGraphAsync()
    {
        // a -> b -> c, and b NEXT_VERSION b2 (structural).
        var (a, b, c, b2) = (Graphs.Dataset("a"), Graphs.Dataset("b", "v1"), Graphs.Dataset("c"), Graphs.Dataset("b", "v2"));
        await WriteGraphAsync([a, b, c, b2], Graphs.Edge(a, b), Graphs.Edge(b, c), Graphs.Edge(b, b2, RelationKind.NextVersion));
        return (a, b, c, b2);
    }

    [SkippableFact]
    public async Task Retiring_an_entity_hides_it_and_its_edges_from_current_queries()
    {
        var (a, b, c, b2) = await WriteRetireGraphAsync();
        Tick();

        var result = await Store.RetireAsync(new RetireRequest { Entities = [b] });

        Assert.Equal(new RetireResult(1, 3), result);
        Assert.Null(await Store.GetAsync(b));
        Assert.Empty(await Store.GetManyAsync([b]));
        Assert.Equal([a, b2, c], (await ListAllAsync()).Select(e => e.Key));
        Assert.Equal(3, (await Store.ListAsync(new EntityQuery())).TotalCount);
        var fromA = await WalkAsync(a, Direction.Downstream, relations: Relations.All);
        Assert.Empty(fromA.Nodes);
        Assert.Empty(fromA.Edges);
        Assert.Empty((await WalkAsync(c, Direction.Upstream, relations: Relations.All)).Nodes);
        Assert.Empty((await WalkAsync(b2, Direction.Both, relations: Relations.All)).Nodes);
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(b, Direction.Downstream));
        Assert.Equal(ErrorCodes.NotFound, ex.Code);
    }

    [SkippableFact]
    public async Task Retired_entity_is_visible_as_of_before_its_retirement()
    {
        var recorded = Clock.GetUtcNow();
        var (a, b, c, _) = await WriteRetireGraphAsync();
        var retired = Tick(10);
        await Store.RetireAsync(new RetireRequest { Entities = [b] });
        Tick();
        var justBefore = retired.AddMinutes(-1);

        var then = await GetRequiredAsync(b, justBefore);
        Assert.Equal((recorded, retired), (then.RecordedAt, then.RetiredAt));
        Assert.Equal([b], (await Store.GetManyAsync([b], justBefore)).Keys);
        var walkThen = await WalkAsync(a, Direction.Downstream, asOf: justBefore);
        Assert.Equal([(b.ToString(), 1), (c.ToString(), 2)], NodesOf(walkThen));
        Assert.Equal([Graphs.Describe(a, b, RelationKind.Derives), Graphs.Describe(b, c, RelationKind.Derives)], EdgesOf(walkThen));
        Assert.Equal(b, (await WalkAsync(b, Direction.Downstream, asOf: justBefore)).Start.Key);

        // Retired at that instant: retiredAt > asOf no longer holds.
        Assert.Null(await Store.GetAsync(b, retired));
        Assert.Empty((await WalkAsync(a, Direction.Downstream, asOf: retired)).Nodes);
        await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(b, Direction.Downstream, asOf: retired));
    }

    [SkippableFact]
    public async Task Retiring_what_is_already_retired_changes_nothing()
    {
        var (a, b, _, _) = await WriteRetireGraphAsync();
        var retired = Tick();
        await Store.RetireAsync(new RetireRequest { Entities = [b] });
        Tick();

        var again = await Store.RetireAsync(new RetireRequest { Entities = [b], Edges = [new EdgeRef(a, b, RelationKind.Derives)] });

        Assert.Equal(new RetireResult(0, 0), again);
        Assert.Equal(retired, (await GetRequiredAsync(b, retired.AddMinutes(-1))).RetiredAt);
    }

    [SkippableFact]
    public async Task Retiring_an_entity_counts_only_the_edges_that_were_still_current()
    {
        var (a, b, _, _) = await WriteRetireGraphAsync();
        var first = await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(a, b, RelationKind.Derives)] });
        Tick();

        var second = await Store.RetireAsync(new RetireRequest { Entities = [b] });

        Assert.Equal(new RetireResult(0, 1), first);
        Assert.Equal(new RetireResult(1, 2), second);
    }

    [SkippableFact]
    public async Task Retiring_both_ends_of_an_edge_and_the_edge_in_one_request_retires_it_once()
    {
        var (a, b, c, _) = await WriteRetireGraphAsync();
        Tick();

        var result = await Store.RetireAsync(new RetireRequest { Entities = [a, b], Edges = [new EdgeRef(a, b, RelationKind.Derives)] });

        // a -> b once, b -> c, and b NEXT_VERSION b2.
        Assert.Equal(new RetireResult(2, 3), result);
        Assert.Empty((await WalkAsync(c, Direction.Upstream, relations: Relations.All)).Nodes);
    }

    [SkippableFact]
    public async Task Retiring_and_purging_an_entity_with_a_self_loop_counts_the_loop_once()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        await WriteGraphAsync([a, b], Graphs.Edge(a, a), Graphs.Edge(a, b));
        Tick();

        var retired = await Store.RetireAsync(new RetireRequest { Entities = [a] });
        var purged = await Store.PurgeAsync(new PurgeRequest { Entities = [a] });

        Assert.Equal(new RetireResult(1, 2), retired);
        Assert.Equal(new PurgeResult(1, 2), purged);
        Assert.Empty((await WalkAsync(b, Direction.Upstream, relations: Relations.All, asOf: Clock.GetUtcNow().AddMinutes(-1))).Nodes);
    }

    [SkippableFact]
    public async Task Retiring_an_unknown_entity_fails_with_not_found_and_retires_nothing()
    {
        var (a, b, c, _) = await WriteRetireGraphAsync();
        var before = await SnapshotAsync(a);

        var ex = await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.RetireAsync(new RetireRequest { Entities = [b, Graphs.Dataset("unknown")], Edges = [new EdgeRef(a, b, RelationKind.Derives)] }));

        Assert.Equal(ErrorCodes.NotFound, ex.Code);
        Assert.Equal(before, await SnapshotAsync(a));
        Assert.Equal([(b.ToString(), 1), (c.ToString(), 2)], NodesOf(await WalkAsync(a, Direction.Downstream)));
    }

    [SkippableFact]
    public async Task Retiring_an_unknown_edge_fails_with_not_found_and_retires_nothing()
    {
        var (a, b, c, _) = await WriteRetireGraphAsync();
        var before = await SnapshotAsync(a);

        var ex = await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.RetireAsync(new RetireRequest { Entities = [c], Edges = [new EdgeRef(a, c, RelationKind.Derives)] }));

        Assert.Equal(ErrorCodes.NotFound, ex.Code);
        Assert.Equal(before, await SnapshotAsync(a));
        Assert.NotNull(await Store.GetAsync(c));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(b, a, RelationKind.Derives)] }));
    }

    [SkippableFact]
    public async Task A_retire_refused_after_its_items_retires_nothing_and_names_its_first_bad_item()
    {
        // What a reader of the caller's input hands on when it refused a key after these (RetireRequest.Refused).
        var (a, b, c, _) = await WriteRetireGraphAsync();
        var before = await SnapshotAsync(a);
        Tick();
        var refused = new InvalidKeyException("A Dataset version cannot be empty.", "entities[2]");

        var thrown = await Assert.ThrowsAsync<InvalidKeyException>(() =>
            Store.RetireAsync(new RetireRequest { Entities = [b, c], Edges = [], Refused = refused }));
        var missingEntity = await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.RetireAsync(new RetireRequest { Entities = [b, Graphs.Dataset("unknown")], Refused = refused }));
        var missingEdge = await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.RetireAsync(new RetireRequest { Entities = [b], Edges = [new EdgeRef(b, a, RelationKind.Derives)], Refused = refused }));

        Assert.Same(refused, thrown);
        Assert.Equal("entities[1]", missingEntity.Item);
        Assert.Equal("edges[0]", missingEdge.Item);
        Assert.Equal(before, await SnapshotAsync(a));
        Assert.Equal([(b.ToString(), 1), (c.ToString(), 2)], NodesOf(await WalkAsync(a, Direction.Downstream)));
    }

    [SkippableFact]
    public async Task Retiring_an_edge_no_write_could_make_is_an_invalid_relation_after_any_earlier_item_not_found()
    {
        // DEPLOYED_AS joins a model to a deployment: between two datasets no such edge can be stored, so "not found" hid the mistake.
        var (a, b, c, _) = await WriteRetireGraphAsync();
        var before = await SnapshotAsync(a);
        Tick();

        var invalid = await Assert.ThrowsAsync<InvalidRelationException>(() =>
            Store.RetireAsync(new RetireRequest { Entities = [c], Edges = [new EdgeRef(a, b, RelationKind.Derives), new EdgeRef(a, c, RelationKind.DeployedAs)] }));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(b, a, RelationKind.Derives), new EdgeRef(a, c, RelationKind.DeployedAs)] }));

        Assert.Equal("edges[1]", invalid.Item);
        Assert.StartsWith("edges[1]: DEPLOYED_AS cannot join Dataset to Dataset", invalid.Message, StringComparison.Ordinal);
        Assert.Equal("edges[0]", missing.Item);
        Assert.Equal(before, await SnapshotAsync(a));
        Assert.Equal([(b.ToString(), 1), (c.ToString(), 2)], NodesOf(await WalkAsync(a, Direction.Downstream)));

        // Rules of right kinds that came later (a run its own parent, a run of another job) were written before them,
        // so such an edge is looked for as any other, and may be retired where it is stored.
        var run = Graphs.Run("etl", 1);
        await Assert.ThrowsAsync<NotFoundException>(() => Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(run, run, RelationKind.ChildOf)] }));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(run, EntityKey.Create(EntityKind.Job, "other", "job"), RelationKind.InstanceOf)] }));
    }

    [SkippableFact]
    public async Task Retiring_an_edge_hides_it_from_walks_and_keeps_its_entities()
    {
        var (a, b, c, _) = await WriteRetireGraphAsync();
        var d = Graphs.Dataset("d");
        await WriteGraphAsync([a, d], Graphs.Edge(a, d));
        var retired = Tick();

        var result = await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(a, b, RelationKind.Derives)] });

        Assert.Equal(new RetireResult(0, 1), result);
        Assert.Equal([(d.ToString(), 1)], NodesOf(await WalkAsync(a, Direction.Downstream)));
        Assert.Equal([(c.ToString(), 1)], NodesOf(await WalkAsync(b, Direction.Downstream)));
        Assert.NotNull(await Store.GetAsync(b));
        var then = await WalkAsync(a, Direction.Downstream, asOf: retired.AddMinutes(-1));
        Assert.Equal([(b.ToString(), 1), (d.ToString(), 1), (c.ToString(), 2)], NodesOf(then));
        var retiredEdge = Assert.Single(then.Edges, e => e.To == b);
        Assert.Equal(retired, retiredEdge.RetiredAt);
        Assert.Equal([(d.ToString(), 1)], NodesOf(await WalkAsync(a, Direction.Downstream, asOf: retired)));
    }

    [SkippableFact]
    public async Task Writing_a_retired_entity_fails_with_entity_retired_and_stores_nothing()
    {
        var (a, b, _, _) = await WriteRetireGraphAsync();
        await Store.RetireAsync(new RetireRequest { Entities = [b] });
        Tick();
        var before = await SnapshotAsync(a);
        var added = Graphs.Dataset("added");

        var ex = await Assert.ThrowsAsync<EntityRetiredException>(() =>
            WriteAsync(Graphs.Entity(added), new EntityInput { Key = b, Description = "back again?" }));

        Assert.Equal(ErrorCodes.EntityRetired, ex.Code);
        Assert.Equal("entities[1]", ex.Item);
        Assert.Equal(before, await SnapshotAsync(a));
        Assert.Null(await Store.GetAsync(added));
        Assert.Null(await Store.GetAsync(b));
    }

    [SkippableFact]
    public async Task Writing_an_edge_to_or_from_a_retired_entity_fails_with_entity_retired()
    {
        var (a, b, c, _) = await WriteRetireGraphAsync();
        await Store.RetireAsync(new RetireRequest { Entities = [b] });
        Tick();
        var before = await SnapshotAsync(a, c);
        var added = Graphs.Dataset("added");

        var to = await Assert.ThrowsAsync<EntityRetiredException>(() =>
            WriteGraphAsync([added], Graphs.Edge(added, c), Graphs.Edge(added, b)));
        var from = await Assert.ThrowsAsync<EntityRetiredException>(() => WriteEdgesAsync(Graphs.Edge(b, c)));

        Assert.Equal((ErrorCodes.EntityRetired, ErrorCodes.EntityRetired), (to.Code, from.Code));
        Assert.StartsWith("edges[1]", to.Item, StringComparison.Ordinal);
        Assert.StartsWith("edges[0]", from.Item, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(a, c));
        Assert.Null(await Store.GetAsync(added));
    }

    [SkippableFact]
    public async Task Writing_a_retired_edge_again_creates_it_anew()
    {
        var (a, b) = (Graphs.Dataset("a"), Graphs.Dataset("b"));
        var created = Clock.GetUtcNow();
        await WriteGraphAsync([a, b], Graphs.Edge(a, b));
        var retired = Tick(10);
        await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(a, b, RelationKind.Derives)] });
        var recreated = Tick(10);

        var result = await WriteEdgesAsync(Graphs.Edge(a, b));

        Assert.Equal(new WriteResult(0, 0, 0, 1, 0), result);
        var now = Assert.Single((await WalkAsync(a, Direction.Downstream)).Edges);
        Assert.Equal((recreated, (DateTimeOffset?)null), (now.RecordedAt, now.RetiredAt));
        var between = await WalkAsync(a, Direction.Downstream, asOf: recreated.AddMinutes(-5));
        Assert.Empty(between.Nodes);
        Assert.Empty(between.Edges);
        var before = Assert.Single((await WalkAsync(a, Direction.Downstream, asOf: retired.AddMinutes(-5))).Edges);
        Assert.Equal(created, before.RecordedAt);
        Assert.Equal(new WriteResult(0, 0, 0, 0, 1), await WriteEdgesAsync(Graphs.Edge(a, b)));
    }
}
