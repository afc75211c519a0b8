using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// RetiredEdgesIntoAsync: the lineage that retirement took out of an upstream walk, which provenance
// lists so that an audit of what made a model sees what its current closure no longer shows.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Retired_edges_into_keys_are_those_not_current_with_their_latest_retirement_by_the_instant()
    {
        // d0 -> t, d1 -> t, d2 -> t, d4 -> d5, all DERIVES; r -INPUT_TO-> ... is not among them.
        var d = Graphs.Datasets(6);
        var t = Graphs.Dataset("t");
        await WriteGraphAsync([.. d, t], Graphs.Edge(d[0], t), Graphs.Edge(d[1], t), Graphs.Edge(d[2], t), Graphs.Edge(d[4], d[5]));
        var before = Tick();

        var retiredD0 = Tick();
        await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(d[0], t, RelationKind.Derives)] });
        var afterD0 = Tick();

        // Retiring an entity retires its edges.
        var retiredD1 = Tick();
        await Store.RetireAsync(new RetireRequest { Entities = [d[1]] });
        var retiredD2 = Tick();
        await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(d[2], t, RelationKind.Derives)] });
        var betweenD2 = Tick();

        // d2 -> t written again is current: not retired now. d0 -> t written again and retired again
        // answers its later retirement.
        Tick();
        await WriteEdgesAsync(Graphs.Edge(d[2], t), Graphs.Edge(d[0], t));
        var retiredD0Again = Tick();
        await Store.RetireAsync(new RetireRequest { Edges = [new EdgeRef(d[0], t, RelationKind.Derives)] });
        Tick();

        var now = await Store.RetiredEdgesIntoAsync([t, d[5], Graphs.Dataset("never-written")], Relations.Lineage, null, 10);
        Assert.Equal([(d[0], t, retiredD0Again), (d[1], t, retiredD1)], now.Select(e => (e.From, e.To, e.RetiredAt)));
        Assert.All(now, e => Assert.Equal(RelationKind.Derives, e.Relation));

        // As of an instant: what was retired by then and not current then.
        Assert.Empty(await Store.RetiredEdgesIntoAsync([t], Relations.Lineage, before, 10));
        Assert.Equal([(d[0], retiredD0)], (await Store.RetiredEdgesIntoAsync([t], Relations.Lineage, afterD0, 10)).Select(e => (e.From, e.RetiredAt)));
        Assert.Equal([(d[0], retiredD0), (d[1], retiredD1), (d[2], retiredD2)],
            (await Store.RetiredEdgesIntoAsync([t], Relations.Lineage, betweenD2, 10)).Select(e => (e.From, e.RetiredAt)));

        // Only the relations asked for, and only edges into the keys (d0 -> t leads out of d0).
        Assert.Empty(await Store.RetiredEdgesIntoAsync([t], [RelationKind.InputTo], null, 10));
        Assert.Empty(await Store.RetiredEdgesIntoAsync([d[0], d[5]], Relations.Lineage, null, 10));
        Assert.Empty(await Store.RetiredEdgesIntoAsync([], Relations.Lineage, null, 10));

        // The first of them in edge order, as many as asked for.
        Assert.Equal([d[0]], (await Store.RetiredEdgesIntoAsync([t], Relations.Lineage, null, 1)).Select(e => e.From));
        Assert.Empty(await Store.RetiredEdgesIntoAsync([t], Relations.Lineage, null, 0));
    }

    [SkippableFact]
    public async Task Provenance_lists_the_retired_edges_into_its_closure_up_to_the_cap_and_says_when_there_were_more()
    {
        await UseLimitsAsync(new TraversalLimits { DefaultLimit = 2, LimitCap = 2 });
        var d = Graphs.Datasets(3);
        var model = Graphs.Model("m");
        await WriteGraphAsync([.. d, model], [.. d.Select(k => Graphs.Edge(k, model))]);
        Tick();
        await Store.RetireAsync(new RetireRequest { Edges = [.. d.Select(k => new EdgeRef(k, model, RelationKind.Derives))] });

        var report = await Reports.ProvenanceAsync(model);

        Assert.Equal([d[0], d[1]], report.RetiredUpstream!.Select(e => e.From));
        Assert.True(report.RetiredUpstreamTruncated);
        await Store.WriteAsync(new WriteBatch { Edges = [Graphs.Edge(d[2], model)] });
        var written = await Reports.ProvenanceAsync(model);
        Assert.Equal([d[0], d[1]], written.RetiredUpstream!.Select(e => e.From));
        Assert.False(written.RetiredUpstreamTruncated);
    }
}
