using System.Text;
using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Store.Contract;

/// <summary>
/// The rules of lineage-model.md and README's "Walks", written out as plainly as they read, over
/// lists: which entities and edge versions exist and when, what a write, a retire and a purge do to
/// them, and a walk by breadth-first search. <see cref="StoreContractTests"/> drives a store and this
/// with the same random operations and compares their answers. It is slow and simple on purpose, and
/// shares no code with a store but the key type; keys are ordered here by their UTF-8 bytes, which
/// is code point order without <see cref="Texts"/>.
/// </summary>
internal sealed class ReferenceGraph
{
    private readonly Dictionary<EntityKey, Life> _entities = [];
    private readonly List<EdgeVersion> _edges = [];

    /// <summary>
    /// An entity's times, description and properties (each as its JSON text, by name); replaced whole
    /// when it changes.
    /// </summary>
    internal sealed record Life(DateTimeOffset RecordedAt, DateTimeOffset UpdatedAt, DateTimeOffset? RetiredAt, string? Description, IReadOnlyDictionary<string, string> Properties)
    {
        /// <summary>What a read of the entity shows of this, as the randomized test writes it.</summary>
        public string Describe() =>
            $"{RecordedAt:O} {UpdatedAt:O} {RetiredAt:O} {Description} "
            + LineageJson.Canonical(Properties.ToDictionary(p => p.Key, p => JsonDocument.Parse(p.Value).RootElement));
    }

    /// <summary>One version of an edge: a row, with what the write that made it gave it.</summary>
    internal sealed record EdgeVersion(EdgeRef Ref, string? Role, string Properties, DateTimeOffset RecordedAt)
    {
        public DateTimeOffset? RetiredAt { get; set; }
    }

    /// <summary>An answer node: its key, depth and the lifetime the store should report for it.</summary>
    internal sealed record Node(EntityKey Key, int Depth, Life Life);

    /// <summary>A walk's expected answer, or null where its start does not exist at the instant.</summary>
    internal sealed record Walk(List<Node> Nodes, List<EdgeVersion> Edges, bool Truncated, int NodesVisited, int EdgesVisited);

    /// <summary>Every key ever written and not purged, retired or not.</summary>
    public IReadOnlyDictionary<EntityKey, Life> Entities => _entities;

    /// <summary>Every edge with a version stored, current or retired.</summary>
    public List<EdgeRef> Edges => [.. _edges.Select(v => v.Ref).Distinct()];

    /// <summary>
    /// What <paramref name="batch"/> should do at <paramref name="now"/>: the result, after applying it;
    /// or, leaving everything as it was, the codes of its bad items (a store names the first of them).
    /// </summary>
    public (WriteResult? Result, HashSet<string> Refusals) Write(WriteBatch batch, DateTimeOffset now)
    {
        var written = batch.Entities.Select(e => e.Key).ToHashSet();
        var refusals = new HashSet<string>();
        foreach (var key in written.Where(key => _entities.TryGetValue(key, out var life) && life.RetiredAt is not null))
        {
            refusals.Add(ErrorCodes.EntityRetired);
        }

        foreach (var end in batch.Edges.SelectMany(e => new[] { e.From, e.To }).Where(end => !written.Contains(end)))
        {
            refusals.Add(!_entities.TryGetValue(end, out var life) ? ErrorCodes.NotFound
                : life.RetiredAt is null ? "" : ErrorCodes.EntityRetired);
        }

        refusals.Remove("");
        if (refusals.Count > 0)
        {
            return (null, refusals);
        }

        // Upserts: the description when one is given, properties merged by name, removals; updatedAt moves on a change.
        var (created, updated) = (0, 0);
        foreach (var input in batch.Entities)
        {
            var before = _entities.GetValueOrDefault(input.Key);
            var properties = new Dictionary<string, string>(before?.Properties ?? new Dictionary<string, string>());
            foreach (var (name, value) in input.Properties ?? LineageJson.EmptyProperties)
            {
                properties[name] = LineageJson.Canonical(value);
            }

            foreach (var name in input.RemoveProperties ?? [])
            {
                properties.Remove(name);
            }

            var description = input.Description ?? before?.Description;
            if (before is null)
            {
                created++;
                _entities[input.Key] = new Life(now, now, null, description, properties);
            }
            else if (description != before.Description || !properties.OrderBy(p => p.Key).SequenceEqual(before.Properties.OrderBy(p => p.Key)))
            {
                updated++;
                _entities[input.Key] = before with { UpdatedAt = now, Description = description, Properties = properties };
            }
        }

        var (edgesCreated, edgesUnchanged) = (0, 0);
        // An edge given twice is one edge, its second mention counted unchanged (a contract test pins it).
        foreach (var edge in batch.Edges)
        {
            var identity = new EdgeRef(edge.From, edge.To, edge.Relation);
            if (_edges.Any(v => v.Ref == identity && v.RetiredAt is null))
            {
                edgesUnchanged++;
            }
            else
            {
                edgesCreated++;
                _edges.Add(new EdgeVersion(identity, edge.Role?.ToLowerInvariant(), LineageJson.Canonical(edge.Properties ?? LineageJson.EmptyProperties), now));
            }
        }

        return (new WriteResult(created, updated, written.Count - created - updated, edgesCreated, edgesUnchanged), refusals);
    }

    /// <summary>What retiring should do: the result after applying it, or null (nothing changed) when an item does not exist.</summary>
    public RetireResult? Retire(RetireRequest request, DateTimeOffset now)
    {
        if (request.Entities.Any(key => !_entities.ContainsKey(key)) || request.Edges.Any(edge => !_edges.Any(v => v.Ref == edge)))
        {
            return null;
        }

        var entities = request.Entities.Distinct().Where(key => _entities[key].RetiredAt is null).ToHashSet();
        var edges = _edges.Where(v => v.RetiredAt is null
            && (request.Edges.Contains(v.Ref) || entities.Contains(v.Ref.From) || entities.Contains(v.Ref.To))).ToList();
        foreach (var key in entities)
        {
            _entities[key] = _entities[key] with { RetiredAt = now };
        }

        edges.ForEach(v => v.RetiredAt = now);
        return new RetireResult(entities.Count, edges.Count);
    }

    /// <summary>What purging should do, applied: the entities and edge rows deleted.</summary>
    public PurgeResult Purge(PurgeRequest request)
    {
        var entities = request.Entities.Distinct().Where(_entities.ContainsKey).ToHashSet();
        var edges = _edges.Count(v => request.Edges.Contains(v.Ref) || entities.Contains(v.Ref.From) || entities.Contains(v.Ref.To));
        _edges.RemoveAll(v => request.Edges.Contains(v.Ref) || entities.Contains(v.Ref.From) || entities.Contains(v.Ref.To));
        foreach (var key in entities)
        {
            _entities.Remove(key);
        }

        return new PurgeResult(entities.Count, edges);
    }

    /// <summary>Whether an entity exists at <paramref name="asOf"/> (now when null).</summary>
    public bool AliveAt(EntityKey key, DateTimeOffset? asOf) => _entities.TryGetValue(key, out var life) && Alive(life.RecordedAt, life.RetiredAt, asOf);

    /// <summary>The walk README's "Walks" defines; null when the start does not exist at its instant.</summary>
    public Walk? WalkFrom(EntityKey start, Direction direction, int maxDepth, IReadOnlyList<RelationKind> relations,
        IReadOnlyList<EntityKind>? kinds, DateTimeOffset? asOf, int limit)
    {
        if (!AliveAt(start, asOf))
        {
            return null;
        }

        if (direction != Direction.Both)
        {
            return Half(start, direction == Direction.Downstream, maxDepth, relations, kinds, asOf, limit);
        }

        // The union of the two walks, each cut to the limit, cut again; a node on both sides keeps its smaller depth.
        var upstream = Half(start, false, maxDepth, relations, kinds, asOf, limit);
        var downstream = Half(start, true, maxDepth, relations, kinds, asOf, limit);
        var nodes = upstream.Nodes.Concat(downstream.Nodes)
            .GroupBy(n => n.Key).Select(g => g.MinBy(n => n.Depth)!)
            .OrderBy(n => n.Depth).ThenBy(n => n.Key, KeyOrder).ToList();
        var truncated = upstream.Truncated || downstream.Truncated || nodes.Count > limit;
        nodes = [.. nodes.Take(limit)];
        var kept = nodes.Select(n => n.Key).Append(start).ToHashSet();
        var edges = upstream.Edges.Concat(downstream.Edges)
            .Where(v => kept.Contains(v.Ref.From) && kept.Contains(v.Ref.To))
            .DistinctBy(v => v.Ref).ToList();
        return new Walk(nodes, Sorted(edges), truncated, upstream.NodesVisited + downstream.NodesVisited - 1, upstream.EdgesVisited + downstream.EdgesVisited);
    }

    /// <summary>
    /// The edges of <paramref name="relations"/> into <paramref name="keys"/> with a version retired by
    /// <paramref name="asOf"/> (now: retired at all) and none alive then, each with its latest retirement by then.
    /// </summary>
    public List<RetiredEdge> RetiredInto(IEnumerable<EntityKey> keys, IReadOnlyList<RelationKind> relations, DateTimeOffset? asOf)
    {
        var into = keys.ToHashSet();
        return
        [
            .. _edges.Where(v => into.Contains(v.Ref.To) && relations.Contains(v.Ref.Relation) && v.RetiredAt is { } retired && (asOf is not { } at || retired <= at))
                .GroupBy(v => v.Ref)
                .Where(g => !_edges.Any(v => v.Ref == g.Key && Alive(v.RecordedAt, v.RetiredAt, asOf)))
                .Select(g => new RetiredEdge(g.Key.From, g.Key.To, g.Key.Relation, g.Max(v => v.RetiredAt!.Value)))
                .OrderBy(e => e.From, KeyOrder).ThenBy(e => e.To, KeyOrder).ThenBy(e => Relations.Name(e.Relation), StringComparer.Ordinal),
        ];
    }

    /// <summary>Code point order of keys: the order of their canonical text's UTF-8 bytes.</summary>
    public static IComparer<EntityKey> KeyOrder { get; } = Comparer<EntityKey>.Create(
        (a, b) => Encoding.UTF8.GetBytes(a.ToString()).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.ToString())));

    private Walk Half(EntityKey start, bool downstream, int maxDepth, IReadOnlyList<RelationKind> relations,
        IReadOnlyList<EntityKind>? kinds, DateTimeOffset? asOf, int limit)
    {
        var allowed = Allowed(relations, asOf);
        EntityKey Near(EdgeVersion v) => downstream ? v.Ref.From : v.Ref.To;
        EntityKey Far(EdgeVersion v) => downstream ? v.Ref.To : v.Ref.From;
        var depths = Depths(start, downstream, maxDepth, allowed, asOf);
        var reached = depths.Where(d => d.Key != start && (kinds is null || kinds.Contains(d.Key.Kind)))
            .Select(d => new Node(d.Key, d.Value, _entities[d.Key]))
            .OrderBy(n => n.Depth).ThenBy(n => n.Key, KeyOrder).ToList();
        var nodes = reached.Take(limit).ToList();
        var returned = nodes.Select(n => n.Key).Append(start).ToHashSet();

        // The allowed edges between returned nodes (and the start) whose near end lies before the bound.
        var edges = allowed.Where(v => returned.Contains(Near(v)) && returned.Contains(Far(v)) && depths[Near(v)] < maxDepth).ToList();

        // What the walk visited: it stops at the depth of the first node past the limit (no deeper node
        // can make the cut), or at maxDepth. The nodes to that depth, the start among them, and every
        // allowed edge leaving one above it, wherever it leads.
        var last = reached.Count > limit ? reached[limit].Depth : maxDepth;
        var nodesVisited = depths.Count(d => d.Value <= last);
        var edgesVisited = allowed.Count(v => depths.TryGetValue(Near(v), out var depth) && depth < last);
        return new Walk(nodes, Sorted(edges), reached.Count > limit, nodesVisited, edgesVisited);
    }

    /// <summary>
    /// Each entity's shortest hop distance from <paramref name="start"/> along the allowed edges, up to
    /// <paramref name="maxDepth"/>, the start's 0: breadth first, nothing followed from the bound.
    /// </summary>
    public Dictionary<EntityKey, int> Depths(EntityKey start, bool downstream, int maxDepth, IReadOnlyList<RelationKind> relations, DateTimeOffset? asOf) =>
        Depths(start, downstream, maxDepth, Allowed(relations, asOf), asOf);

    private Dictionary<EntityKey, int> Depths(EntityKey start, bool downstream, int maxDepth, List<EdgeVersion> allowed, DateTimeOffset? asOf)
    {
        var depths = new Dictionary<EntityKey, int> { [start] = 0 };
        var queue = new Queue<EntityKey>([start]);
        while (queue.TryDequeue(out var near))
        {
            if (depths[near] == maxDepth)
            {
                continue;
            }

            foreach (var v in allowed.Where(v => (downstream ? v.Ref.From : v.Ref.To) == near))
            {
                var far = downstream ? v.Ref.To : v.Ref.From;
                if (AliveAt(far, asOf) && depths.TryAdd(far, depths[near] + 1))
                {
                    queue.Enqueue(far);
                }
            }
        }

        return depths;
    }

    /// <summary>Whether an edge of <paramref name="relations"/> joins the two at <paramref name="asOf"/>.</summary>
    public bool Joins(EntityKey from, EntityKey to, RelationKind relation, IReadOnlyList<RelationKind> relations, DateTimeOffset? asOf) =>
        Allowed(relations, asOf).Any(v => v.Ref == new EdgeRef(from, to, relation));

    private List<EdgeVersion> Allowed(IReadOnlyList<RelationKind> relations, DateTimeOffset? asOf) =>
        [.. _edges.Where(v => relations.Contains(v.Ref.Relation) && Alive(v.RecordedAt, v.RetiredAt, asOf))];

    private static List<EdgeVersion> Sorted(IEnumerable<EdgeVersion> edges) =>
    [
        .. edges.OrderBy(v => v.Ref.From, KeyOrder).ThenBy(v => v.Ref.To, KeyOrder)
            .ThenBy(v => Relations.Name(v.Ref.Relation), StringComparer.Ordinal),
    ];

    private static bool Alive(DateTimeOffset recordedAt, DateTimeOffset? retiredAt, DateTimeOffset? asOf) =>
        asOf is not { } at ? retiredAt is null : recordedAt <= at && (retiredAt is not { } retired || retired > at);
}
