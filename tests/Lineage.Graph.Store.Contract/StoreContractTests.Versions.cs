using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// ILineageStore.ListVersionsAsync: every current version of many logical entities (or the newest so many of each), in one call.
public abstract partial class StoreContractTests
{
    [SkippableFact]
    public async Task Versions_of_many_entities_come_whole_in_one_answer_oldest_first()
    {
        // A namespace and name with every character a key escapes, and a model that shares the
        // dataset's namespace and name: kinds are told apart.
        var odd = (EntityKind.Dataset, "s3://b:1/x@y", "a:b@c ü");
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "b") }, new EntityInput { Key = Key(odd, "1") });
        Tick();
        await WriteAsync(
            new EntityInput { Key = Graphs.Dataset("events", "c") },
            new EntityInput { Key = Graphs.Dataset("events", "a") },
            new EntityInput { Key = EntityKey.Create(EntityKind.Model, "s3://lake", "events", "1") },
            new EntityInput { Key = Graphs.Dataset("clicks", "v1") });
        var events = (EntityKind.Dataset, "s3://lake", "events");
        var missing = (EntityKind.Feature, "s3://lake", "events");

        var versions = await Store.ListVersionsAsync([events, odd, missing, events]);

        Assert.Equal(3, versions.Count);

        // Oldest first; a and c were written in the same instant, so they come in key order.
        Assert.Equal(["dataset:s3://lake:events@b", "dataset:s3://lake:events@a", "dataset:s3://lake:events@c"],
            versions[events].Select(e => e.Key.ToString()));
        Assert.Equal([Epoch, Epoch.AddMinutes(1), Epoch.AddMinutes(1)], versions[events].Select(e => e.RecordedAt));
        Assert.Equal([Key(odd, "1")], versions[odd].Select(e => e.Key));
        Assert.Empty(versions[missing]);
    }

    [SkippableFact]
    public async Task Versions_leave_out_retired_versions()
    {
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "v1") }, new EntityInput { Key = Graphs.Dataset("events", "v2") },
            new EntityInput { Key = Graphs.Model("fraud", "1") });
        Tick();
        await Store.RetireAsync(new RetireRequest { Entities = [Graphs.Dataset("events", "v1"), Graphs.Model("fraud", "1")] });
        var events = (EntityKind.Dataset, "s3://lake", "events");
        var fraud = (EntityKind.Model, "registry", "fraud");

        var versions = await Store.ListVersionsAsync([events, fraud]);

        Assert.Equal([Graphs.Dataset("events", "v2")], versions[events].Select(e => e.Key));
        Assert.Empty(versions[fraud]);
    }

    [SkippableFact]
    public async Task Versions_are_listed_whole_past_the_largest_page()
    {
        var count = EntityQuery.MaxFirst + 1;
        await WriteAsync([.. Enumerable.Range(0, count).Select(i => new EntityInput { Key = Graphs.Dataset("daily", $"{i:D4}") })], []);

        var versions = await Store.ListVersionsAsync([(EntityKind.Dataset, "s3://lake", "daily")]);

        Assert.Equal(Enumerable.Range(0, count).Select(i => Graphs.Dataset("daily", $"{i:D4}")), versions[(EntityKind.Dataset, "s3://lake", "daily")].Select(e => e.Key));
    }

    [SkippableFact]
    public async Task Versions_of_no_entities_are_an_empty_answer()
    {
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "v1") });

        Assert.Empty(await Store.ListVersionsAsync([]));
    }

    [SkippableFact]
    public async Task The_newest_versions_are_the_latest_recorded_oldest_first_ties_in_key_order()
    {
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "v1") }, new EntityInput { Key = Graphs.Model("fraud", "1") });
        Tick();
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "v2") });
        Tick();
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "v4") }, new EntityInput { Key = Graphs.Dataset("events", "v3") });
        var events = (EntityKind.Dataset, "s3://lake", "events");
        var fraud = (EntityKind.Model, "registry", "fraud");
        var missing = (EntityKind.Feature, "s3://lake", "events");

        async Task<List<string>> Newest(int count) =>
            [.. (await Store.ListVersionsAsync([events], count))[events].Select(e => e.Key.Version!)];

        // v3 and v4 were written in the same instant: key order tells them apart, and a cut between them keeps v4.
        Assert.Equal(["v4"], await Newest(1));
        Assert.Equal(["v3", "v4"], await Newest(2));
        Assert.Equal(["v2", "v3", "v4"], await Newest(3));
        Assert.Equal(["v1", "v2", "v3", "v4"], await Newest(4));
        Assert.Equal(["v1", "v2", "v3", "v4"], await Newest(5));

        var several = await Store.ListVersionsAsync([events, fraud, missing], 2);
        Assert.Equal([Graphs.Model("fraud", "1")], several[fraud].Select(e => e.Key));
        Assert.Empty(several[missing]);
    }

    [SkippableFact]
    public async Task The_newest_versions_count_current_versions_only()
    {
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "v1") });
        Tick();
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "v2") });
        Tick();
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "v3") });
        await Store.RetireAsync(new RetireRequest { Entities = [Graphs.Dataset("events", "v3")] });
        var events = (EntityKind.Dataset, "s3://lake", "events");

        var versions = await Store.ListVersionsAsync([events], 1);

        Assert.Equal([Graphs.Dataset("events", "v2")], versions[events].Select(e => e.Key));
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Newest_below_one_is_refused(int newest)
    {
        await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", "v1") });

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => Store.ListVersionsAsync([(EntityKind.Dataset, "s3://lake", "events")], newest));
        Assert.Equal("newest", error.Item);
    }

    private static EntityKey Key((EntityKind Kind, string Namespace, string Name) entity, string version) =>
        EntityKey.Create(entity.Kind, entity.Namespace, entity.Name, version);

    [SkippableFact]
    public async Task A_walk_or_path_from_a_key_that_names_no_entity_names_the_newest_current_versions()
    {
        // v1 to v4 current, v5 retired; a script asks for the dataset without a version, or a version that is not there.
        var beforeAll = Clock.GetUtcNow().AddSeconds(-1);
        for (var version = 1; version <= 5; version++)
        {
            await WriteAsync(new EntityInput { Key = Graphs.Dataset("events", $"v{version}") });
            Tick();
        }

        var v4 = Graphs.Dataset("events", "v4");
        var beforeV4 = (await GetRequiredAsync(v4)).RecordedAt.AddSeconds(-1);
        await Store.RetireAsync(new RetireRequest { Entities = [Graphs.Dataset("events", "v5")] });

        var unversioned = await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(Graphs.Dataset("events", null), Direction.Downstream));
        var mistyped = await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(Graphs.Dataset("events", "v9"), Direction.Upstream));
        var retired = await Assert.ThrowsAsync<NotFoundException>(() => Reports.ImpactAsync(Graphs.Dataset("events", "v5")));
        var early = await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(v4, Direction.Downstream, asOf: beforeV4));
        var first = await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(v4, Direction.Downstream, asOf: beforeAll));
        var pathEnd = await Assert.ThrowsAsync<NotFoundException>(() => Reports.PathsAsync(v4, Graphs.Dataset("events", "v0")));

        Assert.Equal(
            "No entity dataset:s3://lake:events. Its newest current versions: dataset:s3://lake:events@v4, dataset:s3://lake:events@v3, dataset:s3://lake:events@v2, and older ones.",
            unversioned.Message);
        Assert.Equal(unversioned.Message.Replace("events.", "events@v9.", StringComparison.Ordinal), mistyped.Message);
        Assert.Equal(unversioned.Message.Replace("events.", "events@v5.", StringComparison.Ordinal), retired.Message);
        Assert.Equal(unversioned.Message.Replace("events.", "events@v0.", StringComparison.Ordinal), pathEnd.Message);

        // With asOf, only versions there were then, and never the key itself, are named: asking for them with that asOf finds them.
        Assert.Equal(
            $"No entity dataset:s3://lake:events@v4 as of {Texts.Instant(beforeV4)}. Its newest versions at that time: dataset:s3://lake:events@v3, dataset:s3://lake:events@v2, dataset:s3://lake:events@v1.",
            early.Message);
        Assert.Equal($"No entity dataset:s3://lake:events@v4 as of {Texts.Instant(beforeAll)}.", first.Message);
        Assert.All(new[] { unversioned, mistyped, retired, early, first, pathEnd }, ex => Assert.Equal(ErrorCodes.NotFound, ex.Code));
    }

    [SkippableFact]
    public async Task A_walk_from_a_run_that_is_not_there_names_the_newest_runs_of_its_job()
    {
        await WriteAsync(Graphs.Entity(Graphs.Run("train", 1)));
        Tick();
        await WriteAsync(Graphs.Entity(Graphs.Run("train", 2)));

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(Graphs.Run("train", 3), Direction.Upstream));

        Assert.Equal($"No entity {Graphs.Run("train", 3)}. The newest current runs of job:jobs:train: {Graphs.Run("train", 2)}, {Graphs.Run("train", 1)}.", ex.Message);
    }

    [SkippableFact]
    public async Task A_walk_from_a_key_whose_logical_entity_has_no_current_version_says_only_that_it_is_not_there()
    {
        await WriteAsync(Graphs.Entity(Graphs.Dataset("gone", "v1")));
        Tick();
        await Store.RetireAsync(new RetireRequest { Entities = [Graphs.Dataset("gone", "v1")] });

        Assert.Equal("No entity dataset:s3://lake:gone@v2.",
            (await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(Graphs.Dataset("gone", "v2"), Direction.Downstream))).Message);
        Assert.Equal("No entity job:jobs:weekly.",
            (await Assert.ThrowsAsync<NotFoundException>(() => WalkAsync(Graphs.Job("weekly"), Direction.Downstream))).Message);
    }
}
