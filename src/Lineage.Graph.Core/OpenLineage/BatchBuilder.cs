using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>
/// Collects a batch in order, writing each entity and edge once: a dataset that is both input and
/// output (or a parent job that is the job itself) is one entity whose facts are merged. Each
/// item keeps the event member it first came from, so that a store's refusal of
/// <c>entities[3]</c> can name <c>inputs[1]</c>; each mention is checked alone as it comes.
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
        // Each mention is checked alone as it comes, so that the first fault in event order is the one
        // named, and a fault in a later mention of a dataset also read names that mention, not the first.
        EntityValidation.Check(entity, new ItemName(source));
        if (!_index.TryGetValue(entity.Key, out var at))
        {
            _index[entity.Key] = _entities.Count;
            _entities.Add(entity);
            _entitySources.Add(source);
            return;
        }

        var first = _entities[at];
        var properties = MergeProperties(first.Properties, entity.Properties);
        var fields = MergeFields(first.Fields, entity.Fields);

        // One schema per dataset, the later mention's, as for any facet: read into the typed fields, or kept
        // whole as the facet where its shape could not be read. Merged as two facets, both would be stored.
        if ((entity.Fields as DatasetFields)?.Schema is not null && properties?.ContainsKey(SchemaFacet) == true)
        {
            properties = properties.Where(p => p.Key != SchemaFacet).ToDictionary(StringComparer.Ordinal);
        }
        else if (entity.Properties?.ContainsKey(SchemaFacet) == true && fields is DatasetFields { Schema: not null } read)
        {
            fields = read with { Schema = null } is var rest && rest == new DatasetFields() ? null : rest;
        }

        _entities[at] = first with
        {
            Description = entity.Description ?? first.Description,
            Properties = properties,
            RemoveProperties = MergeRemovals(first.RemoveProperties, entity.RemoveProperties, properties),
            Fields = fields,
        };
    }

    /// <summary>The property a dataset's <c>schema</c> facet is kept as when the mapping cannot read it.</summary>
    private const string SchemaFacet = "facets.schema";

    /// <summary>
    /// Both mentions' removals, less a property that one of them sets: a dataset read with a facet
    /// and written with it marked deleted (or the other way round) keeps what the event does say.
    /// </summary>
    private static List<string>? MergeRemovals(
        IReadOnlyList<string>? first, IReadOnlyList<string>? second, IReadOnlyDictionary<string, JsonElement>? properties)
    {
        if (first is null && second is null)
        {
            return null;
        }

        var removed = (first ?? []).Concat(second ?? []).Distinct(StringComparer.Ordinal).Where(name => properties?.ContainsKey(name) != true).ToList();
        return removed.Count == 0 ? null : removed;
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
