using System.Collections.Concurrent;
using System.Numerics;
using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// The in-memory graph that walks run on. Node ids are SQLite row ids. It keeps only what a walk
/// reads: each node's kind and lifetime, and each edge as one packed 64-bit entry per direction
/// (far node, relation, retired flag, edge id) in a compressed adjacency array, so that a walk
/// over current edges touches the entries, the visit stamps and one byte per node, and nothing
/// else. Entity data stays in SQLite: a walk reads it for the nodes it returns, or takes the
/// store's cached copy (<see cref="RowCache{TValue}"/>) while the node's change sequence, kept here, says
/// the copy is current. Every key is kept with its row id (<see cref="KeyMap"/>), since SQLite
/// keeps no index on the key. Of an edge it also keeps its role and whether it has properties
/// (one byte), so that a walk reads the rows of only the few edges that have properties.
/// </summary>
/// <remarks>
/// Edges added after the last build of the compressed arrays sit in small per-node overflow
/// lists until there are enough of them to rebuild. Readers walk under a shared lock; applying
/// committed changes takes it exclusively.
/// </remarks>
internal sealed class AdjacencyIndex
{
    /// <summary>The instant a walk without asOf looks at: everything recorded, nothing retired.</summary>
    public const long Now = long.MaxValue - 1;

    /// <summary>The most edges the packed entries can number (27 bits of edge id).</summary>
    public const int MaxEdges = (1 << 27) - 1;

    private const int RelationShift = 32;
    private const long RetiredBit = 1L << 36;
    private const int EdgeIdShift = 37;

    // A purged edge's entry stays in the arrays with this relation, which no walk follows.
    private const int PurgedRelation = 0xF;

    private const byte KindBits = 0b0000_0111;
    private const byte KnownFlag = 0b0000_1000;
    private const byte RetiredFlag = 0b0001_0000;

    // An edge's detail byte: its role's number in _roles (0: no role), and a flag for properties.
    private const byte RoleBits = 0b0111_1111;
    private const byte PropertiesFlag = 0b1000_0000;

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly ConcurrentBag<Marks> _marks = [];

    // Per node.
    private readonly KeyMap _keys = new();
    private byte[] _nodeInfo = [];
    private long[] _nodeRecorded = [];
    private readonly Dictionary<int, long> _nodeRetiredAt = [];

    // The sequence of the commit that last changed each node's row: a copy of the row read at
    // another sequence is out of date (RowCache).
    private long[] _nodeSequence = [];

    // Per edge (by edge id); retirement times only for the few edges that are retired.
    private long[] _edgeRecorded = [];
    private byte[] _edgeDetail = [];
    private readonly Dictionary<int, long> _edgeRetiredAt = [];

    // Roles are a closed set (EdgeInput.Roles), so a byte numbers them; 0 stands for none.
    private readonly List<string?> _roles = [null];

    private Adjacency _out = Adjacency.Empty();
    private Adjacency _in = Adjacency.Empty();

    /// <summary>The change sequence of the last commit this index reflects.</summary>
    public long Sequence { get; private set; }

    public int NodeCount { get; private set; }

    public int EdgeCount { get; private set; }

    /// <summary>Builds the index from every stored row.</summary>
    public void Load(IEnumerable<NodeRow> nodes, IEnumerable<EdgeRow> edges, long sequence)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var node in nodes)
            {
                ApplyNode(node);
            }

            var rows = edges.ToList();
            foreach (var row in rows)
            {
                RecordEdge(row);
            }

            Rebuild(rows.Select(r => (r.From, r.To, Entry(r))));
            Sequence = sequence;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Applies the entities and edges a commit purged, then the rows it added or changed, and
    /// moves the sequence on. Purges first: a catch-up over several commits reads the rows as they
    /// are now, so a row with a purged edge's id is a newer edge that was given the id again (a
    /// file whose edges table predates AUTOINCREMENT does that), which the purge must not take
    /// away. A commit at or below the index's sequence changes nothing: a store
    /// applies its own commit after releasing SQLite's lock, and a catch-up in between has read
    /// that commit's rows already, and perhaps newer ones of another process, which the older rows
    /// would undo (a change, a retirement, a purge; and a stale cached copy would look current).
    /// </summary>
    public void Apply(IReadOnlyList<NodeRow> nodes, IReadOnlyList<EdgeRow> edges, long sequence, IReadOnlyList<PurgedRow>? purged = null)
    {
        _lock.EnterWriteLock();
        try
        {
            if (sequence <= Sequence)
            {
                return;
            }

            foreach (var row in purged ?? [])
            {
                Purge(row, sequence);
            }

            foreach (var node in nodes)
            {
                ApplyNode(node);
            }

            foreach (var edge in edges)
            {
                if (RecordEdge(edge))
                {
                    _out.Add(edge.From, Entry(edge) | Far(edge.To));
                    _in.Add(edge.To, Entry(edge) | Far(edge.From));
                }
                else if (edge.RetiredAt is not null)
                {
                    _out.MarkRetired(edge.From, edge.Id);
                    _in.MarkRetired(edge.To, edge.Id);
                }
            }

            // Overflow lists are for the edges of the last few batches; past a quarter of the graph, compact them.
            if (_out.OverflowCount > Math.Max(4_096, EdgeCount / 4))
            {
                _out = _out.Compact(_nodeInfo.Length);
                _in = _in.Compact(_nodeInfo.Length);
            }

            Sequence = sequence;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The breadth-first part of a walk in one direction: the nodes of returned kinds reached
    /// within the depth bound, each once at its shortest hop distance, in depth order, and how many
    /// nodes and edges it visited. Nodes of other kinds are walked through but not kept, which
    /// spares a filtered walk (impact on deployments) a list of everything it passed. It stops
    /// after the first complete level at which more than
    /// <paramref name="limit"/> returned-kind nodes are known, since deeper ones cannot make the cut.
    /// </summary>
    public Reach Walk(int start, bool downstream, int maxDepth, uint relationMask, uint kindMask, long at, int limit, CancellationToken cancellationToken)
    {
        _lock.EnterReadLock();
        var marks = RentMarks();
        try
        {
            var seen = marks.NextStamp();
            var stamps = marks.Stamps;
            var adjacency = downstream ? _out : _in;
            var current = at == Now;
            stamps[start] = seen;
            var (frontier, next) = (marks.Frontier, marks.Next);
            frontier.Clear();
            next.Clear();
            frontier.Add(start);
            var returned = new List<(int Id, int Depth)>();
            var visited = 1;
            var edgesVisited = 0;
            for (var depth = 1; depth <= maxDepth && frontier.Count > 0 && returned.Count <= limit; depth++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var node in frontier)
                {
                    // The compressed entries, then the overflow list of edges added since the last build.
                    for (var part = 0; part < 2; part++)
                    {
                        var entries = part == 0 ? adjacency.Entries(node) : adjacency.Overflow(node);
                        foreach (var entry in entries)
                        {
                            if (((relationMask >> RelationOf(entry)) & 1) == 0 || !EdgeAlive(entry, at, current))
                            {
                                continue;
                            }

                            edgesVisited++;
                            var other = (int)entry;
                            if (stamps[other] == seen)
                            {
                                continue;
                            }

                            var info = _nodeInfo[other];
                            if (((info & RetiredFlag) != 0 || !current) && !NodeAlive(other, at))
                            {
                                continue;
                            }

                            stamps[other] = seen;
                            next.Add(other);
                            visited++;
                            if (((kindMask >> (info & KindBits)) & 1) != 0)
                            {
                                returned.Add((other, depth));
                            }
                        }
                    }
                }

                (frontier, next) = (next, frontier);
                next.Clear();
            }

            return new Reach(returned, returned.Count > limit, visited, edgesVisited);
        }
        finally
        {
            _marks.Add(marks);
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// A walk of depth 1, up, down or both ways at once: the neighbours <see cref="Walk"/> returns at
    /// depth 1 (along edges of the mask alive at <paramref name="at"/>, alive then themselves, of a
    /// returned kind), a neighbour met by several edges once for each, and the edges between the start
    /// and them (its own loops included) that <see cref="AnswerEdges"/> reports, as row ids and relation
    /// numbers. For the keys of many one-hop walks, which the Marquez endpoint sends by the hundred
    /// thousand: one pass over the start's entries, where a walk and its edges take two each way.
    /// </summary>
    public (List<int> Nodes, List<(int From, int To, int Relation)> Edges) Hop(int start, bool upstream, bool downstream, uint relationMask, uint kindMask, long at)
    {
        _lock.EnterReadLock();
        try
        {
            var current = at == Now;
            var nodes = new List<int>();
            var edges = new List<(int From, int To, int Relation)>();
            for (var pass = 0; pass < 2; pass++)
            {
                var down = pass == 1;
                if (down ? !downstream : !upstream)
                {
                    continue;
                }

                var adjacency = down ? _out : _in;
                for (var part = 0; part < 2; part++)
                {
                    foreach (var entry in part == 0 ? adjacency.Entries(start) : adjacency.Overflow(start))
                    {
                        if (((relationMask >> RelationOf(entry)) & 1) == 0 || !EdgeAlive(entry, at, current))
                        {
                            continue;
                        }

                        var other = (int)entry;
                        if (other != start)
                        {
                            var info = _nodeInfo[other];
                            if ((((info & RetiredFlag) != 0 || !current) && !NodeAlive(other, at)) || ((kindMask >> (info & KindBits)) & 1) == 0)
                            {
                                continue;
                            }

                            nodes.Add(other);
                        }

                        edges.Add(down ? (start, other, RelationOf(entry)) : (other, start, RelationOf(entry)));
                    }
                }
            }

            return (nodes, edges);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The edges an answer reports: those of allowed relations, alive at <paramref name="at"/>,
    /// from a near node (the start or an answer node above the depth bound) to any answer node.
    /// <paramref name="keys"/> holds the key of each answer node at its position, then the start's;
    /// each edge comes with its ends' positions (from in the high half, to in the low), for the
    /// caller to order edges without looking keys up. The properties of an edge that has any are
    /// only in its row: such edges come with empty properties, and their places in the list and
    /// ids are returned for the caller to read them.
    /// </summary>
    public (List<Edge> Edges, List<long> Ends, List<(int Index, int EdgeId)> WithProperties) AnswerEdges(
        int start, IReadOnlyList<(int Id, int Depth)> answer, bool downstream, int maxDepth, uint relationMask, long at, EntityKey[] keys)
    {
        _lock.EnterReadLock();
        var marks = RentMarks();
        try
        {
            // One stamp per position: a node's stamp less the first tells where it is in the answer,
            // and a stamp from an earlier walk is below the first.
            var first = marks.NextStamps(answer.Count + 1);
            var stamps = marks.Stamps;
            for (var i = 0; i < answer.Count; i++)
            {
                stamps[answer[i].Id] = first + i;
            }

            stamps[start] = first + answer.Count;
            var adjacency = downstream ? _out : _in;
            var current = at == Now;
            var edges = new List<Edge>();
            var ends = new List<long>();
            var withProperties = new List<(int, int)>();
            for (var position = 0; position <= answer.Count; position++)
            {
                var (node, depth) = position < answer.Count ? answer[position] : (start, 0);
                if (depth >= maxDepth)
                {
                    continue;
                }

                var near = keys[position];
                for (var part = 0; part < 2; part++)
                {
                    foreach (var entry in part == 0 ? adjacency.Entries(node) : adjacency.Overflow(node))
                    {
                        var far = stamps[(int)entry] - first;
                        if (((relationMask >> RelationOf(entry)) & 1) == 0 || !EdgeAlive(entry, at, current) || (uint)far > (uint)answer.Count)
                        {
                            continue;
                        }

                        var id = (int)(entry >>> EdgeIdShift);
                        var detail = _edgeDetail[id];
                        if ((detail & PropertiesFlag) != 0)
                        {
                            withProperties.Add((edges.Count, id));
                        }

                        var other = keys[far];
                        edges.Add(new Edge
                        {
                            From = downstream ? near : other,
                            To = downstream ? other : near,
                            Relation = (RelationKind)RelationOf(entry),
                            Role = _roles[detail & RoleBits],
                            Properties = LineageJson.EmptyProperties,
                            RecordedAt = new DateTimeOffset(_edgeRecorded[id], TimeSpan.Zero),
                            RetiredAt = (entry & RetiredBit) == 0 ? null : new DateTimeOffset(_edgeRetiredAt[id], TimeSpan.Zero),
                        });
                        ends.Add(downstream ? ((long)position << 32) | (uint)far : ((long)far << 32) | (uint)position);
                    }
                }
            }

            return (edges, ends, withProperties);
        }
        finally
        {
            _marks.Add(marks);
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The edges of the relations in <paramref name="relationMask"/> into each of <paramref name="nodes"/>
    /// with a version retired by <paramref name="at"/> and none current then: each edge once (from, to,
    /// relation) with the latest of those retirements, in ticks.
    /// </summary>
    public List<(int From, int To, int Relation, long RetiredAt)> RetiredInto(IEnumerable<int> nodes, uint relationMask, long at)
    {
        _lock.EnterReadLock();
        try
        {
            var current = at == Now;
            var found = new List<(int From, int To, int Relation, long RetiredAt)>();
            var latest = new Dictionary<(int Far, int Relation), long>();
            var alive = new HashSet<(int Far, int Relation)>();
            foreach (var node in nodes.Distinct())
            {
                latest.Clear();
                alive.Clear();
                for (var part = 0; part < 2; part++)
                {
                    foreach (var entry in part == 0 ? _in.Entries(node) : _in.Overflow(node))
                    {
                        // A purged edge's relation is in no mask.
                        var edge = ((int)entry, RelationOf(entry));
                        if (((relationMask >> edge.Item2) & 1) == 0)
                        {
                            continue;
                        }

                        if (EdgeAlive(entry, at, current))
                        {
                            alive.Add(edge);
                        }
                        else if ((entry & RetiredBit) != 0 && _edgeRetiredAt[(int)(entry >>> EdgeIdShift)] is var retiredAt && retiredAt <= at)
                        {
                            // Not alive yet retired by then: recorded by then too. A version recorded after
                            // the instant is neither.
                            latest[edge] = latest.TryGetValue(edge, out var other) ? Math.Max(other, retiredAt) : retiredAt;
                        }
                    }
                }

                foreach (var ((far, relation), retiredAt) in latest)
                {
                    if (!alive.Contains((far, relation)))
                    {
                        found.Add((far, node, relation, retiredAt));
                    }
                }
            }

            return found;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool HasCurrentEdge(int from, int to, RelationKind relation)
    {
        _lock.EnterReadLock();
        try
        {
            // Whichever end has fewer edges: a popular dataset feeds thousands of runs, a run reads a few datasets.
            var (adjacency, near, far) = _out.Count(from) <= _in.Count(to) ? (_out, from, to) : (_in, to, from);
            for (var part = 0; part < 2; part++)
            {
                foreach (var entry in part == 0 ? adjacency.Entries(near) : adjacency.Overflow(near))
                {
                    if ((int)entry == far && RelationOf(entry) == (int)relation && (entry & RetiredBit) == 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The edges at a node, in and out, each once: retired ones too, purged ones not. Retiring and purging an entity find its edges' rows by these.</summary>
    public List<(int Id, int From, int To, bool Current)> EdgesAt(int node) =>
        Edges(node, (outgoing, far, _) => outgoing || far != node);

    /// <summary>The edges from one node to another of a relation: retired ones too, purged ones not.</summary>
    public List<(int Id, int From, int To, bool Current)> EdgesBetween(int from, int to, RelationKind relation) =>
        Edges(from, (outgoing, far, kind) => outgoing && far == to && kind == (int)relation);

    /// <summary>The not purged edges at a node that <paramref name="take"/> (outgoing?, far node, relation) accepts.</summary>
    private List<(int Id, int From, int To, bool Current)> Edges(int node, Func<bool, int, int, bool> take)
    {
        _lock.EnterReadLock();
        try
        {
            var found = new List<(int Id, int From, int To, bool Current)>();
            foreach (var outgoing in new[] { true, false })
            {
                var adjacency = outgoing ? _out : _in;
                for (var part = 0; part < 2; part++)
                {
                    foreach (var entry in part == 0 ? adjacency.Entries(node) : adjacency.Overflow(node))
                    {
                        var far = (int)entry;
                        if (RelationOf(entry) != PurgedRelation && take(outgoing, far, RelationOf(entry)))
                        {
                            found.Add(((int)(entry >>> EdgeIdShift), outgoing ? node : far, outgoing ? far : node, (entry & RetiredBit) == 0));
                        }
                    }
                }
            }

            return found;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The row ids of the keys that have a row, and whether it is retired; keys without one are left out.</summary>
    public Dictionary<EntityKey, (int Id, bool Retired)> Find(IEnumerable<EntityKey> keys)
    {
        _lock.EnterReadLock();
        try
        {
            var found = new Dictionary<EntityKey, (int Id, bool Retired)>();
            foreach (var key in keys)
            {
                if (!found.ContainsKey(key) && _keys.Find(key.ToString(), key.GetHashCode()) is var id and > 0)
                {
                    found[key] = (id, (_nodeInfo[id] & RetiredFlag) != 0);
                }
            }

            return found;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The ids of every version of the entities a query names by namespace and name
    /// (<see cref="KeyFilter.Entities(EntityQuery)"/>), retired ones included; null when it names no such entity.
    /// </summary>
    public List<int>? VersionIds(EntityQuery query)
    {
        if (KeyFilter.Entities(query) is not { } entities)
        {
            return null;
        }

        _lock.EnterReadLock();
        try
        {
            return [.. entities.SelectMany(logical => _keys.VersionsOf(logical))];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The ids of the current (not retired) versions of logical entities, each entity's chain read
    /// once; with <paramref name="newest"/>, those an exact newest-that-many needs (<see cref="EntityVersions.KeepFrom"/>).
    /// </summary>
    public List<int> CurrentVersionIds(IEnumerable<(EntityKind Kind, string Namespace, string Name)> entities, int? newest)
    {
        var logicals = entities.Distinct().Select(e => Encoding.UTF8.GetBytes(EntityKey.LogicalText(e.Kind, e.Namespace, e.Name))).ToList();
        _lock.EnterReadLock();
        try
        {
            var found = new List<int>();
            foreach (var logical in logicals)
            {
                var current = _keys.VersionsOf(logical).Where(id => id < _nodeInfo.Length && (_nodeInfo[id] & (KnownFlag | RetiredFlag)) == KnownFlag).ToList();
                var from = EntityVersions.KeepFrom(current.Select(id => _nodeRecorded[id]), newest);
                found.AddRange(from is { } earliest ? current.Where(id => _nodeRecorded[id] >= earliest) : current);
            }

            return found;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// One page of the current (not retired) entities that <paramref name="filter"/> matches, in key
    /// order after <paramref name="after"/>: the ids of the first <paramref name="take"/>, and how many
    /// entities match in all, the cursor aside. Keys are ordered as SQLite orders the key column, so
    /// a page is the one an ORDER BY on the key would give.
    /// </summary>
    public (List<int> Ids, int Total) Page(KeyFilter filter, string? after, int take)
    {
        _lock.EnterReadLock();
        try
        {
            var afterBytes = after is null ? null : Encoding.UTF8.GetBytes(after);

            // The largest key kept is on top, to give way when a smaller one comes.
            var kept = new PriorityQueue<int, int>(take + 1, Comparer<int>.Create((a, b) => _keys.Compare(b, a)));
            var total = 0;
            if (filter.Entities() is { } entities)
            {
                // The versions of named entities: their chains, not every key.
                foreach (var logical in entities)
                {
                    foreach (var id in _keys.VersionsOf(logical))
                    {
                        Consider(id);
                    }
                }
            }
            else
            {
                for (var id = 1; id < _nodeInfo.Length; id++)
                {
                    Consider(id);
                }
            }

            var ids = new List<int>(kept.Count);
            while (kept.Count > 0)
            {
                ids.Add(kept.Dequeue());
            }

            ids.Reverse();
            return (ids, total);

            void Consider(int id)
            {
                var info = id < _nodeInfo.Length ? _nodeInfo[id] : 0;
                if ((info & (KnownFlag | RetiredFlag)) != KnownFlag || (filter.Kind is { } wanted && (info & KindBits) != (int)wanted)
                    || !_keys.Has(id) || !filter.Matches(id, _keys.KeyBytes(id)))
                {
                    return;
                }

                total++;
                if (afterBytes is not null && _keys.Compare(id, afterBytes) <= 0)
                {
                    return;
                }

                if (kept.Count < take)
                {
                    kept.Enqueue(id, id);
                }
                else if (_keys.Compare(id, kept.Peek()) < 0)
                {
                    kept.DequeueEnqueue(id, id);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The sequence of the commit that last changed each id's row, or purged it, as far as this
    /// index has caught up; 0 for an id it never knew (never a real sequence, which starts at 1).
    /// </summary>
    public void SequencesOf(ReadOnlySpan<int> ids, Span<long> sequences)
    {
        _lock.EnterReadLock();
        try
        {
            for (var i = 0; i < ids.Length; i++)
            {
                sequences[i] = ids[i] < _nodeSequence.Length ? _nodeSequence[ids[i]] : 0;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The keys of <paramref name="ids"/> that still have one (not purged since a walk found them),
    /// in order: the key of <paramref name="known"/>'s entity at the same place where it has one, or
    /// else the key made from the text kept here.
    /// </summary>
    public List<(int Id, EntityKey Key)> EntityKeysOf(ReadOnlySpan<int> ids, ReadOnlySpan<Entity?> known)
    {
        var keys = new List<(int Id, EntityKey Key)>(ids.Length);
        _lock.EnterReadLock();
        try
        {
            for (var i = 0; i < ids.Length; i++)
            {
                if (_keys.Has(ids[i]))
                {
                    keys.Add((ids[i], known[i]?.Key ?? EntityKey.FromStoredText(_keys.KeyOf(ids[i])!)));
                }
            }

            return keys;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The ids among <paramref name="ids"/> that this index has no entity for (purged, as far as it has caught up).</summary>
    public List<int> Unknown(IEnumerable<int> ids)
    {
        _lock.EnterReadLock();
        try
        {
            return [.. ids.Where(id => !_keys.Has(id))];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The edge ids among <paramref name="ids"/> that this index has no edge for (purged, as far as it has caught up).</summary>
    public List<int> UnknownEdges(IEnumerable<int> ids)
    {
        _lock.EnterReadLock();
        try
        {
            return [.. ids.Where(id => id >= _edgeRecorded.Length || _edgeRecorded[id] == 0)];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The keys of row ids, as their canonical text. An id without one (purged since a walk found
    /// it) is left out.
    /// </summary>
    public List<(int Id, string Key)> KeysOf(IEnumerable<int> ids)
    {
        _lock.EnterReadLock();
        try
        {
            return [.. ids.Select(id => (Id: id, Key: _keys.KeyOf(id))).Where(k => k.Key is not null).Select(k => (k.Id, k.Key!))];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The bit set of returned kinds; all bits when every kind is returned.</summary>
    public static uint KindMask(IReadOnlyList<EntityKind>? kinds) =>
        kinds is null ? uint.MaxValue : kinds.Aggregate(0u, (mask, kind) => mask | (1u << (int)kind));

    /// <summary>The bit set of relations a walk may follow.</summary>
    public static uint RelationMask(IReadOnlyList<RelationKind> relations) =>
        relations.Aggregate(0u, (mask, relation) => mask | (1u << (int)relation));

    private static long Entry(EdgeRow row) =>
        ((long)row.Id << EdgeIdShift) | (row.RetiredAt is null ? 0 : RetiredBit) | ((long)row.Relation << RelationShift);

    private static long Far(int node) => (uint)node;

    private static int RelationOf(long entry) => (int)((entry >> RelationShift) & 0xF);

    private bool EdgeAlive(long entry, long at, bool current)
    {
        if (current)
        {
            return (entry & RetiredBit) == 0;
        }

        var id = (int)(entry >>> EdgeIdShift);
        return _edgeRecorded[id] <= at && ((entry & RetiredBit) == 0 || _edgeRetiredAt[id] > at);
    }

    /// <summary>Whether a node (known to the index) existed at <paramref name="at"/>: recorded by then and not yet retired.</summary>
    public bool AliveAt(int id, long at)
    {
        _lock.EnterReadLock();
        try
        {
            return id < _nodeInfo.Length && (_nodeInfo[id] & KnownFlag) != 0 && NodeAlive(id, at);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private bool NodeAlive(int id, long at) =>
        _nodeRecorded[id] <= at && ((_nodeInfo[id] & RetiredFlag) == 0 || _nodeRetiredAt[id] > at);

    private Marks RentMarks()
    {
        if (!_marks.TryTake(out var marks) || marks.Stamps.Length < _nodeInfo.Length)
        {
            marks = new Marks(_nodeInfo.Length);
        }

        return marks;
    }

    private void ApplyNode(NodeRow row)
    {
        if (row.Id >= _nodeInfo.Length)
        {
            var size = Math.Max(row.Id + 1, _nodeInfo.Length * 2);
            Array.Resize(ref _nodeInfo, size);
            Array.Resize(ref _nodeRecorded, size);
            Array.Resize(ref _nodeSequence, size);
        }

        _nodeSequence[row.Id] = row.Sequence;

        if ((_nodeInfo[row.Id] & KnownFlag) == 0)
        {
            NodeCount++;
            _nodeRecorded[row.Id] = row.RecordedAt;
        }

        _keys.Add(row.Id, row.Key);

        _nodeInfo[row.Id] = (byte)((byte)row.Kind | KnownFlag | (row.RetiredAt is null ? 0 : RetiredFlag));
        if (row.RetiredAt is { } retired)
        {
            _nodeRetiredAt[row.Id] = retired;
        }
    }

    /// <summary>
    /// Forgets a purged entity or edge. A purged edge's entries stay in the arrays with a relation
    /// no walk follows, which is cheaper than moving every entry after them.
    /// </summary>
    private void Purge(PurgedRow row, long sequence)
    {
        if (row.EntityId is { } node && node < _nodeInfo.Length && (_nodeInfo[node] & KnownFlag) != 0)
        {
            _nodeInfo[node] = 0;
            _nodeSequence[node] = sequence;
            _nodeRetiredAt.Remove(node);
            _keys.Remove(node);
            NodeCount--;
        }

        if (row.EdgeId is { } edge && edge < _edgeRecorded.Length && _edgeRecorded[edge] != 0)
        {
            _out.MarkPurged(row.From, edge);
            _in.MarkPurged(row.To, edge);
            _edgeRecorded[edge] = 0;
            _edgeRetiredAt.Remove(edge);
            EdgeCount--;
        }
    }

    /// <summary>Records an edge's lifetime; true when the edge is new to the index.</summary>
    private bool RecordEdge(EdgeRow row)
    {
        if (row.Id > MaxEdges)
        {
            throw new StoreUnavailableException($"The embedded store indexes at most {MaxEdges} edges; edge {row.Id} is past that.");
        }

        if (row.Id >= _edgeRecorded.Length)
        {
            var size = Math.Max(row.Id + 1, _edgeRecorded.Length * 2);
            Array.Resize(ref _edgeRecorded, size);
            Array.Resize(ref _edgeDetail, size);
        }

        var isNew = _edgeRecorded[row.Id] == 0;
        if (isNew)
        {
            EdgeCount++;
            _edgeRecorded[row.Id] = row.RecordedAt;
            _edgeDetail[row.Id] = (byte)(RoleNumber(row.Role) | (row.HasProperties ? PropertiesFlag : 0));
        }

        if (row.RetiredAt is { } retired)
        {
            _edgeRetiredAt[row.Id] = retired;
        }

        return isNew;
    }

    private int RoleNumber(string? role)
    {
        var number = _roles.IndexOf(role);
        if (number < 0)
        {
            if (_roles.Count > RoleBits)
            {
                throw new StoreUnavailableException($"The embedded store indexes at most {RoleBits} edge roles; '{role}' is one more.");
            }

            number = _roles.Count;
            _roles.Add(role);
        }

        return number;
    }

    /// <summary>Lays every edge out in the compressed arrays again, with empty overflow lists.</summary>
    private void Rebuild(IEnumerable<(int From, int To, long Entry)> edges)
    {
        var list = edges as IReadOnlyCollection<(int From, int To, long Entry)> ?? [.. edges];
        _out = Adjacency.Build(_nodeInfo.Length, list.Select(e => (e.From, e.Entry | Far(e.To))));
        _in = Adjacency.Build(_nodeInfo.Length, list.Select(e => (e.To, e.Entry | Far(e.From))));
    }

    /// <summary>
    /// Compressed sparse rows: node n's entries are <c>Entries[Starts[n]..Starts[n + 1]]</c>, plus
    /// an overflow list for edges added since the last build.
    /// </summary>
    /// <remarks>
    /// A node's overflow list is a segment of one pool of entries: <c>_pool[_overflowAt[n]..]</c>,
    /// <c>_overflowCount[n]</c> long, in room for the count rounded up to a power of two (at least
    /// 2). A full segment moves to the end of the pool at twice its size, and its old place stays
    /// unused until the next compaction, so the pool's used part holds at most four times the overflow
    /// entries (its array, grown by doubling, up to eight times).
    /// Arrays of numbers rather than a list per node: an ingest adds overflow entries for hundreds of
    /// thousands of nodes between compactions, and with a list object each (and a dictionary entry to
    /// find it) its collections traced them all, and every compaction looked each node up.
    /// </remarks>
    private sealed class Adjacency
    {
        /// <summary>A new instance each time, since an instance's overflow lists change in place.</summary>
        public static Adjacency Empty() => new([0], [], 0);

        private readonly int[] _starts;
        private readonly long[] _entries;
        private readonly int _nodes;
        private int[] _overflowAt = [];
        private int[] _overflowCount = [];
        private long[] _pool = [];
        private int _poolUsed;

        // Whether an entry has been marked purged since the arrays were laid out (a layout drops them).
        private bool _purged;

        private Adjacency(int[] starts, long[] entries, int nodes)
        {
            _starts = starts;
            _entries = entries;
            _nodes = nodes;
        }

        public int OverflowCount { get; private set; }

        /// <summary>How many entries a node has, in the compressed arrays and its overflow list.</summary>
        public int Count(int node) => Entries(node).Length + Overflow(node).Length;

        public static Adjacency Build(int nodes, IEnumerable<(int Node, long Entry)> edges)
        {
            var list = edges as IReadOnlyCollection<(int Node, long Entry)> ?? [.. edges];
            var starts = new int[nodes + 1];
            foreach (var (node, _) in list)
            {
                starts[node + 1]++;
            }

            for (var i = 0; i < nodes; i++)
            {
                starts[i + 1] += starts[i];
            }

            var entries = new long[list.Count];
            var fill = (int[])starts.Clone();
            foreach (var (node, entry) in list)
            {
                entries[fill[node]++] = entry;
            }

            return new Adjacency(starts, entries, nodes);
        }

        public ReadOnlySpan<long> Entries(int node) =>
            node < _nodes ? _entries.AsSpan(_starts[node], _starts[node + 1] - _starts[node]) : default;

        public ReadOnlySpan<long> Overflow(int node) =>
            node < _overflowCount.Length ? _pool.AsSpan(_overflowAt[node], _overflowCount[node]) : default;

        public void Add(int node, long entry)
        {
            if (node >= _overflowCount.Length)
            {
                var size = Math.Max(node + 1, _overflowCount.Length * 2);
                Array.Resize(ref _overflowAt, size);
                Array.Resize(ref _overflowCount, size);
            }

            var count = _overflowCount[node];
            if (count == 0 || (count >= 2 && BitOperations.IsPow2(count)))
            {
                var room = Math.Max(2, count * 2);
                if (_poolUsed + room > _pool.Length)
                {
                    Array.Resize(ref _pool, Math.Max(_poolUsed + room, Math.Max(1_024, _pool.Length * 2)));
                }

                Array.Copy(_pool, _overflowAt[node], _pool, _poolUsed, count);
                _overflowAt[node] = _poolUsed;
                _poolUsed += room;
            }

            _pool[_overflowAt[node] + count] = entry;
            _overflowCount[node] = count + 1;
            OverflowCount++;
        }

        public void MarkRetired(int node, int edgeId) => Mark(node, edgeId, entry => entry | RetiredBit);

        public void MarkPurged(int node, int edgeId)
        {
            Mark(node, edgeId, entry => entry | ((long)PurgedRelation << RelationShift));
            _purged = true;
        }

        // A purged entry keeps its edge id, and a file whose edges table predates AUTOINCREMENT gives a
        // purged last edge's id to the next edge: the entry to change is the one still in the graph.
        private void Mark(int node, int edgeId, Func<long, long> change)
        {
            if (node < _nodes)
            {
                for (var i = _starts[node]; i < _starts[node + 1]; i++)
                {
                    if ((int)(_entries[i] >>> EdgeIdShift) == edgeId && RelationOf(_entries[i]) != PurgedRelation)
                    {
                        _entries[i] = change(_entries[i]);
                        return;
                    }
                }
            }

            var overflow = Overflow(node);
            for (var i = 0; i < overflow.Length; i++)
            {
                if ((int)(overflow[i] >>> EdgeIdShift) == edgeId && RelationOf(overflow[i]) != PurgedRelation)
                {
                    _pool[_overflowAt[node] + i] = change(overflow[i]);
                    return;
                }
            }
        }

        /// <summary>
        /// The same entries, purged ones dropped, laid out in compressed arrays for
        /// <paramref name="nodes"/> nodes with empty overflow lists: each node's two spans
        /// copied in turn, so that compacting costs a pass over the entries and no more.
        /// </summary>
        public Adjacency Compact(int nodes)
        {
            // With nothing to drop, each node's spans are copied whole, which an ingest's compactions (a
            // few dozen over a million entities) do many times faster than entry by entry.
            var starts = new int[nodes + 1];
            for (var node = 0; node < nodes; node++)
            {
                starts[node + 1] = starts[node] + (_purged
                    ? Live(Entries(node)) + Live(Overflow(node))
                    : Entries(node).Length + Overflow(node).Length);
            }

            var entries = new long[starts[nodes]];
            for (var node = 0; node < nodes; node++)
            {
                var own = Entries(node);
                var overflow = Overflow(node);
                if (!_purged)
                {
                    own.CopyTo(entries.AsSpan(starts[node]));
                    overflow.CopyTo(entries.AsSpan(starts[node] + own.Length));
                    continue;
                }

                var at = starts[node];
                foreach (var entry in own)
                {
                    at = Keep(entry, entries, at);
                }

                foreach (var entry in overflow)
                {
                    at = Keep(entry, entries, at);
                }
            }

            // The new layout takes this one's per-node overflow arrays over, emptied, for the edges
            // that come next (an ingest compacts a few dozen times, and grew them anew after each one);
            // not its pool, which may be twice the size of the entries and would stay that size while
            // the overflow lists are short. This one is not used again.
            Array.Clear(_overflowAt);
            Array.Clear(_overflowCount);
            return new Adjacency(starts, entries, nodes)
            {
                _overflowAt = _overflowAt,
                _overflowCount = _overflowCount,
            };

            static int Live(ReadOnlySpan<long> span)
            {
                var live = 0;
                foreach (var entry in span)
                {
                    live += RelationOf(entry) == PurgedRelation ? 0 : 1;
                }

                return live;
            }

            static int Keep(long entry, long[] entries, int at)
            {
                if (RelationOf(entry) != PurgedRelation)
                {
                    entries[at++] = entry;
                }

                return at;
            }
        }
    }

    /// <summary>
    /// Visit stamps and frontier lists reused across walks: bumping the generation clears the
    /// stamps in O(1), where a fresh array would cost a megabyte-scale allocation per walk.
    /// </summary>
    private sealed class Marks(int size)
    {
        private int _generation;

        public int[] Stamps { get; } = new int[size];

        public List<int> Frontier { get; } = [];

        public List<int> Next { get; } = [];

        /// <summary>A stamp no node carries yet.</summary>
        public int NextStamp() => NextStamps(1);

        /// <summary>The first of <paramref name="count"/> consecutive stamps that no node carries yet, all above every stamp given before.</summary>
        public int NextStamps(int count)
        {
            if (_generation > int.MaxValue - count)
            {
                Array.Clear(Stamps);
                _generation = 0;
            }

            var first = _generation + 1;
            _generation += count;
            return first;
        }
    }
}
