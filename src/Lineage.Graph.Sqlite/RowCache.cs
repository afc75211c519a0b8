namespace Lineage.Graph.Sqlite;

/// <summary>
/// Decoded rows by id, each with the change sequence of the row it was decoded from, at most
/// <see cref="Capacity"/> of them and <see cref="MaxBytes"/> of what the caller counts them as holding once decoded (Rows.EntityBytes): entities, and the properties of edges. Once the index has found
/// a walk's nodes, reading their rows and decoding them (JSON properties, typed fields, labels) is
/// nearly all of the walk's time, and the same entities come back walk after walk: the models,
/// jobs and deployments that many datasets lead to. An edge's properties, the one part of an edge
/// the index does not keep, are read the same way for every edge of an answer that has any.
/// </summary>
/// <remarks>
/// A copy is only ever used while the index says its row is still at the copy's sequence, so a
/// commit by this store or by any other process makes it out of date as soon as the index has
/// caught up with the commit, with nothing to invalidate. (An edge row's properties never change,
/// and a purged edge's id is never given again, so its copies are kept at sequence 0.) When full,
/// it evicts by CLOCK (second chance): a hand sweeps the slots and spares, once, each one used
/// since it last passed. A new copy starts unused, so that one large walk cannot push out the
/// copies every walk uses. The byte bound is what keeps memory bounded where rows are large: an
/// entity may hold 16 MiB, and OpenLineage runs carry facets (a Spark plan) of hundreds of KB, so a
/// count alone could hold gigabytes; a row larger than the bound is not kept at all.
/// Thread-safe: a lock is taken once per call, for all of a read's ids.
/// </remarks>
internal sealed class RowCache<TValue>
    where TValue : class
{
    private readonly Lock _gate = new();
    // Each id's slot plus one (0: none), by id: a walk looks up thousands of ids, and at a million entities
    // a dictionary's buckets and entries were two more cache misses per id than this one array (cached walks
    // about 5 % faster, p50 10 %). Row ids are SQLite's, from 1 up and dense, as the index's own arrays by id
    // take them, so the array costs 4 B per id up to the highest id cached, as much as a dictionary of a fifth of them.
    private int[] _slotOf = new int[1_024];
    private int _count;
    private Slot[] _slots;
    private int _hand;
    private long _hits;
    private long _misses;
    private long _bytes;

    public RowCache(int capacity, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        Capacity = capacity;
        MaxBytes = maxBytes;
        _slots = new Slot[Math.Min(capacity, 1_024)];
    }

    /// <summary>The most rows kept; 0 keeps none.</summary>
    public int Capacity { get; }

    /// <summary>The most bytes the kept rows may weigh together (what each was given with to <see cref="Add"/>).</summary>
    public long MaxBytes { get; }

    /// <summary>What the kept rows weigh together.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>How many rows are kept, how many lookups found an up-to-date copy, and how many did not.</summary>
    public (int Count, long Hits, long Misses) Statistics
    {
        get
        {
            lock (_gate)
            {
                return (_count, _hits, _misses);
            }
        }
    }

    /// <summary>
    /// Sets <paramref name="found"/>[i] to the kept copy of <paramref name="ids"/>[i] where its sequence is the one given
    /// for it (0 for every id when <paramref name="sequences"/> is empty), and adds i to <paramref name="missing"/> for
    /// every other id: the copies by position, so that a walk's thousands of entities go in no dictionary.
    /// </summary>
    public void Get(ReadOnlySpan<int> ids, ReadOnlySpan<long> sequences, Span<TValue?> found, List<int> missing)
    {
        var missed = missing.Count;
        lock (_gate)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                if (SlotOf(ids[i]) is var slot and >= 0 && _slots[slot].Sequence == (sequences.IsEmpty ? 0 : sequences[i]))
                {
                    _slots[slot].Used = true;
                    found[i] = _slots[slot].Value!;
                }
                else
                {
                    missing.Add(i);
                }
            }

            missed = missing.Count - missed;
            _hits += ids.Length - missed;
            _misses += missed;
        }
    }

    /// <summary>
    /// Sets each id's kept copy, at whatever sequence, or null, without counting a lookup or
    /// marking the copy used: for what no write of a row changes (an entity's key), where a copy
    /// saves decoding it again but the row itself is not wanted.
    /// </summary>
    public void Peek(ReadOnlySpan<int> ids, Span<TValue?> values)
    {
        lock (_gate)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                values[i] = SlotOf(ids[i]) is var slot and >= 0 ? _slots[slot].Value : null;
            }
        }
    }

    /// <summary>
    /// Keeps copies of rows just read, each with its weight (about the bytes it holds). A copy older
    /// than the one kept is dropped: a read that began before a commit can finish after a newer read of
    /// the same row. A row heavier than <see cref="MaxBytes"/> is not kept.
    /// </summary>
    public void Add(List<(int Id, long Sequence, TValue Value, long Bytes)> rows)
    {
        if (Capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var (id, sequence, value, bytes) in rows)
            {
                if (SlotOf(id) is var kept and >= 0)
                {
                    if (sequence <= _slots[kept].Sequence)
                    {
                        continue;
                    }

                    // Taken out and kept anew, so that its new weight makes room as a new copy's does.
                    RemoveAt(kept);
                }

                if (bytes > MaxBytes)
                {
                    continue;
                }

                var slot = FreeSlot(bytes);
                _slots[slot] = new Slot { Id = id, Sequence = sequence, Value = value, Bytes = bytes };
                SetSlot(id, slot);
                _bytes += bytes;
            }
        }
    }

    /// <summary>
    /// Drops the copies of rows that are gone (purged): they could never be used again, and a purge
    /// that erases data for a legal reason should not leave it in memory until evicted.
    /// </summary>
    public void Forget(IEnumerable<int> ids)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (SlotOf(id) is var slot and >= 0)
                {
                    RemoveAt(slot);
                }
            }
        }
    }

    /// <summary>
    /// An empty slot for a copy of <paramref name="bytes"/>, after evicting copies until both the count
    /// and the weight leave room for it; the slots grow up to the capacity. Callers hold the lock.
    /// </summary>
    private int FreeSlot(long bytes)
    {
        while (_count > 0 && (_count >= Capacity || _bytes + bytes > MaxBytes))
        {
            Evict();
        }

        // The first Count slots are the taken ones (RemoveAt keeps them so).
        var count = _count;
        if (count == _slots.Length)
        {
            Array.Resize(ref _slots, (int)Math.Min(Capacity, _slots.Length * 2L));
        }

        return count;
    }

    /// <summary>Evicts by CLOCK: the hand sweeps the taken slots and spares, once, each one used since it last passed.</summary>
    private void Evict()
    {
        while (true)
        {
            var slot = _hand % _count;
            _hand = slot + 1;
            if (_slots[slot].Used)
            {
                _slots[slot].Used = false;
                continue;
            }

            RemoveAt(slot);
            return;
        }
    }

    /// <summary>Drops the copy in <paramref name="slot"/>; the last taken slot moves into it, so that the taken slots stay the first Count.</summary>
    private void RemoveAt(int slot)
    {
        _slotOf[_slots[slot].Id] = 0;
        _count--;
        _bytes -= _slots[slot].Bytes;
        var last = _count;
        if (slot != last)
        {
            _slots[slot] = _slots[last];
            _slotOf[_slots[slot].Id] = slot + 1;
        }

        _slots[last] = default;
    }

    /// <summary>The slot that holds <paramref name="id"/>'s copy, or -1.</summary>
    private int SlotOf(int id) => (uint)id < (uint)_slotOf.Length ? _slotOf[id] - 1 : -1;

    /// <summary>Maps <paramref name="id"/> to <paramref name="slot"/>, growing the map by a quarter beyond the id (not doubling: edge ids run to three a node).</summary>
    private void SetSlot(int id, int slot)
    {
        if (id >= _slotOf.Length)
        {
            Array.Resize(ref _slotOf, (int)Math.Min(Array.MaxLength, id + 1L + (id >> 2)));
        }

        _slotOf[id] = slot + 1;
        _count++;
    }

    private struct Slot
    {
        public int Id;
        public long Sequence;
        public TValue? Value;
        public long Bytes;
        public bool Used;
    }
}
