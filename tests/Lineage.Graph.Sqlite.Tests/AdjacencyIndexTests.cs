using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite.Tests;

public sealed class AdjacencyIndexTests
{
    private const int Nodes = 2_000;
    private static readonly uint AllRelations = AdjacencyIndex.RelationMask(Relations.All);

    [Fact]
    public void A_commit_older_than_the_index_changes_nothing()
    {
        // A store applies its own commit after releasing SQLite's lock, so a catch-up may have
        // applied a newer commit of another process first. The older commit must not undo it: a
        // retired node must stay retired, a purged one gone, and the sequences that tell readers
        // whether a cached copy is current must not go back.
        var index = new AdjacencyIndex();
        index.Load([new NodeRow(1, EntityKind.Dataset, 1, null, Key(1).ToString(), 3), new NodeRow(2, EntityKind.Dataset, 1, null, Key(2).ToString(), 3)], [], 3);
        index.Apply([new NodeRow(1, EntityKind.Dataset, 1, 50, Key(1).ToString(), 5)], [], 5, [new PurgedRow(2, null, 0, 0)]);

        index.Apply([new NodeRow(1, EntityKind.Dataset, 1, null, Key(1).ToString(), 4), new NodeRow(2, EntityKind.Dataset, 1, null, Key(2).ToString(), 4)], [], 4);

        Assert.True(index.Find([Key(1)])[Key(1)].Retired);
        Assert.False(index.Find([Key(2)]).ContainsKey(Key(2)));
        Assert.Equal(1, index.NodeCount);
        var sequences = new long[3];
        index.SequencesOf([1, 2, 3], sequences);
        Assert.Equal([5L, 5L, 0L], sequences);
    }

    [Fact]
    public void Keys_of_ids_leave_out_an_id_purged_since_the_walk_that_found_it_and_it_is_unknown()
    {
        // A walk cut at its limit reads the keys of the level it cuts after the index walk: a purge
        // applied in between must shorten the answer, not fail it.
        var index = new AdjacencyIndex();
        index.Load([.. Enumerable.Range(1, 3).Select(id => new NodeRow(id, EntityKind.Dataset, 1, null, Key(id).ToString(), 1))], [], 1);
        index.Apply([], [], 2, [new PurgedRow(2, null, 0, 0)]);

        Assert.Equal([(1, Key(1).ToString()), (3, Key(3).ToString())], index.KeysOf([1, 2, 3]));
        Assert.Equal([2, 9], index.Unknown([1, 2, 3, 9]));
    }

    [Fact]
    public void An_edge_purged_or_never_indexed_is_unknown()
    {
        // A read of edge properties under way when a purge is applied drops the copies it made of the purged edges by this.
        var index = new AdjacencyIndex();
        index.Load([.. Enumerable.Range(1, 3).Select(id => new NodeRow(id, EntityKind.Dataset, 1, null, Key(id).ToString(), 1))],
            [new EdgeRow(4, 1, 2, RelationKind.Derives, 10, null, null, false), new EdgeRow(5, 2, 3, RelationKind.Derives, 10, null, null, false)], 1);
        index.Apply([], [], 2, [new PurgedRow(null, 4, 1, 2)]);

        Assert.Equal([1, 4, 6, 900], index.UnknownEdges([1, 4, 5, 6, 900]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Retiring_an_edge_whose_id_a_purged_edge_had_retires_the_live_one(bool loaded)
    {
        // A file whose edges table predates AUTOINCREMENT gives a purged last edge's id to the next
        // edge. Retiring the new edge must change its entry, not the purged one left beside it, in
        // the loaded arrays and in the overflow lists alike.
        var index = new AdjacencyIndex();
        var nodes = Enumerable.Range(1, 2).Select(id => new NodeRow(id, EntityKind.Dataset, 1, null, Key(id).ToString(), 1)).ToList();
        var first = new EdgeRow(7, 1, 2, RelationKind.Derives, 10, null, null, false);
        index.Load(nodes, loaded ? [first] : [], 1);
        if (!loaded)
        {
            index.Apply([], [first], 2);
        }

        index.Apply([], [], 3, [new PurgedRow(null, 7, 1, 2)]);
        var again = first with { RecordedAt = 20 };
        index.Apply([], [again], 4);
        Assert.Equal("2/1", Walk(downstream: true));

        index.Apply([], [again with { RetiredAt = 30 }], 5);

        Assert.Equal("", Walk(downstream: true));
        Assert.Equal("", Walk(downstream: false, from: 2));
        Assert.Equal(1, index.EdgeCount);

        string Walk(bool downstream, int from = 1) => string.Join(
            " ", index.Walk(from, downstream, 4, AllRelations, uint.MaxValue, AdjacencyIndex.Now, 100, CancellationToken.None).Returned.Select(n => $"{n.Id}/{n.Depth}"));
    }

    [Fact]
    public void Indexes_kept_current_from_empty_share_no_lists_between_them_or_their_directions()
    {
        // Overflow lists change in place: one empty adjacency shared by every new index, and by both
        // directions of each, would show one index's edges to another and an edge's head as its tail.
        var (first, second) = (new AdjacencyIndex(), new AdjacencyIndex());
        var nodes = Enumerable.Range(1, 2).Select(id => new NodeRow(id, EntityKind.Dataset, 1, null, Key(id).ToString(), 1)).ToList();
        first.Apply(nodes, [new EdgeRow(1, 1, 2, RelationKind.Derives, 10, null, null, false)], 1);
        second.Apply(nodes, [], 1);

        Assert.Equal([2], first.Walk(1, true, 4, AllRelations, uint.MaxValue, AdjacencyIndex.Now, 100, CancellationToken.None).Returned.Select(n => n.Id));
        Assert.Empty(first.Walk(1, false, 4, AllRelations, uint.MaxValue, AdjacencyIndex.Now, 100, CancellationToken.None).Returned);
        Assert.Empty(second.Walk(1, true, 4, AllRelations, uint.MaxValue, AdjacencyIndex.Now, 100, CancellationToken.None).Returned);
    }

    [Fact]
    public void A_catch_up_over_a_purge_and_a_new_edge_given_the_purged_id_keeps_the_new_edge()
    {
        // A catch-up reads the rows as they are now: edge 7 is the newer edge 1→3, and the purge is of the
        // older edge 7, 1→2, which a file whose edges table predates AUTOINCREMENT gave its id again.
        var index = new AdjacencyIndex();
        var nodes = Enumerable.Range(1, 3).Select(id => new NodeRow(id, EntityKind.Dataset, 1, null, Key(id).ToString(), 1)).ToList();
        index.Load(nodes, [new EdgeRow(7, 1, 2, RelationKind.Derives, 10, null, null, false)], 1);

        index.Apply([], [new EdgeRow(7, 1, 3, RelationKind.Derives, 20, null, null, false)], 3, [new PurgedRow(null, 7, 1, 2)]);

        Assert.Equal("3/1", string.Join(" ", index.Walk(1, true, 4, AllRelations, uint.MaxValue, AdjacencyIndex.Now, 100, CancellationToken.None).Returned.Select(n => $"{n.Id}/{n.Depth}")));
        Assert.Empty(index.Walk(2, false, 4, AllRelations, uint.MaxValue, AdjacencyIndex.Now, 100, CancellationToken.None).Returned);
        Assert.Equal(1, index.EdgeCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_index_kept_current_commit_by_commit_walks_like_one_loaded_from_the_same_rows(bool purging)
    {
        // Enough edges, in commits of 400, that the overflow lists are compacted several times,
        // with retired and (or not, since compacting arrays without a purged entry copies them
        // whole) purged edges among them: the compacted arrays must answer exactly as arrays loaded
        // from the final rows do.
        var random = new Random(11);
        var rows = new Dictionary<int, EdgeRow>();
        var applied = new AdjacencyIndex();
        applied.Load([], [], 0);
        var sequence = 0;
        var nodes = Enumerable.Range(1, Nodes).Select(id => new NodeRow(id, (EntityKind)(id % 8), 1, null, Key(id).ToString(), 1)).ToList();
        applied.Apply(nodes, [], ++sequence);
        for (var id = 1; id <= 12_000; id++)
        {
            var (from, to) = (random.Next(1, Nodes + 1), random.Next(1, Nodes + 1));
            rows[id] = new EdgeRow(id, from, to, (RelationKind)random.Next(0, Relations.All.Count), 10 + id, null, id % 5 == 0 ? "training" : null, id % 7 == 0);
            if (id % 400 == 0)
            {
                applied.Apply([], [.. rows.Values.Where(r => r.Id > id - 400)], ++sequence);
                Retire(random.Next(1, id), random.Next(1, id));
                if (purging)
                {
                    Purge(random.Next(1, id));
                }
            }
        }

        var loaded = new AdjacencyIndex();
        loaded.Load(nodes, rows.Values.OrderBy(r => r.Id), sequence);

        Assert.Equal(loaded.EdgeCount, applied.EdgeCount);
        foreach (var start in Enumerable.Range(0, 60).Select(_ => random.Next(1, Nodes + 1)))
        {
            foreach (var downstream in new[] { true, false })
            {
                foreach (var at in new[] { AdjacencyIndex.Now, 10 + 6_000L })
                {
                    Assert.Equal(Describe(loaded, start, downstream, at), Describe(applied, start, downstream, at));
                }
            }
        }

        void Retire(int first, int second)
        {
            var retired = new[] { first, second }.Where(rows.ContainsKey).Distinct()
                .Select(id => rows[id] = rows[id] with { RetiredAt = rows[id].RetiredAt ?? 20_000 + id }).ToList();
            applied.Apply([], retired, ++sequence);
        }

        void Purge(int id)
        {
            if (rows.Remove(id, out var row))
            {
                applied.Apply([], [], ++sequence, [new PurgedRow(null, id, row.From, row.To)]);
            }
        }
    }

    private static string Describe(AdjacencyIndex index, int start, bool downstream, long at)
    {
        var reach = index.Walk(start, downstream, 4, AllRelations, uint.MaxValue, at, 100_000, CancellationToken.None);
        var answer = reach.Returned;
        var keys = answer.Select(n => Key(n.Id)).Append(Key(start)).ToArray();
        var (edges, ends, withProperties) = index.AnswerEdges(start, answer, downstream, 4, AllRelations, at, keys);
        Assert.All(edges.Zip(ends), pair => Assert.Equal((pair.First.From, pair.First.To), (keys[(int)(pair.Second >> 32)], keys[(int)pair.Second])));
        return string.Join(" ", answer.OrderBy(n => n.Id).Select(n => $"{n.Id}/{n.Depth}"))
            + $" | {reach.NodesVisited} {reach.EdgesVisited} | "
            + string.Join(" ", edges.Select(e => $"{e.From}-{e.Relation}->{e.To}:{e.Role}:{e.RecordedAt.Ticks}:{e.RetiredAt?.Ticks}").Order(StringComparer.Ordinal))
            + $" | {withProperties.Count}";
    }

    private static EntityKey Key(int id) => EntityKey.Create(EntityKind.Dataset, "index", $"n{id}");
}
