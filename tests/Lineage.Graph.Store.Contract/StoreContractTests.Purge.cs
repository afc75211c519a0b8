using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// lineage-model.md, "Writing": physical purge is a separate, explicit admin operation. Unlike
// retiring, it leaves nothing behind, not even for asOf.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Purging_an_entity_deletes_it_and_all_its_edges_even_for_asOf()
    {
        var (a, b, c, b2) = await WriteRetireGraphAsync();
        var before = Clock.GetUtcNow();
        Tick();
        await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(b, c, RelationKind.Derives)] });
        Tick();

        var result = await Store.PurgeAsync(new PurgeRequest { Entities = [b] });

        // a -> b, the retired b -> c, and b NEXT_VERSION b2.
        Assert.Equal(new PurgeResult(1, 3), result);
        Assert.Null(await Store.GetAsync(b));
        Assert.Null(await Store.GetAsync(b, before));
        Assert.Equal([a, b2, c], (await ListAllAsync()).Select(e => e.Key));
        Assert.Empty((await WalkAsync(a, Direction.Downstream, relations: Relations.All, asOf: before)).Nodes);
        Assert.Empty((await WalkAsync(c, Direction.Upstream, relations: Relations.All, asOf: before)).Nodes);
        await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(b, Direction.Downstream, asOf: before));
    }

    [SkippableFact]
    public async Task Purging_an_edge_deletes_every_version_of_it()
    {
        var (a, b, c, _) = await WriteRetireGraphAsync();
        var first = Clock.GetUtcNow();
        Tick();
        await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(a, b, RelationKind.Derives)] });
        Tick();
        await Store.WriteAsync(new WriteBatch { Edges = [Graphs.Edge(a, b)] });
        Tick();

        var result = await Store.PurgeAsync(new PurgeRequest { Edges = [new EdgeRef(a, b, RelationKind.Derives)] });

        Assert.Equal(new PurgeResult(0, 2), result);
        Assert.Empty((await WalkAsync(a, Direction.Downstream)).Nodes);
        Assert.Empty((await WalkAsync(a, Direction.Downstream, asOf: first)).Nodes);
        Assert.Equal([(c.ToString(), 1)], NodesOf(await WalkAsync(b, Direction.Downstream)));
    }

    [SkippableFact]
    public async Task Purging_what_is_not_there_changes_nothing()
    {
        var (a, b, _, _) = await WriteRetireGraphAsync();
        var listed = (await ListAllAsync()).Select(e => (e.Key, e.UpdatedAt)).ToList();

        var result = await Store.PurgeAsync(new PurgeRequest
        {
            Entities = [Graphs.Dataset("never-written")],
            Edges = [new EdgeRef(b, a, RelationKind.Derives)],
        });

        Assert.Equal(new PurgeResult(0, 0), result);
        Assert.Equal(listed, (await ListAllAsync()).Select(e => (e.Key, e.UpdatedAt)));
        Assert.Equal(2, (await WalkAsync(a, Direction.Downstream)).Nodes.Count);
    }

    [SkippableFact]
    public async Task Purging_an_edge_no_write_could_make_is_an_invalid_relation_and_purges_nothing()
    {
        // It purged nothing and said so in counts alone: an admin who mistyped the relation was told it went.
        var (a, b, _, _) = await WriteRetireGraphAsync();
        var listed = (await ListAllAsync()).Select(e => (e.Key, e.UpdatedAt)).ToList();

        var error = await Assert.ThrowsAsync<InvalidRelationException>(() => Store.PurgeAsync(new PurgeRequest
        {
            Entities = [b],
            Edges = [new EdgeRef(a, b, RelationKind.Derives), new EdgeRef(a, b, RelationKind.DeployedAs)],
        }));

        Assert.Equal("edges[1]", error.Item);
        Assert.Equal(listed, (await ListAllAsync()).Select(e => (e.Key, e.UpdatedAt)));
        Assert.Equal(2, (await WalkAsync(a, Direction.Downstream)).Nodes.Count);
    }

    [SkippableFact]
    public async Task A_purged_key_can_be_written_again_as_a_new_entity()
    {
        var (_, b, _, _) = await WriteRetireGraphAsync();
        await Store.PurgeAsync(new PurgeRequest { Entities = [b] });
        var again = Tick();

        var result = await Store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = b }] });

        Assert.Equal(1, result.EntitiesCreated);
        Assert.Equal(again, (await GetRequiredAsync(b)).RecordedAt);
        Assert.Empty((await WalkAsync(b, Direction.Both, relations: Relations.All)).Nodes);
    }
}
