using System.Text;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// Every stored entity's key and row id, so that finding the row of a key needs no index in
/// SQLite. A unique index on the key took an insert at a random place in a large B-tree for every
/// new entity: on a large graph, most of the pages an ingest batch wrote, twice (to the log, then
/// to the file). Rows without it are appended in id order.
/// </summary>
/// <remarks>
/// Keys are kept as UTF-8 in chunks of a MiB, one object per chunk rather than one string per key,
/// and found through an open-addressing table of (hash, id) pairs with linear probing. A purged
/// key's bytes stay in their chunk until the store is next opened: purges are rare, and their
/// space is not worth a compaction. Not thread-safe: <see cref="AdjacencyIndex"/> calls it under its lock.
/// </remarks>
internal sealed class KeyMap
{
    private const int OffsetBits = 20;
    private const int ChunkSize = 1 << OffsetBits;
    private const int LengthBits = 24;
    private const long LengthMask = (1L << LengthBits) - 1;
    private const long OffsetMask = ChunkSize - 1;

    // Where each id's key lies: chunk << 44 | offset << 24 | length; 0 for an id without a key
    // (keys are never empty, so a real place is never 0).
    private long[] _places = [];
    private readonly List<byte[]> _chunks = [];
    private int _used = ChunkSize;

    // hash << 32 | id, 0 for an empty slot: row ids start at 1. At most half full.
    private long[] _slots = new long[64];

    // The versions of an entity: ids whose keys share the text before the version (kind, namespace,
    // name), chained from a head per hash of that text, so that listing them (the versions field,
    // the Marquez endpoint) reads a chain instead of every key. _versionSlots holds hash << 32 | head
    // (head 0 once the chain is emptied); _nextVersion and _previousVersion link each id (0: none).
    // Keys of other entities whose text hashes alike share a chain; readers compare the text.
    private long[] _versionSlots = new long[64];
    private int _versionSlotsUsed;
    private int[] _nextVersion = [];
    private int[] _previousVersion = [];

    public int Count { get; private set; }

    /// <summary>
    /// Records the key of a row id. An id known already keeps its key (a row's key never changes;
    /// catching up reads updated rows again). A key that another id holds moves to the newer,
    /// larger id: that happens only when one catch-up applies the purge of a row and a new row of
    /// the same key, and the purge of the older id then finds nothing to remove.
    /// </summary>
    public void Add(int id, string key)
    {
        if (id < _places.Length && _places[id] != 0)
        {
            return;
        }

        var hash = key.GetHashCode();
        var slot = FindSlot(key, hash);
        if (_slots[slot] != 0)
        {
            var holder = (int)_slots[slot];
            if (holder > id)
            {
                return;
            }

            Unlink(holder);
            _places[holder] = 0;
            Count--;
        }
        else if ((Count + 1) * 2 > _slots.Length)
        {
            Grow();
            slot = FindSlot(key, hash);
        }

        _slots[slot] = ((long)hash << 32) | (uint)id;
        Store(id, key);
        Link(id);
        Count++;
    }

    /// <summary>
    /// The ids whose keys are versions of the entity with this key text before the version
    /// (<c>kind:namespace:name</c>, as UTF-8), the unversioned key of that entity included.
    /// </summary>
    public List<int> VersionsOf(ReadOnlySpan<byte> logical)
    {
        var ids = new List<int>();
        var slot = FindVersionSlot(HashOf(logical));
        for (var id = (int)_versionSlots[slot]; id != 0; id = _nextVersion[id])
        {
            if (Logical(KeyBytes(id)).SequenceEqual(logical))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>
    /// The row id of a key, or 0 when no row has it. <paramref name="hash"/> is the key's
    /// <c>string.GetHashCode()</c>, which an <see cref="Core.EntityKey"/> keeps once computed.
    /// </summary>
    public int Find(string key, int hash) => (int)_slots[FindSlot(key, hash)];

    /// <summary>The key of a row id, or null when the id has none.</summary>
    public string? KeyOf(int id) => Has(id) ? Encoding.UTF8.GetString(Bytes(_places[id])) : null;

    /// <summary>The UTF-8 bytes of an id's key, which must have one; valid until the next change to the map.</summary>
    public ReadOnlySpan<byte> KeyBytes(int id) => Bytes(_places[id]);

    /// <summary>Whether the id has a key.</summary>
    public bool Has(int id) => id < _places.Length && _places[id] != 0;

    /// <summary>
    /// Orders an id's key against UTF-8 bytes, as SQLite's BINARY collation orders the key column:
    /// byte by byte, which is code point order.
    /// </summary>
    public int Compare(int id, ReadOnlySpan<byte> key) => Bytes(_places[id]).SequenceCompareTo(key);

    /// <summary>Orders two ids' keys as <see cref="Compare(int, ReadOnlySpan{byte})"/> does.</summary>
    public int Compare(int a, int b) => Bytes(_places[a]).SequenceCompareTo(Bytes(_places[b]));

    /// <summary>Forgets a purged row's key, if the id still holds it.</summary>
    public void Remove(int id)
    {
        if (KeyOf(id) is not { } key)
        {
            return;
        }

        var mask = _slots.Length - 1;
        var slot = FindSlot(key, key.GetHashCode());
        Unlink(id);
        _places[id] = 0;
        if ((int)_slots[slot] != id)
        {
            return;
        }

        Count--;

        // Backward-shift deletion: move later entries of the probe run into the gap, so that no
        // lookup stops early at it, and no tombstones pile up.
        var gap = slot;
        for (var next = (gap + 1) & mask; _slots[next] != 0; next = (next + 1) & mask)
        {
            var home = (int)(_slots[next] >>> 32) & mask;
            if (((next - home) & mask) >= ((next - gap) & mask))
            {
                _slots[gap] = _slots[next];
                gap = next;
            }
        }

        _slots[gap] = 0;
    }

    /// <summary>The slot holding the key, or the empty slot where its probe run ends.</summary>
    /// <remarks>
    /// A key whose hash matches is compared with the stored bytes as ASCII first, which needs no
    /// copy of the key (nearly all keys are ASCII); only a key that is not is encoded, once. A
    /// buffer on the stack for that encoding cost every call its clearing, and most calls never
    /// compare at all.
    /// </remarks>
    private int FindSlot(string key, int hash)
    {
        var mask = _slots.Length - 1;
        byte[]? utf8 = null;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return slot;
            }

            if ((int)(entry >>> 32) != hash)
            {
                continue;
            }

            var stored = Bytes(_places[(int)entry]);
            if (Ascii.Equals(stored, key))
            {
                return slot;
            }

            // Unequal as ASCII: unequal for certain when the key is ASCII, since the stored key would then have to be the same bytes.
            if (utf8 is null && Ascii.IsValid(key))
            {
                continue;
            }

            utf8 ??= Encoding.UTF8.GetBytes(key);
            if (stored.SequenceEqual(utf8))
            {
                return slot;
            }
        }
    }

    private void Grow() => _slots = Doubled(_slots);

    /// <summary>A table twice the size with the same <c>hash &lt;&lt; 32 | value</c> entries, each at the first free slot from its hash.</summary>
    private static long[] Doubled(long[] old)
    {
        var table = new long[old.Length * 2];
        var mask = table.Length - 1;
        foreach (var entry in old)
        {
            if (entry == 0)
            {
                continue;
            }

            var slot = (int)(entry >>> 32) & mask;
            while (table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = entry;
        }

        return table;
    }

    /// <summary>A key's text before its version: the whole key when it has none (an <c>@</c> in a key only ever starts the version).</summary>
    public static ReadOnlySpan<byte> Logical(ReadOnlySpan<byte> key) => key.LastIndexOf((byte)'@') is var at and >= 0 ? key[..at] : key;

    // Never 0, so that a slot whose chain was emptied (head 0) never reads as an empty slot.
    private static int HashOf(ReadOnlySpan<byte> logical)
    {
        var hash = new HashCode();
        hash.AddBytes(logical);
        return hash.ToHashCode() is var value and not 0 ? value : 1;
    }

    /// <summary>Puts an id, whose key is stored, at the head of its chain of versions.</summary>
    private void Link(int id)
    {
        if (id >= _nextVersion.Length)
        {
            var size = Math.Max(id + 1, _nextVersion.Length * 2);
            Array.Resize(ref _nextVersion, size);
            Array.Resize(ref _previousVersion, size);
        }

        var hash = HashOf(Logical(KeyBytes(id)));
        var slot = FindVersionSlot(hash);
        if (_versionSlots[slot] == 0)
        {
            if ((_versionSlotsUsed + 1) * 2 > _versionSlots.Length)
            {
                GrowVersionSlots();
                slot = FindVersionSlot(hash);
            }

            _versionSlotsUsed++;
        }

        var head = (int)_versionSlots[slot];
        _nextVersion[id] = head;
        _previousVersion[id] = 0;
        if (head != 0)
        {
            _previousVersion[head] = id;
        }

        _versionSlots[slot] = ((long)hash << 32) | (uint)id;
    }

    /// <summary>Takes an id, whose key is still stored, out of its chain of versions.</summary>
    private void Unlink(int id)
    {
        var (previous, next) = (_previousVersion[id], _nextVersion[id]);
        if (previous != 0)
        {
            _nextVersion[previous] = next;
        }
        else
        {
            // The head: the slot keeps its hash (an emptied chain keeps its slot, head 0).
            var slot = FindVersionSlot(HashOf(Logical(KeyBytes(id))));
            _versionSlots[slot] = (_versionSlots[slot] & ~0xFFFFFFFFL) | (uint)next;
        }

        if (next != 0)
        {
            _previousVersion[next] = previous;
        }

        (_previousVersion[id], _nextVersion[id]) = (0, 0);
    }

    /// <summary>The slot of a hash's chain, or the empty slot where its probe run ends.</summary>
    private int FindVersionSlot(int hash)
    {
        var mask = _versionSlots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _versionSlots[slot];
            if (entry == 0 || (int)(entry >>> 32) == hash)
            {
                return slot;
            }
        }
    }

    private void GrowVersionSlots() => _versionSlots = Doubled(_versionSlots);

    private void Store(int id, string key)
    {
        var length = Encoding.UTF8.GetByteCount(key);
        if (ChunkSize - _used < length)
        {
            _chunks.Add(new byte[ChunkSize]);
            _used = 0;
        }

        var chunk = _chunks[^1];
        Encoding.UTF8.GetBytes(key, chunk.AsSpan(_used));
        if (id >= _places.Length)
        {
            Array.Resize(ref _places, Math.Max(id + 1, _places.Length * 2));
        }

        _places[id] = ((long)(_chunks.Count - 1) << (OffsetBits + LengthBits)) | ((long)_used << LengthBits) | (uint)length;
        _used += length;
    }

    private ReadOnlySpan<byte> Bytes(long place) =>
        _chunks[(int)(place >>> (OffsetBits + LengthBits))].AsSpan((int)((place >>> LengthBits) & OffsetMask), (int)(place & LengthMask));
}
