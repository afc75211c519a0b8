using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// The filters of a listing that an entity's key answers: kind, exact namespace, exact name and
/// name prefix. The index matches them on the key text it holds, so that such a listing reads
/// only the rows of its page: the store has no SQLite index on namespace or name, and a scan of
/// the entity rows took a third of a second at a million entities.
/// </summary>
/// <remarks>
/// A key's text is <c>kind:namespace:name@version</c>, with <c>@</c> escaped in every part and
/// <c>:</c> in the name (<see cref="EntityKey"/>), so its last <c>@</c> starts the version and the
/// last <c>:</c> before that starts the name. Both are single bytes in UTF-8 that no multi-byte
/// character contains, so the key's bytes split where its characters do.
/// </remarks>
internal sealed class KeyFilter
{
    private readonly byte[]? _namespace;
    private readonly byte[]? _name;
    private readonly byte[]? _namePrefix;

    private KeyFilter(EntityQuery query)
    {
        Kind = query.Kind;
        _namespace = query.Namespace is null ? null : Encoding.UTF8.GetBytes(EntityKey.NamespaceText(query.Namespace));
        _name = query.Name is null ? null : Encoding.UTF8.GetBytes(EntityKey.NameText(query.Name));
        _namePrefix = string.IsNullOrEmpty(query.NameStartsWith) ? null : Encoding.UTF8.GetBytes(EntityKey.NameText(query.NameStartsWith));
    }

    public EntityKind? Kind { get; }

    /// <summary>The filter of a query, or null when the query also needs a row's columns (tag or text).</summary>
    public static KeyFilter? For(EntityQuery query) =>
        query.Tag is null && string.IsNullOrEmpty(query.Text) ? new KeyFilter(query) : null;

    /// <summary>Whether a key of the right kind matches the namespace and name filters.</summary>
    public bool Matches(ReadOnlySpan<byte> key)
    {
        if (_namespace is null && _name is null && _namePrefix is null)
        {
            return true;
        }

        var rest = key[(key.IndexOf((byte)':') + 1)..];
        var at = rest.LastIndexOf((byte)'@');
        if (at >= 0)
        {
            rest = rest[..at];
        }

        var split = rest.LastIndexOf((byte)':');
        var name = rest[(split + 1)..];
        return (_namespace is null || rest[..split].SequenceEqual(_namespace))
            && (_name is null || name.SequenceEqual(_name))
            && (_namePrefix is null || name.StartsWith(_namePrefix));
    }
}
