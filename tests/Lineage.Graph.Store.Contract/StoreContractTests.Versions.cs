using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// ILineageStore.ListVersionsAsync: every current version of many logical entities, in one call.
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

    private static EntityKey Key((EntityKind Kind, string Namespace, string Name) entity, string version) =>
        EntityKey.Create(entity.Kind, entity.Namespace, entity.Name, version);
}
