using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Store.Contract;

/// <summary>Builders for keys, entities and edges, and small graph shapes the walk tests share.</summary>
public static class Graphs
{
    /// <summary>A dataset key; the namespace defaults to a plain one so that key order is name order.</summary>
    public static EntityKey Dataset(string name, string? version = "v1", string @namespace = "s3://lake") =>
        EntityKey.Create(EntityKind.Dataset, @namespace, name, version);

    public static EntityKey Feature(string name, string? version = "v1", string @namespace = "features") =>
        EntityKey.Create(EntityKind.Feature, @namespace, name, version);

    public static EntityKey Model(string name, string? version = "1", string @namespace = "registry") =>
        EntityKey.Create(EntityKind.Model, @namespace, name, version);

    public static EntityKey Code(string path, string? commit, string repository = "https://github.com/acme/ml") =>
        EntityKey.Create(EntityKind.CodeVersion, repository, path, commit);

    public static EntityKey Deployment(string service, string revision = "rev-1", string environment = "prod") =>
        EntityKey.Create(EntityKind.Deployment, environment, service, revision);

    public static EntityKey Job(string name, string @namespace = "jobs") =>
        EntityKey.Create(EntityKind.Job, @namespace, name);

    /// <summary>A run of a job; <paramref name="number"/> makes its run id.</summary>
    public static EntityKey Run(string job, int number, string @namespace = "jobs") =>
        EntityKey.Create(EntityKind.Run, @namespace, job, RunId(number));

    /// <summary>A deterministic UUID (version 4 layout) for run <paramref name="number"/>.</summary>
    public static string RunId(int number) => $"00000000-0000-4000-8000-{number:D12}";

    /// <summary>A key of any kind named <paramref name="name"/> (a hyperparameter set's name is the hash of a value holding it).</summary>
    public static EntityKey Key(EntityKind kind, string name) => kind switch
    {
        EntityKind.Dataset => Dataset(name),
        EntityKind.Feature => Feature(name),
        EntityKind.CodeVersion => Code(name, "abc1234"),
        EntityKind.HyperparameterSet => HyperparameterSets.KeyFor(Map(("name", $"\"{name}\""))),
        EntityKind.Model => Model(name),
        EntityKind.Run => Run(name, 1),
        EntityKind.Job => Job(name),
        EntityKind.Deployment => Deployment(name),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A valid input for <see cref="Key"/>: the key, and the values a hyperparameter set needs.</summary>
    public static EntityInput Input(EntityKind kind, string name) =>
        kind == EntityKind.HyperparameterSet ? HyperparameterSets.InputFor(Map(("name", $"\"{name}\""))) : Entity(Key(kind, name));

    /// <summary>A plain entity: the key and nothing else (a hyperparameter set needs its values: use <see cref="HyperparameterSets.InputFor"/>).</summary>
    public static EntityInput Entity(EntityKey key) => new() { Key = key };

    public static EdgeInput Edge(EntityKey from, EntityKey to, RelationKind relation = RelationKind.Derives) => new(from, to, relation);

    /// <summary>DERIVES edges along a chain of keys: keys[0] -> keys[1] -> ...</summary>
    public static EdgeInput[] Chain(params EntityKey[] keys) =>
        [.. keys.Zip(keys.Skip(1), (from, to) => Edge(from, to))];

    /// <summary>Datasets d00, d01, ... (two digits, so that key order is number order).</summary>
    public static EntityKey[] Datasets(int count, string prefix = "d") =>
        [.. Enumerable.Range(0, count).Select(i => Dataset($"{prefix}{i:D2}"))];

    /// <summary>A JSON value from its text.</summary>
    public static JsonElement JsonValue(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>A property or value map from name/JSON-text pairs.</summary>
    public static Dictionary<string, JsonElement> Map(params (string Name, string Json)[] members) =>
        members.ToDictionary(m => m.Name, m => JsonValue(m.Json), StringComparer.Ordinal);

    /// <summary>How tests write an edge in messages and expectations: <c>from -RELATION-> to</c>.</summary>
    public static string Describe(EntityKey from, EntityKey to, RelationKind relation) =>
        $"{from} -{Relations.Name(relation)}-> {to}";
}
