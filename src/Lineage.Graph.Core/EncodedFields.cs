namespace Lineage.Graph.Core;

/// <summary>
/// An entity's typed fields as a store read them, UTF-8 JSON, with the store's decoder. A store
/// sets them on an <see cref="Entity"/> (<see cref="Entity.EncodedFields"/>) instead of decoding
/// them: most readers of a walk never read a node's typed fields, and decoding them was a third of
/// a walk's time when its rows were read from disk. They are decoded the first time
/// <see cref="Entity.Fields"/> is read, and the decoded fields are kept in place of these.
/// </summary>
public sealed class EncodedFields(byte[] utf8Json, Func<EntityKind, byte[], EntityFields?> decode)
{
    private static readonly object NotDecoded = new();

    // The first decoded value, kept here so that every reader of these fields (racing readers, and
    // copies of the entity made with `with` before the first read) gets the same instance.
    private object? _decoded = NotDecoded;

    internal EntityFields? Decode(EntityKind kind)
    {
        var decoded = Volatile.Read(ref _decoded);
        if (decoded == NotDecoded)
        {
            var fields = decode(kind, utf8Json);
            decoded = Interlocked.CompareExchange(ref _decoded, fields, NotDecoded);
            return decoded == NotDecoded ? fields : (EntityFields?)decoded;
        }

        return (EntityFields?)decoded;
    }
}
