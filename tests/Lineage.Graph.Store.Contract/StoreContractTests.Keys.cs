using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// lineage-model.md, "Entities": the key must round-trip for every legal namespace and name.
public abstract partial class StoreContractTests
{
    /// <summary>Namespaces and names that break naive escaping, string-built SQL or Cypher, collations and encodings.</summary>
    public static readonly IReadOnlyList<(string Namespace, string Name, string? Version)> HostileParts =
    [
        ("s3://bucket/path", "events", "2024-06-01"),
        ("postgres://host:5432", "db.schema.table", "v1"),
        ("a:b", "c", "v1"),
        ("a", "b:c", "v1"),
        ("name@with", "at@signs@", "2024-06-01@12:00:00"),
        ("with space", "and more  spaces ", "v 1"),
        ("100%", "%25 literally", "50%"),
        ("quotes\"double\"", "'single' and `back`", "v1"),
        ("'); DROP TABLE entities;--", "'); DROP TABLE edges;--", "v1"),
        ("}) DETACH DELETE n //", "x\"}) MATCH (n) DETACH DELETE n RETURN 1 //", "v1"),
        ("$param {braces} [brackets]", "\\back\\slash\\", "v1"),
        ("file", "C:\\data\\file.csv", "v1"),
        ("emoji 🚀📦", "model 🤖", "v🏷"),
        ("数据集", "特征表:训练", "版本一"),
        ("مجموعة البيانات", "שם עם רווח", "v1"),
        ("combining", "cafe\u0301", "v1"),
        ("combining", "caf\u00e9", "v1"),
        ("case", "Events", "v1"),
        ("case", "events", "v1"),
        ("wildcards", "a_b%c*d?e", "v1"),
        ("long", new string('x', EntityKey.MaxPartLength), "v1"),

        // A full-width letter (U+FF5A) and a character above U+FFFF: UTF-16 puts the second first, code points
        // (UTF-8 bytes, as listings sort) the first; every answer that orders keys must agree.
        ("order", "\uff5a", "v1"),
        ("order", "\ud83d\ude00", "v1"),
    ];

    private static EntityKey[] HostileKeys() =>
        [.. HostileParts.Select(p => EntityKey.Create(EntityKind.Dataset, p.Namespace, p.Name, p.Version))];

    [SkippableFact]
    public async Task Hostile_keys_round_trip_through_write_and_get()
    {
        var keys = HostileKeys();
        await WriteAsync([.. keys.Select(k => new EntityInput { Key = k, Description = k.Name })], []);

        Assert.Equal(keys.Length, keys.Distinct().Count());
        foreach (var key in keys)
        {
            var entity = await GetRequiredAsync(EntityKey.Parse(key.ToString()));
            Assert.Equal(key.ToString(), entity.Key.ToString());
            Assert.Equal(key.Namespace, entity.Namespace);
            Assert.Equal(key.Name, entity.Name);
            Assert.Equal(key.Version, entity.Version);
            Assert.Equal(key.Name, entity.Description);
        }
    }

    [SkippableFact]
    public async Task Hostile_keys_round_trip_through_list()
    {
        var keys = HostileKeys();
        await WriteGraphAsync(keys);

        var listed = await ListAllAsync();

        Assert.Equal(keys.Order().Select(k => k.ToString()), listed.Select(e => e.Key.ToString()));
        foreach (var (key, entity) in keys.Order().Zip(listed))
        {
            Assert.Equal((key.Namespace, key.Name, key.Version), (entity.Namespace, entity.Name, entity.Version));
        }
    }

    [SkippableFact]
    public async Task Hostile_keys_page_one_at_a_time_in_list_order()
    {
        // The cursor of a page is compared with the keys after it in the order the listing sorts by: code points.
        // A comparison in UTF-16 units (as Java compares strings) would put an astral character before U+FF5A
        // and skip it on the next page.
        var keys = HostileKeys();
        await WriteGraphAsync(keys);
        var seen = new List<string>();
        string? after = null;

        do
        {
            var page = await Store.ListAsync(new EntityQuery { First = 1, After = after });
            seen.AddRange(page.Items.Select(e => e.Key.ToString()));
            after = page.HasNextPage ? page.EndCursor : null;
        }
        while (after is not null && seen.Count <= keys.Length);

        Assert.Equal(keys.Order().Select(k => k.ToString()), seen);
    }

    [SkippableFact]
    public async Task Hostile_keys_round_trip_through_walks()
    {
        var root = Graphs.Dataset("root");
        var keys = HostileKeys();
        await WriteGraphAsync([root, .. keys], [.. keys.Select(k => Graphs.Edge(root, k))]);

        var down = await WalkAsync(root, Direction.Downstream);

        Assert.Equal(keys.Order().Select(k => (k.ToString(), 1)), NodesOf(down));
        Assert.Equal(keys.Order().Select(k => Graphs.Describe(root, k, RelationKind.Derives)), EdgesOf(down));
        foreach (var node in down.Nodes)
        {
            Assert.Contains(keys, k => k.Namespace == node.Entity.Namespace && k.Name == node.Entity.Name && k.Version == node.Entity.Version);
        }

        foreach (var key in keys)
        {
            var up = await WalkAsync(key, Direction.Upstream);
            Assert.Equal(key.ToString(), up.Start.Key.ToString());
            Assert.Equal([(root.ToString(), 1)], NodesOf(up));
        }
    }

    [SkippableFact]
    public async Task Hostile_keys_round_trip_through_every_report()
    {
        // Each hostile dataset is an input of one training run whose model is deployed: the reports name
        // them (paths, impact's deployment paths, provenance's groups, diff's logical inputs) as written.
        var keys = HostileKeys();
        var (run, model, deployment) = (Graphs.Run("train", 1), Graphs.Model("m:1@x%", "1"), Graphs.Deployment("api 🚀", "rev:1"));
        var (otherRun, other) = (Graphs.Run("train", 2), Graphs.Model("m:1@x%", "2"));
        await WriteGraphAsync(
            [.. keys, run, model, deployment, otherRun, other],
            [
                .. keys.Select(k => Graphs.Edge(k, run, RelationKind.InputTo)), Graphs.Edge(keys[0], otherRun, RelationKind.InputTo),
                Graphs.Edge(run, model, RelationKind.Produced), Graphs.Edge(model, deployment, RelationKind.DeployedAs), Graphs.Edge(otherRun, other, RelationKind.Produced),
            ]);

        foreach (var key in keys)
        {
            var path = Assert.Single((await Reports.PathsAsync(key, deployment)).Paths);
            Assert.Equal([key, run, model, deployment], path.Entities.Select(e => e.Key));
            var impact = await Reports.ImpactAsync(key);
            Assert.Equal([key, run, model, deployment], Assert.Single(impact.Deployments).Path.Entities.Select(e => e.Key));
        }

        var provenance = await Reports.ProvenanceAsync(model);
        Assert.Equal(keys.Order(), provenance.ByKind.Single(g => g.Kind == EntityKind.Dataset).Nodes.Select(n => n.Entity.Key));

        var diff = await Reports.DiffAsync(other, model);
        var datasets = diff.Inputs.Where(i => i.Kind == EntityKind.Dataset).ToList();
        Assert.Equal(keys.Select(k => (k.Namespace, k.Name)).ToHashSet(), datasets.Select(i => (i.Namespace, i.Name)).ToHashSet());
        Assert.Equal(keys.Length, datasets.Count);
        Assert.All(datasets.Where(i => (i.Namespace, i.Name) != (keys[0].Namespace, keys[0].Name)), i => Assert.Equal(ChangeKind.Added, i.Change));
    }

    [SkippableTheory]
    [InlineData(EntityKind.Feature)]
    [InlineData(EntityKind.CodeVersion)]
    [InlineData(EntityKind.Model)]
    [InlineData(EntityKind.Run)]
    [InlineData(EntityKind.Job)]
    [InlineData(EntityKind.Deployment)]
    public async Task Hostile_keys_of_every_kind_round_trip_through_write_get_list_and_walks(EntityKind kind)
    {
        // Each kind's version rule (a job has none, a run's is a UUID); a code version may have an empty path.
        var keys = HostileParts.Select((p, i) => EntityKey.Create(kind, p.Namespace, p.Name, kind switch
        {
            EntityKind.Job => null,
            EntityKind.Run => Graphs.RunId(i),
            _ => p.Version,
        })).ToList();
        if (kind == EntityKind.CodeVersion)
        {
            keys.Add(EntityKey.Create(kind, "https://github.com/acme/ml", "", "abc1234"));
        }

        var root = Graphs.Dataset("root");
        var relation = kind == EntityKind.Run ? RelationKind.InputTo : RelationKind.Derives;
        await WriteGraphAsync([root, .. keys], [.. keys.Select(k => Graphs.Edge(root, k, relation))]);

        foreach (var key in keys)
        {
            var entity = await GetRequiredAsync(EntityKey.Parse(key.ToString()));
            Assert.Equal((key.ToString(), key.Namespace, key.Name, key.Version), (entity.Key.ToString(), entity.Namespace, entity.Name, entity.Version));
            Assert.Equal([(root.ToString(), 1)], NodesOf(await WalkAsync(key, Direction.Upstream)));
        }

        Assert.Equal(keys.Order().Select(k => k.ToString()), (await ListAllAsync(new EntityQuery { Kind = kind })).Select(e => e.Key.ToString()));
        Assert.Equal(keys.Order().Select(k => (k.ToString(), 1)), NodesOf(await WalkAsync(root, Direction.Downstream)));
    }

    [SkippableFact]
    public async Task Hostile_namespaces_and_names_are_matched_literally_by_list_filters()
    {
        var keys = HostileKeys();
        await WriteGraphAsync(keys);

        foreach (var key in keys)
        {
            var byNamespace = await ListAllAsync(new EntityQuery { Namespace = key.Namespace });
            Assert.Equal(keys.Where(k => k.Namespace == key.Namespace).Order(), byNamespace.Select(e => e.Key));

            var byPrefix = await ListAllAsync(new EntityQuery { NameStartsWith = key.Name });
            Assert.Equal(keys.Where(k => k.Name.StartsWith(key.Name, StringComparison.Ordinal)).Order(), byPrefix.Select(e => e.Key));

            var byName = await ListAllAsync(new EntityQuery { Name = key.Name });
            Assert.Equal(keys.Where(k => k.Name == key.Name).Order(), byName.Select(e => e.Key));

            var text = key.Name.ToUpperInvariant();
            var byText = await ListAllAsync(new EntityQuery { Text = text });
            Assert.Equal(
                keys.Where(k => k.Namespace.ToLowerInvariant().Contains(text.ToLowerInvariant(), StringComparison.Ordinal)
                    || k.Name.ToLowerInvariant().Contains(text.ToLowerInvariant(), StringComparison.Ordinal)).Order(),
                byText.Select(e => e.Key));

            var versions = await ListAllAsync(new EntityQuery { Kind = key.Kind, Namespace = key.Namespace, Name = key.Name });
            Assert.Equal([key], versions.Select(e => e.Key));

            // The first half of a name, which may end just before or after a character the key text escapes, as a prefix.
            var half = key.Name[..(key.Name.Length / 2)];
            if (half.Length > 0 && !char.IsHighSurrogate(half[^1]))
            {
                var byHalf = await ListAllAsync(new EntityQuery { NameStartsWith = half });
                Assert.Equal(keys.Where(k => k.Name.StartsWith(half, StringComparison.Ordinal)).Order(), byHalf.Select(e => e.Key));
            }
        }
    }

    [SkippableFact]
    public async Task Keys_that_differ_only_in_case_or_unicode_normalisation_are_distinct_entities()
    {
        var upper = Graphs.Dataset("Events");
        var lower = Graphs.Dataset("events");
        var composed = Graphs.Dataset("caf\u00e9");
        var decomposed = Graphs.Dataset("cafe\u0301");
        var result = await WriteAsync(
            [new() { Key = upper, Description = "upper" }, new() { Key = lower, Description = "lower" },
             new() { Key = composed, Description = "composed" }, new() { Key = decomposed, Description = "decomposed" }],
            []);

        Assert.Equal(4, result.EntitiesCreated);
        Assert.Equal("upper", (await GetRequiredAsync(upper)).Description);
        Assert.Equal("lower", (await GetRequiredAsync(lower)).Description);
        Assert.Equal("composed", (await GetRequiredAsync(composed)).Description);
        Assert.Equal("decomposed", (await GetRequiredAsync(decomposed)).Description);
        Assert.Equal(4, (await Store.ListAsync(new EntityQuery())).TotalCount);
    }

    [SkippableFact]
    public async Task Where_the_namespace_ends_and_the_name_begins_is_part_of_the_identity()
    {
        var left = EntityKey.Create(EntityKind.Dataset, "a:b", "c", "v1");
        var right = EntityKey.Create(EntityKind.Dataset, "a", "b:c", "v1");
        await WriteAsync(new EntityInput { Key = left, Description = "left" }, new EntityInput { Key = right, Description = "right" });

        var gotLeft = await GetRequiredAsync(EntityKey.Parse("dataset:a:b:c@v1"));
        var gotRight = await GetRequiredAsync(EntityKey.Parse("dataset:a:b%3Ac@v1"));

        Assert.Equal(("a:b", "c", "left"), (gotLeft.Namespace, gotLeft.Name, gotLeft.Description));
        Assert.Equal(("a", "b:c", "right"), (gotRight.Namespace, gotRight.Name, gotRight.Description));
    }

    [SkippableFact]
    public async Task A_key_typed_by_a_user_finds_the_entity()
    {
        await WriteAsync(Graphs.Entity(EntityKey.Create(EntityKind.Dataset, "s3://bucket/path", "events", "2024-06-01")));

        var entity = await GetRequiredAsync(EntityKey.Parse("dataset:s3://bucket/path:events@2024-06-01"));

        Assert.Equal(("s3://bucket/path", "events", "2024-06-01"), (entity.Namespace, entity.Name, entity.Version));
        Assert.Equal("dataset:s3://bucket/path:events@2024-06-01", entity.Key.ToString());
    }

    [SkippableFact]
    public async Task A_run_written_with_an_upper_case_id_is_found_by_its_lower_case_key()
    {
        await WriteAsync(Graphs.Entity(EntityKey.Parse("run:jobs:train:v2@0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D")));

        var entity = await GetRequiredAsync(EntityKey.Parse("run:jobs:train:v2@0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));

        Assert.Equal(("jobs:train", "v2", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"), (entity.Namespace, entity.Name, entity.Version));
    }

    [SkippableFact]
    public async Task Unversioned_kinds_round_trip_without_a_version()
    {
        var job = Graphs.Job("nightly:clean", "acme:etl");
        var hyperparameters = HyperparameterSets.InputFor(Graphs.Map(("lr", "0.1")));
        await WriteAsync(Graphs.Entity(job), hyperparameters);

        var gotJob = await GetRequiredAsync(EntityKey.Parse(job.ToString()));
        var gotSet = await GetRequiredAsync(EntityKey.Parse(hyperparameters.Key.ToString()));

        Assert.Equal(("job:acme:etl:nightly%3Aclean", "acme:etl", "nightly:clean", (string?)null),
            (gotJob.Key.ToString(), gotJob.Namespace, gotJob.Name, gotJob.Version));
        Assert.Equal((HyperparameterSets.Namespace, HyperparameterSets.Hash(Graphs.Map(("lr", "0.1"))), (string?)null),
            (gotSet.Namespace, gotSet.Name, gotSet.Version));
    }
}
