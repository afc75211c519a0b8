using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Lineage.Graph.Core;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Sqlite;

public sealed partial class SqliteLineageStore
{
    public async Task<Entity?> GetAsync(EntityKey key, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = await GetManyAsync([key], asOf, cancellationToken).ConfigureAwait(false);
        return found.GetValueOrDefault(key);
    }

    public Task<IReadOnlyDictionary<EntityKey, Entity>> GetManyAsync(
        IReadOnlyCollection<EntityKey> keys, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Guard<IReadOnlyDictionary<EntityKey, Entity>>(() =>
        {
            EnsureCurrent();
            var ids = _index.Find(keys);
            if (ids.Count == 0)
            {
                return new Dictionary<EntityKey, Entity>();
            }

            var at = Rows.At(asOf);
            return Read(session => EntitiesById(session.EntitiesById, [.. ids.Values.Select(found => found.Id)]).Values
                .Where(entity => Rows.AliveAt(entity, at)).ToDictionary(entity => entity.Key));
        }));
    }

    public Task<EntityPage> ListAsync(EntityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = query.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var after = query.After is null ? null : Cursors.ToKey(query.After).ToString();
        return Task.FromResult(Guard(() =>
        {
            var (items, total) = query.Tag is null
                ? ListFromIndex(query, after, query.First + 1)
                : Read(session => ListFromRows(session.Connection, query, after));
            var more = items.Count > query.First;
            if (more)
            {
                items.RemoveAt(items.Count - 1);
            }

            return new EntityPage(items, items.Count == 0 ? null : Cursors.ForKey(items[^1].Key), more, total);
        }));
    }

    public Task<IReadOnlyDictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>>> ListVersionsAsync(
        IReadOnlyCollection<(EntityKind Kind, string Namespace, string Name)> entities, int? newest = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        EntityVersions.CheckNewest(newest);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Guard(() =>
        {
            // The index picks the newest by when each was recorded, so only their rows are read.
            EnsureCurrent();
            for (int? asked = newest, before = -1; ;)
            {
                var ids = _index.CurrentVersionIds(entities, asked);
                var rows = ids.Count == 0 ? [] : Read(session => EntitiesById(session.EntitiesById, [.. ids]));

                // A row read from SQLite can be newer than the index: one retired by another process
                // since the catch-up is left out, as a page leaves it out, and as there one more is
                // asked for in its place, so that the newest n are n while there are n.
                var current = rows.Values.Where(e => e.RetiredAt is null).ToList();
                var left = rows.Count - current.Count + (ids.Count - rows.Count);
                if (asked is null || left == 0 || ids.Count == before)
                {
                    return EntityVersions.Answer(entities, current, newest);
                }

                (asked, before) = ((int)Math.Min(int.MaxValue, (long)asked + left), ids.Count);
            }
        }));
    }

    /// <summary>
    /// A page found from keys (kind, namespace, name, name prefix, text) and, for text, the ids of the
    /// rows whose description holds it: the index chooses the page's ids and counts the matches from
    /// its keys and node flags, and only the page's rows are read. Without an index on the key,
    /// SQLite would read every row to filter, sort and count them.
    /// </summary>
    private (List<Entity> Items, int Total) ListFromIndex(EntityQuery query, string? after, int take)
    {
        EnsureCurrent();
        var described = KeyFilter.Text(query) is { } text ? DescribedIds(text, _index.VersionIds(query)) : [];
        var filter = new KeyFilter(query, described);
        for (var asked = take; ;)
        {
            var (ids, total) = _index.Page(filter, after, asked);
            if (ids.Count == 0)
            {
                return ([], total);
            }

            // A row read from SQLite can be newer than the index: one retired or purged by another
            // process since the catch-up is left out. A cached copy is as of the catch-up, as the page is.
            var items = Read(session =>
            {
                var rows = EntitiesById(session.EntitiesById, [.. ids]);
                return ids.Select(rows.GetValueOrDefault).OfType<Entity>().Where(e => e.RetiredAt is null).ToList();
            });

            // Each row left out is one more id to ask the index for, or the page would come up short
            // and its look-ahead entity with it: a client would read "no next page" and stop.
            if (items.Count >= take || ids.Count < asked)
            {
                return (items.Count > take ? items[..take] : items, total);
            }

            asked += take - items.Count;
        }
    }

    /// <summary>
    /// The current rows whose description holds the text (already lower-cased): among
    /// <paramref name="candidates"/> when the query names its entities by namespace and name, so
    /// that only their versions are read, or else among every row that has a description. Only
    /// those rows are lower-cased, and the scan reads no column beyond it.
    /// </summary>
    private HashSet<int> DescribedIds(string text, List<int>? candidates)
    {
        if (candidates is { Count: 0 })
        {
            return [];
        }

        (string, object?)[] parameters = candidates is null ? [("@text", text)] : [("@text", text), ("@ids", JsonSerializer.Serialize(candidates))];
        var among = candidates is null ? "" : " AND id IN (SELECT value FROM json_each(@ids))";
        return Read(session =>
        {
            using var command = Command(session.Connection,
                $"SELECT id FROM entities WHERE retired_at IS NULL AND description IS NOT NULL{among} AND instr({Schema.LowerFunction}(description), @text) > 0",
                parameters);
            using var reader = command.ExecuteReader();
            var ids = new HashSet<int>();
            while (reader.Read())
            {
                ids.Add(checked((int)reader.GetInt64(0)));
            }

            return ids;
        });
    }

    /// <summary>A page found by SQL, for a tag, which only the rows hold, with the other filters the query has.</summary>
    private static (List<Entity> Items, int Total) ListFromRows(SqliteConnection connection, EntityQuery query, string? after)
    {
        var where = new StringBuilder("retired_at IS NULL");
        var parameters = new List<(string, object?)>();
        Filter(query.Kind is not null, "kind = @kind", "@kind", (int?)query.Kind);
        Filter(query.Name is not null, "name = @name", "@name", query.Name);
        Filter(query.Namespace is not null, "namespace = @namespace", "@namespace", query.Namespace);
        Filter(!string.IsNullOrEmpty(query.NameStartsWith), "substr(name, 1, length(@prefix)) = @prefix", "@prefix", query.NameStartsWith);
        // "tags <> '[]'", which the tag implies, lets SQLite read the rows through entities_tagged.
        Filter(query.Tag is not null, "tags <> '[]' AND EXISTS (SELECT 1 FROM json_each(entities.tags) WHERE value = @tag)", "@tag", query.Tag);
        Filter(KeyFilter.Text(query) is not null,
            $"(instr({Schema.LowerFunction}(namespace), @text) > 0 OR instr({Schema.LowerFunction}(name), @text) > 0 OR instr({Schema.LowerFunction}(coalesce(description, '')), @text) > 0)",
            "@text", KeyFilter.Text(query));
        var total = Scalar(connection, $"SELECT count(*) FROM entities WHERE {where}", [.. parameters]);
        if (after is not null)
        {
            where.Append(" AND key > @after");
            parameters.Add(("@after", after));
        }

        parameters.Add(("@take", query.First + 1));
        using var statement = new RawStatement(connection, $"SELECT {Schema.EntityColumns} FROM entities WHERE {where} ORDER BY key LIMIT @take");
        foreach (var (name, value) in parameters)
        {
            statement.Bind(name, value);
        }

        var items = new List<Entity>();
        while (statement.Read())
        {
            items.Add(Rows.ReadEntity(statement));
        }

        return (items, checked((int)total));

        void Filter(bool applies, string condition, string name, object? value)
        {
            if (applies)
            {
                where.Append(" AND ").Append(condition);
                parameters.Add((name, value));
            }
        }
    }

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            RequireFile(now: true);
            RequireUnchanged();
            EnsureCurrent();
            var (cached, hits, misses) = _cache.Statistics;
            return Task.FromResult(new StoreHealth(StoreStatus.Healthy, "Sqlite", $"Embedded store at {Path}", new Dictionary<string, object>
            {
                ["entities"] = _index.NodeCount,
                ["edges"] = _index.EdgeCount,
                ["changeSequence"] = _index.Sequence,
                ["entityCacheCapacity"] = _cache.Capacity,
                ["cachedEntities"] = cached,
                ["entityCacheMaxBytes"] = _cache.MaxBytes,
                ["cachedEntityBytes"] = _cache.Bytes,
                ["entityCacheHits"] = hits,
                ["entityCacheMisses"] = misses,
                ["readOnly"] = _readOnly,
                ["unchanging"] = _unchanging is not null,
            }));
        }
        catch (SqliteException ex)
        {
            return Task.FromResult(new StoreHealth(StoreStatus.Degraded, "Sqlite", $"The embedded store at {Path} failed: {ex.Message}", new Dictionary<string, object>()));
        }
        catch (StoreUnavailableException ex)
        {
            return Task.FromResult(new StoreHealth(StoreStatus.Degraded, "Sqlite", ex.Message, new Dictionary<string, object>()));
        }
    }

    public async Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken = default)
    {
        var plan = WalkPlan.From(request, _limits);
        cancellationToken.ThrowIfCancellationRequested();
        return Guard(() => Walk([plan], cancellationToken)[0])
            ?? throw await EntityNotFound.ErrorAsync(this, plan.Start, plan.AsOf, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<WalkResult?>> WalkManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var plans = requests.Select(request => WalkPlan.From(request, _limits)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Guard<IReadOnlyList<WalkResult?>>(() => Walk(plans, cancellationToken)));
    }

    public Task<IReadOnlyList<WalkKeys?>> WalkKeysManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var plans = requests.Select(request => WalkPlan.From(request, _limits)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Guard<IReadOnlyList<WalkKeys?>>(() =>
        {
            // From the index alone, which knows every key and each entity's lifetime: no row is read,
            // and the answers are as of the catch-up, where a full walk's entities are as of its read.
            EnsureCurrent();
            var found = _index.Find(plans.Select(plan => plan.Start));
            var answers = new WalkKeys?[plans.Count];

            // The keys made for this call's hops, by row id: the hops of a call meet the same
            // neighbours again and again (a run reads several versions), and a key never changes.
            var keysOfCall = new Dictionary<int, EntityKey>();
            for (var i = 0; i < plans.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var plan = plans[i];
                if (found.TryGetValue(plan.Start, out var start) && _index.AliveAt(start.Id, Rows.At(plan.AsOf)))
                {
                    answers[i] = plan.MaxDepth == 1 ? HopKeys(plan, start.Id, keysOfCall) : plan.Direction == Direction.Both
                        ? Walks.CombineBoth(
                            WalkKeys(plan, start.Id, false, cancellationToken),
                            WalkKeys(plan, start.Id, true, cancellationToken),
                            plan.Limit)
                        : WalkKeys(plan, start.Id, plan.Direction == Direction.Downstream, cancellationToken);
                }
            }

            return answers;
        }));
    }

    public Task<IReadOnlyList<RetiredEdge>> RetiredEdgesIntoAsync(
        IReadOnlyCollection<EntityKey> keys, IReadOnlyList<RelationKind> relations, DateTimeOffset? asOf, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(relations);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Guard<IReadOnlyList<RetiredEdge>>(() =>
        {
            // From the index alone, which keeps every edge version's times and its ends' keys.
            EnsureCurrent();
            var retired = _index.RetiredInto(_index.Find(keys).Values.Select(found => found.Id), AdjacencyIndex.RelationMask(relations), Rows.At(asOf));
            int[] ends = [.. retired.SelectMany(r => new[] { r.From, r.To }).Distinct()];
            var keyOf = _index.EntityKeysOf(ends, new Entity?[ends.Length]).ToDictionary(k => k.Id, k => k.Key);
            var answer = retired
                .Where(r => keyOf.ContainsKey(r.From) && keyOf.ContainsKey(r.To))
                .Select(r => new RetiredEdge(keyOf[r.From], keyOf[r.To], (RelationKind)r.Relation, Rows.Time(r.RetiredAt)))
                .ToList();
            answer.Sort((a, b) => EdgeRef.Compare(a.Ref, b.Ref));
            return answer.Count > limit ? answer[..limit] : answer;
        }));
    }

    /// <summary>
    /// The walks of <paramref name="plans"/>, in order, in one read session; null where the start
    /// does not exist at the plan's asOf. The starts' entities are read together, in one statement
    /// for those not cached.
    /// </summary>
    private WalkResult?[] Walk(List<WalkPlan> plans, CancellationToken cancellationToken)
    {
        EnsureCurrent();
        return Read(session =>
        {
            var found = _index.Find(plans.Select(plan => plan.Start));
            var starts = found.Count > 0 ? EntitiesById(session.EntitiesById, [.. found.Values.Select(start => start.Id).Distinct()]) : [];
            var answers = new WalkResult?[plans.Count];
            for (var i = 0; i < plans.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var plan = plans[i];
                if (found.TryGetValue(plan.Start, out var start) && starts.TryGetValue(start.Id, out var entity) && Rows.AliveAt(entity, Rows.At(plan.AsOf)))
                {
                    answers[i] = plan.Direction == Direction.Both
                        ? Walks.CombineBoth(
                            Walk(session, plan, start.Id, entity, false, cancellationToken),
                            Walk(session, plan, start.Id, entity, true, cancellationToken),
                            plan.Limit)
                        : Walk(session, plan, start.Id, entity, plan.Direction == Direction.Downstream, cancellationToken);
                }
            }

            return answers;
        });
    }

    /// <summary>
    /// One direction: the index finds the nodes and their depths; the answer is cut to the limit in
    /// (depth, key) order, comparing the index's keys of the one level the cut falls in only;
    /// then the answer's entities are read by id, and its edges made from the index.
    /// </summary>
    private WalkResult Walk(ReadSession session, WalkPlan plan, int start, Entity startEntity, bool downstream, CancellationToken cancellationToken)
    {
        var (reach, answer) = Reach(plan, start, downstream, cancellationToken);
        var found = answer.Count > 0 ? EntitiesAt(session.EntitiesById, [.. answer.Select(n => n.Id)]) : [];
        if (Array.IndexOf(found, null) >= 0)
        {
            // Ids without a row: purged, by this store or another process, after the index walk
            // found them. The walk answers without them.
            answer = [.. answer.Where((_, i) => found[i] is not null)];
            found = [.. found.Where(entity => entity is not null)];
        }

        // Each answer node's entity at its position, then the start's.
        var answered = new Entity[answer.Count + 1];
        for (var i = 0; i < answer.Count; i++)
        {
            answered[i] = found[i]!;
        }

        answered[^1] = startEntity;
        var keys = Array.ConvertAll(answered, entity => entity.Key);
        var (edges, ends, withProperties) = _index.AnswerEdges(
            start, answer, downstream, plan.MaxDepth, AdjacencyIndex.RelationMask(plan.Relations), Rows.At(plan.AsOf), keys);
        ReadProperties(session.Connection, edges, withProperties);
        var (order, ordered) = Order(answer, keys, edges, ends);
        return new WalkResult
        {
            Start = startEntity,
            Nodes = Array.ConvertAll(order, position => new WalkNode(answered[position], answer[position].Depth)),
            Edges = ordered,
            Truncated = reach.Truncated,
            NodesVisited = reach.NodesVisited,
            EdgesVisited = reach.EdgesVisited,
        };
    }

    /// <summary>
    /// The keys of one direction's walk: as <see cref="Walk(ReadSession, WalkPlan, int, Entity, bool, CancellationToken)"/>,
    /// with every key from the index, where that reads the answer's entities.
    /// </summary>
    private WalkKeys WalkKeys(WalkPlan plan, int start, bool downstream, CancellationToken cancellationToken)
    {
        var (reach, answer) = Reach(plan, start, downstream, cancellationToken);

        // A cached entity's key saves making it from the index's text: a key never changes.
        var ids = answer.ConvertAll(n => n.Id).ToArray();
        var cached = new Entity?[ids.Length];
        _cache.Peek(ids, cached);
        var known = _index.EntityKeysOf(ids, cached);
        if (known.Count < answer.Count)
        {
            // Ids without a key: purged by this store since the walk found them, as a full walk leaves out ids without a row.
            var kept = known.Select(k => k.Id).ToHashSet();
            answer = [.. answer.Where(n => kept.Contains(n.Id))];
        }

        var keys = new EntityKey[answer.Count + 1];
        for (var i = 0; i < answer.Count; i++)
        {
            keys[i] = known[i].Key;
        }

        keys[^1] = plan.Start;
        var (edges, ends, _) = _index.AnswerEdges(
            start, answer, downstream, plan.MaxDepth, AdjacencyIndex.RelationMask(plan.Relations), Rows.At(plan.AsOf), keys);
        var (order, ordered) = Order(answer, keys, edges, ends);
        return new WalkKeys(
            plan.Start,
            Array.ConvertAll(order, position => (keys[position], answer[position].Depth)),
            Array.ConvertAll(ordered, e => e.Ref),
            reach.Truncated);
    }

    /// <summary>
    /// The keys of a walk of depth 1, its directions together (<see cref="AdjacencyIndex.Hop"/>): what
    /// <see cref="WalkKeys"/> answers, and <see cref="Walks.CombineBoth(WalkKeys, WalkKeys, int)"/> for
    /// both ways, without a walk's two passes and orderings each way, which were most of the time of the
    /// Marquez endpoint's hundreds of thousands of one-hop walks.
    /// </summary>
    private WalkKeys HopKeys(WalkPlan plan, int start, Dictionary<int, EntityKey> keysOfCall)
    {
        var (neighbours, hopEdges) = _index.Hop(start, plan.Direction != Direction.Downstream, plan.Direction != Direction.Upstream,
            AdjacencyIndex.RelationMask(plan.Relations), AdjacencyIndex.KindMask(plan.Kinds), Rows.At(plan.AsOf));
        neighbours.Sort();
        var ids = CollectionsMarshal.AsSpan(neighbours);
        ids = ids[..Deduplicate(ids)];
        MakeKeys(ids, keysOfCall);

        // Ids without a key (purged since) are left out, as WalkKeys leaves them out; all are at depth 1, so key order is the answer's.
        var nodes = new List<(EntityKey Key, int Depth)>(ids.Length);
        foreach (var id in ids)
        {
            if (keysOfCall.TryGetValue(id, out var key))
            {
                nodes.Add((key, 1));
            }
        }

        nodes.Sort((a, b) => a.Key.CompareTo(b.Key));
        var truncated = nodes.Count > plan.Limit;
        HashSet<EntityKey>? kept = null;
        if (truncated)
        {
            nodes.RemoveRange(plan.Limit, nodes.Count - plan.Limit);
            kept = [.. nodes.Select(n => n.Key)];
        }

        keysOfCall[start] = plan.Start;
        var edges = new List<EdgeRef>(hopEdges.Count);
        foreach (var (from, to, relation) in hopEdges)
        {
            if (keysOfCall.TryGetValue(from, out var fromKey) && keysOfCall.TryGetValue(to, out var toKey)
                && (kept is null || (from == start || kept.Contains(fromKey)) && (to == start || kept.Contains(toKey))))
            {
                edges.Add(new EdgeRef(fromKey, toKey, (RelationKind)relation));
            }
        }

        edges.Sort(EdgeRef.Compare);
        if (plan.Direction == Direction.Both)
        {
            // Both ways meet a loop on the start twice, once each way; a walk's halves are combined the same.
            var distinct = Deduplicate(CollectionsMarshal.AsSpan(edges));
            edges.RemoveRange(distinct, edges.Count - distinct);
        }

        return new WalkKeys(plan.Start, nodes, edges, truncated);
    }

    /// <summary>Puts the key of each of <paramref name="ids"/> that has one (it may be purged) into <paramref name="keysOfCall"/>: a cached entity's, or one made from the index's text.</summary>
    private void MakeKeys(ReadOnlySpan<int> ids, Dictionary<int, EntityKey> keysOfCall)
    {
        var missing = new List<int>();
        foreach (var id in ids)
        {
            if (!keysOfCall.ContainsKey(id))
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var cached = new Entity?[missing.Count];
        _cache.Peek(CollectionsMarshal.AsSpan(missing), cached);
        foreach (var (id, key) in _index.EntityKeysOf(CollectionsMarshal.AsSpan(missing), cached))
        {
            keysOfCall[id] = key;
        }
    }

    /// <summary>Moves the distinct items of a sorted span to its front; returns how many there are.</summary>
    private static int Deduplicate<T>(Span<T> sorted)
    {
        var count = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (count == 0 || !EqualityComparer<T>.Default.Equals(sorted[i], sorted[count - 1]))
            {
                sorted[count++] = sorted[i];
            }
        }

        return count;
    }

    /// <summary>What the index reaches from <paramref name="start"/> in one direction, and the answer: those nodes cut to the limit.</summary>
    private (Reach Reach, List<(int Id, int Depth)> Answer) Reach(WalkPlan plan, int start, bool downstream, CancellationToken cancellationToken)
    {
        var reach = _index.Walk(start, downstream, plan.MaxDepth, AdjacencyIndex.RelationMask(plan.Relations), AdjacencyIndex.KindMask(plan.Kinds),
            Rows.At(plan.AsOf), plan.Limit, cancellationToken);
        return (reach, reach.Returned.Count > plan.Limit ? Cut(reach.Returned, plan.Limit) : reach.Returned);
    }

    /// <summary>
    /// The answer's nodes in (depth, key) order and its edges in (from, to, relation) order, the
    /// orders of <see cref="Walks.CompareNodes"/> and <see cref="Edge.Compare"/>. The keys are
    /// sorted once, and both lists then by counting by their ranks: sorting each list with those comparers
    /// compared the same keys again and again, and was most of a walk's time once its entities
    /// were cached. <paramref name="keys"/> holds each answer node's key at its position, then the
    /// start's; <paramref name="ends"/> holds each edge's ends as positions
    /// (<see cref="AdjacencyIndex.AnswerEdges"/>). The nodes come back as their positions.
    /// </summary>
    private static (int[] Nodes, Edge[] Edges) Order(List<(int Id, int Depth)> answer, EntityKey[] keys, List<Edge> edges, List<long> ends)
    {
        var texts = Array.ConvertAll(keys, key => key.ToString());
        var positions = new int[keys.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }

        CodePointSort.Sort(texts, positions);
        var rank = new int[keys.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            rank[positions[i]] = i;
        }

        // The positions are in key order now, so a counting sort by depth, which keeps that order within
        // each depth, puts the nodes in (depth, key) order: no comparison sort of them at all.
        var atDepth = new int[answer.Count == 0 ? 1 : answer.Max(n => n.Depth) + 2];
        foreach (var (_, depth) in answer)
        {
            atDepth[depth + 1]++;
        }

        for (var depth = 1; depth < atDepth.Length; depth++)
        {
            atDepth[depth] += atDepth[depth - 1];
        }

        var nodes = new int[answer.Count];
        foreach (var position in positions)
        {
            if (position < answer.Count)
            {
                nodes[atDepth[answer[position].Depth]++] = position;
            }
        }

        // The edges likewise by their from end's rank, then each from end's edges, most often one or two,
        // by the to end's rank and the relation's place, packed in one number and sorted with the edges' positions.
        var fromRank = new int[keys.Length + 1];
        foreach (var end in ends)
        {
            fromRank[rank[(int)(end >> 32)] + 1]++;
        }

        for (var i = 1; i < fromRank.Length; i++)
        {
            fromRank[i] += fromRank[i - 1];
        }

        // Placing an edge moves its rank's start on by one, so that each rank's start ends as the next one's:
        // the edges of rank r then lie from fromRank[r - 1] (0 for the first) to fromRank[r].
        var edgeOrder = new long[edges.Count];
        var edgeAt = new int[edges.Count];
        for (var i = 0; i < edgeOrder.Length; i++)
        {
            var (from, to) = ((int)(ends[i] >> 32), (int)ends[i]);
            var slot = fromRank[rank[from]]++;
            edgeOrder[slot] = ((long)rank[to] << RelationBits) | (uint)RelationOrder[(int)edges[i].Relation];
            edgeAt[slot] = i;
        }

        var first = 0;
        for (var r = 0; r < keys.Length; r++)
        {
            if (fromRank[r] - first > 1)
            {
                edgeOrder.AsSpan(first..fromRank[r]).Sort(edgeAt.AsSpan(first..fromRank[r]));
            }

            first = fromRank[r];
        }

        var ordered = new Edge[edgeAt.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = edges[edgeAt[i]];
        }

        return (nodes, ordered);
    }

    /// <summary>Each relation's place in the order of relation names, by its number.</summary>
    private static readonly int[] RelationOrder = RelationRanks();

    /// <summary>Bits that hold a relation's place in an edge's sort number.</summary>
    private static readonly int RelationBits = 32 - BitOperations.LeadingZeroCount((uint)RelationOrder.Length);

    private static int[] RelationRanks()
    {
        var relations = Enum.GetValues<RelationKind>();
        var ranks = new int[relations.Max(r => (int)r) + 1];
        var byName = relations.OrderBy(Relations.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < byName.Count; i++)
        {
            ranks[(int)byName[i]] = i;
        }

        return ranks;
    }

    /// <summary>
    /// The entities of row ids, by id, retired ones included (<see cref="EntitiesAt"/>); an id whose row is gone is left out.
    /// </summary>
    private Dictionary<int, Entity> EntitiesById(RawStatement statement, int[] ids)
    {
        var found = EntitiesAt(statement, ids);
        var entities = new Dictionary<int, Entity>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (found[i] is { } entity)
            {
                entities[ids[i]] = entity;
            }
        }

        return entities;
    }

    /// <summary>
    /// The entity of each row id at its position, retired ones included: the cached copies that the index says
    /// are up to date, and the other rows read by <paramref name="statement"/> (of <see cref="Schema.EntitiesById"/>)
    /// and cached. Null for an id whose row is gone (purged by another process since the index caught up), and at the
    /// later positions of an id named more than once and not cached (<see cref="PositionsOf"/>). By position rather than
    /// in a dictionary by id: a walk takes thousands, most of them cached.
    /// </summary>
    private Entity?[] EntitiesAt(RawStatement statement, int[] ids)
    {
        var sequences = new long[ids.Length];
        _index.SequencesOf(ids, sequences);
        var entities = new Entity?[ids.Length];
        var missing = new List<int>();
        _cache.Get(ids, sequences, entities, missing);
        if (missing.Count == 0)
        {
            return entities;
        }

        var positionOf = PositionsOf(ids, missing);
        statement.Bind(1, JsonSerializer.Serialize(positionOf.Keys));
        var read = new List<(int Id, long Sequence, Entity Value, long Bytes)>(missing.Count);
        try
        {
            while (statement.Read())
            {
                var id = checked((int)statement.Int64(0));
                var entity = Rows.ReadEntity(statement);
                entities[positionOf[id]] = entity;
                // Weighed only for a cache that keeps it: reading the row's columns again costs a walk that reads thousands.
                read.Add((id, statement.Int64(14), entity, _cache.Capacity > 0 ? Rows.EntityBytes(statement, entity) : 0));
            }
        }
        catch
        {
            // A row that cannot be read leaves the statement on it, and with it the connection's
            // read transaction: the session would go back to the pool still seeing this snapshot.
            statement.Reset();
            throw;
        }

        RowsRead?.Invoke();
        _cache.Add(read);

        // A purge applied while this read ran dropped the copies cached then; those this read just
        // added for rows it purged go too, so that purged data does not stay in memory until evicted.
        if (_cache.Capacity > 0)
        {
            _cache.Forget(_index.Unknown(read.Select(r => r.Id)));
        }

        return entities;
    }

    /// <summary>
    /// The first position of each id at <paramref name="missing"/>'s positions of <paramref name="ids"/>: where a row read by id goes.
    /// An id named again keeps null at its later positions, which <see cref="EntitiesById"/> passes over; walks name each id once.
    /// </summary>
    private static Dictionary<int, int> PositionsOf(int[] ids, List<int> missing)
    {
        var positionOf = new Dictionary<int, int>(missing.Count);
        foreach (var position in missing)
        {
            positionOf.TryAdd(ids[position], position);
        }

        return positionOf;
    }

    /// <summary>
    /// Sets the properties of the answer's edges that have any, the one part of an edge the index
    /// does not keep: the cached copies, and the other rows read and cached. An edge whose row is
    /// gone (purged by another process since the index caught up) keeps empty properties.
    /// </summary>
    private void ReadProperties(SqliteConnection connection, List<Edge> edges, List<(int Index, int EdgeId)> withProperties)
    {
        if (withProperties.Count == 0)
        {
            return;
        }

        var edgeIds = withProperties.ConvertAll(e => e.EdgeId).ToArray();
        var found = new IReadOnlyDictionary<string, JsonElement>?[edgeIds.Length];
        var missing = new List<int>();
        _edgeProperties.Get(edgeIds, [], found, missing);
        if (missing.Count > 0)
        {
            var positionOf = PositionsOf(edgeIds, missing);
            using var command = Command(connection, "SELECT id, properties FROM edges WHERE id IN (SELECT value FROM json_each(@ids))",
                ("@ids", JsonSerializer.Serialize(positionOf.Keys)));
            using var reader = command.ExecuteReader();
            var read = new List<(int Id, long Sequence, IReadOnlyDictionary<string, JsonElement> Value, long Bytes)>(missing.Count);
            while (reader.Read())
            {
                var id = checked((int)reader.GetInt64(0));
                var text = reader.GetString(1);
                var properties = LineageJson.DeserializeProperties(text);
                found[positionOf[id]] = properties;
                read.Add((id, 0, properties, Rows.ObjectBytes + Rows.PropertiesBytes(properties.Count, text)));
            }

            RowsRead?.Invoke();
            _edgeProperties.Add(read);

            // As for entities (EntitiesById): copies just made of edges that a purge applied meanwhile deleted go too.
            if (_edgeProperties.Capacity > 0)
            {
                _edgeProperties.Forget(_index.UnknownEdges(read.Select(r => r.Id)));
            }
        }

        for (var i = 0; i < withProperties.Count; i++)
        {
            if (found[i] is { } properties)
            {
                var index = withProperties[i].Index;
                edges[index] = edges[index] with { Properties = properties };
            }
        }
    }

    /// <summary>
    /// The first <paramref name="limit"/> nodes in (depth, key) order. The nodes arrive in depth
    /// order, so every level before the one the limit falls in is kept whole, and only that
    /// level's nodes are sorted by key to choose among them.
    /// </summary>
    private List<(int Id, int Depth)> Cut(List<(int Id, int Depth)> answer, int limit)
    {
        var depth = answer[limit - 1].Depth;
        var kept = answer.TakeWhile(n => n.Depth < depth).ToList();
        var keys = _index.KeysOf(answer.Where(n => n.Depth == depth).Select(n => n.Id));
        keys.Sort((a, b) => Texts.CompareByCodePoint(a.Key, b.Key));
        kept.AddRange(keys.Take(limit - kept.Count).Select(k => (k.Id, depth)));
        return kept;
    }
}
