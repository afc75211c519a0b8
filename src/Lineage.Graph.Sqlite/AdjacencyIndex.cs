using System.Collections.Concurrent;
using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// The in-memory graph that walks run on: integer ids (the SQLite row ids), per-node adjacency
/// arrays in both directions, and per-edge relation and lifetime. It holds no entity data
/// beyond key and kind, which keeps it near a few hundred bytes an entity; answers read the rest
/// from SQLite. Readers walk under a shared lock; applying committed changes takes it exclusively.
/// </summary>
internal sealed class AdjacencyIndex
{
    /// <summary>The retirement time of what is current: later than any instant a walk asks about.</summary>
    public const long Current = long.MaxValue;

    /// <summary>The instant a walk without asOf looks at: everything recorded, nothing retired.</summary>
    public const long Now = long.MaxValue - 1;

    private static readonly int[] NoEdges = [];

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly ConcurrentBag<Marks> _marks = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    private string?[] _keys = [];
    private byte[] _kinds = [];
    private long[] _nodeRecorded = [];
    private long[] _nodeRetired = [];
    private Adjacency[] _out = [];
    private Adjacency[] _in = [];

    private int[] _edgeFrom = [];
    private int[] _edgeTo = [];
    private byte[] _edgeRelation = [];
    private long[] _edgeRecorded = [];
    private long[] _edgeRetired = [];
    private bool[] _edgeKnown = [];

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

            // Edges are read whole first, so that each adjacency array is allocated at its exact size.
            var rows = edges.ToList();
            var outDegree = new int[_keys.Length];
            var inDegree = new int[_keys.Length];
            foreach (var row in rows)
            {
                outDegree[row.From]++;
                inDegree[row.To]++;
            }

            for (var i = 0; i < _keys.Length; i++)
            {
                _out[i] = new Adjacency(outDegree[i] == 0 ? NoEdges : new int[outDegree[i]]);
                _in[i] = new Adjacency(inDegree[i] == 0 ? NoEdges : new int[inDegree[i]]);
            }

            foreach (var row in rows)
            {
                ApplyEdge(row);
            }

            Sequence = sequence;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Applies rows that a commit added or changed, and moves the sequence on.</summary>
    public void Apply(IReadOnlyList<NodeRow> nodes, IReadOnlyList<EdgeRow> edges, long sequence)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var node in nodes)
            {
                ApplyNode(node);
            }

            foreach (var edge in edges)
            {
                ApplyEdge(edge);
            }

            Sequence = Math.Max(Sequence, sequence);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool TryGetId(string key, out int id)
    {
        _lock.EnterReadLock();
        try
        {
            return _ids.TryGetValue(key, out id);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Whether an entity is known and not retired.</summary>
    public bool IsCurrent(int id)
    {
        _lock.EnterReadLock();
        try
        {
            return id < _keys.Length && _keys[id] is not null && _nodeRetired[id] == Current;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// A breadth-first walk in one direction from <paramref name="start"/>, as the model defines
    /// it: shortest hop depths, each node once, the first <paramref name="limit"/> matching nodes
    /// in (depth, key) order, and the allowed edges between answer nodes whose near end lies
    /// before the depth bound.
    /// </summary>
    public DirectedWalk Walk(
        int start, bool downstream, int maxDepth, uint relationMask, uint kindMask, long at, int limit,
        CancellationToken cancellationToken)
    {
        _lock.EnterReadLock();
        var marks = RentMarks();
        try
        {
            var seen = marks.Next();
            var kept = seen + 1;
            var stamp = marks.Stamps;
            var adjacency = downstream ? _out : _in;
            var far = downstream ? _edgeTo : _edgeFrom;

            stamp[start] = seen;
            var frontier = new List<int> { start };
            var next = new List<int>();
            var reached = new List<(int Id, int Depth)>();
            var matched = 0;
            var edgesVisited = 0;
            for (var depth = 1; depth <= maxDepth && frontier.Count > 0 && matched <= limit; depth++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var node in frontier)
                {
                    var list = adjacency[node];
                    var items = list.Items;
                    for (var i = 0; i < list.Count; i++)
                    {
                        var edge = items[i];
                        if (((relationMask >> _edgeRelation[edge]) & 1) == 0 || _edgeRecorded[edge] > at || _edgeRetired[edge] <= at)
                        {
                            continue;
                        }

                        edgesVisited++;
                        var other = far[edge];
                        if (stamp[other] == seen || _nodeRecorded[other] > at || _nodeRetired[other] <= at)
                        {
                            continue;
                        }

                        stamp[other] = seen;
                        next.Add(other);
                        reached.Add((other, depth));
                        if (((kindMask >> _kinds[other]) & 1) != 0)
                        {
                            matched++;
                        }
                    }
                }

                (frontier, next) = (next, frontier);
                next.Clear();
            }

            var answer = reached.Where(r => ((kindMask >> _kinds[r.Id]) & 1) != 0).ToList();
            answer.Sort((a, b) => a.Depth != b.Depth ? a.Depth.CompareTo(b.Depth) : string.CompareOrdinal(_keys[a.Id], _keys[b.Id]));
            var truncated = answer.Count > limit;
            if (truncated)
            {
                answer.RemoveRange(limit, answer.Count - limit);
            }

            stamp[start] = kept;
            foreach (var (id, _) in answer)
            {
                stamp[id] = kept;
            }

            var edges = new List<int>();
            foreach (var (node, depth) in answer.Prepend((start, 0)))
            {
                if (depth >= maxDepth)
                {
                    continue;
                }

                var list = adjacency[node];
                for (var i = 0; i < list.Count; i++)
                {
                    var edge = list.Items[i];
                    if (((relationMask >> _edgeRelation[edge]) & 1) != 0 && _edgeRecorded[edge] <= at && _edgeRetired[edge] > at
                        && stamp[far[edge]] == kept)
                    {
                        edges.Add(edge);
                    }
                }
            }

            return new DirectedWalk(answer, edges, truncated, reached.Count + 1, edgesVisited);
        }
        finally
        {
            _marks.Add(marks);
            _lock.ExitReadLock();
        }
    }

    /// <summary>Whether an entity existed at an instant (see <see cref="Now"/>).</summary>
    public bool ExistsAt(int id, long at)
    {
        _lock.EnterReadLock();
        try
        {
            return id < _keys.Length && _keys[id] is not null && _nodeRecorded[id] <= at && _nodeRetired[id] > at;
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

    private Marks RentMarks()
    {
        if (!_marks.TryTake(out var marks) || marks.Stamps.Length < _keys.Length)
        {
            marks = new Marks(_keys.Length);
        }

        return marks;
    }

    private void ApplyNode(NodeRow row)
    {
        EnsureNodeCapacity(row.Id);
        if (_keys[row.Id] is null)
        {
            _keys[row.Id] = row.Key;
            _ids[row.Key] = row.Id;
            _kinds[row.Id] = (byte)row.Kind;
            _nodeRecorded[row.Id] = row.RecordedAt;
            _out[row.Id] = new Adjacency(NoEdges);
            _in[row.Id] = new Adjacency(NoEdges);
            NodeCount++;
        }

        _nodeRetired[row.Id] = row.RetiredAt ?? Current;
    }

    private void ApplyEdge(EdgeRow row)
    {
        EnsureEdgeCapacity(row.Id);
        if (!_edgeKnown[row.Id])
        {
            _edgeKnown[row.Id] = true;
            _edgeFrom[row.Id] = row.From;
            _edgeTo[row.Id] = row.To;
            _edgeRelation[row.Id] = (byte)row.Relation;
            _edgeRecorded[row.Id] = row.RecordedAt;
            _out[row.From].Add(row.Id);
            _in[row.To].Add(row.Id);
            EdgeCount++;
        }

        _edgeRetired[row.Id] = row.RetiredAt ?? Current;
    }

    private void EnsureNodeCapacity(int id)
    {
        if (id < _keys.Length)
        {
            return;
        }

        var size = Math.Max(id + 1, _keys.Length * 2);
        Array.Resize(ref _keys, size);
        Array.Resize(ref _kinds, size);
        Array.Resize(ref _nodeRecorded, size);
        Array.Resize(ref _nodeRetired, size);
        Array.Resize(ref _out, size);
        Array.Resize(ref _in, size);
    }

    private void EnsureEdgeCapacity(int id)
    {
        if (id < _edgeFrom.Length)
        {
            return;
        }

        var size = Math.Max(id + 1, _edgeFrom.Length * 2);
        Array.Resize(ref _edgeFrom, size);
        Array.Resize(ref _edgeTo, size);
        Array.Resize(ref _edgeRelation, size);
        Array.Resize(ref _edgeRecorded, size);
        Array.Resize(ref _edgeRetired, size);
        Array.Resize(ref _edgeKnown, size);
    }

    /// <summary>A growable list of edge ids; a struct so that a node costs no extra object.</summary>
    private struct Adjacency(int[] items)
    {
        public int[] Items = items;
        public int Count;

        public void Add(int edge)
        {
            if (Count == Items.Length)
            {
                Array.Resize(ref Items, Math.Max(4, Items.Length * 2));
            }

            Items[Count++] = edge;
        }
    }

    /// <summary>
    /// Visit stamps reused across walks: bumping the generation clears them in O(1), where a fresh
    /// array would cost a megabyte-scale allocation per walk.
    /// </summary>
    private sealed class Marks(int size)
    {
        private int _generation;

        public int[] Stamps { get; } = new int[size];

        /// <summary>A new pair of stamps (seen, seen + 1) no node carries yet.</summary>
        public int Next()
        {
            if (_generation >= int.MaxValue - 2)
            {
                Array.Clear(Stamps);
                _generation = 0;
            }

            _generation += 2;
            return _generation - 1;
        }
    }
}
