using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>
/// Collects a batch in order, writing each entity and edge once: a dataset that is both input and
/// output (or a parent job that is the job itself) is one entity whose facts are merged. Each
/// item keeps the event member it first came from, so that a store's refusal of
/// <c>entities[3]</c> can name <c>inputs[1]</c>.
/// </summary>
internal sealed class BatchBuilder
{
    private readonly List<EntityInput> _entities = [];
    private readonly List<string> _entitySources = [];
    private readonly Dictionary<EntityKey, int> _index = [];
    private readonly List<EdgeInput> _edges = [];
    private readonly List<string> _edgeSources = [];
    private readonly HashSet<(EntityKey, EntityKey, RelationKind)> _edgeSet = [];

    public void Add(EntityInput entity, string source)
    {
        if (!_index.TryGetValue(entity.Key, out var at))
        {
            _index[entity.Key] = _entities.Count;
            _entities.Add(entity);
            _entitySources.Add(source);
            return;
        }

        var first = _entities[at];
        _entities[at] = first with
        {
            Description = entity.Description ?? first.Description,
            Properties = MergeProperties(first.Properties, entity.Properties),
            Fields = MergeFields(first.Fields, entity.Fields),
        };
    }

    public void Add(EdgeInput edge, string source)
    {
        if (_edgeSet.Add((edge.From, edge.To, edge.Relation)))
        {
            _edges.Add(edge);
            _edgeSources.Add(source);
        }
    }

    public MappedEvent ToMapped() => new(new WriteBatch { Entities = [.. _entities], Edges = [.. _edges] }, [.. _entitySources], [.. _edgeSources]);

    private static IReadOnlyDictionary<string, JsonElement>? MergeProperties(
        IReadOnlyDictionary<string, JsonElement>? first, IReadOnlyDictionary<string, JsonElement>? second)
    {
        if (first is null || second is null)
        {
            return first ?? second;
        }

        var merged = new Dictionary<string, JsonElement>(first, StringComparer.Ordinal);
        foreach (var (name, value) in second)
        {
            merged[name] = value;
        }

        return merged;
    }

    private static EntityFields? MergeFields(EntityFields? first, EntityFields? second) => (first, second) switch
    {
        (DatasetFields a, DatasetFields b) => new DatasetFields
        {
            Schema = b.Schema ?? a.Schema,
            RowCount = b.RowCount ?? a.RowCount,
            ContentHash = b.ContentHash ?? a.ContentHash,
            Uri = b.Uri ?? a.Uri,
        },
        _ => second ?? first,
    };
}
