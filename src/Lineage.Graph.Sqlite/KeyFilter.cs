using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// The filters of a listing that an entity's key answers (kind, exact namespace, exact name, name
/// prefix, and text in the namespace or name), with the ids of the rows whose description holds
/// the text, which SQL finds. The index matches them on the key text it holds, so that such a
/// listing reads only the rows of its page: the store has no SQLite index on namespace or name,
/// and a scan of the entity rows took a third of a second at a million entities (text, 3.4 s).
/// </summary>
/// <remarks>
/// A key's text is <c>kind:namespace:name@version</c>, with <c>%</c> and <c>@</c> escaped in every
/// part and <c>:</c> in the name (<see cref="EntityKey"/>), so its last <c>@</c> starts the version
/// and the last <c>:</c> before that starts the name. Both are single bytes in UTF-8 that no
/// multi-byte character contains, so the key's bytes split where its characters do.
/// </remarks>
internal sealed class KeyFilter
{
    private readonly string? _queryNamespace;
    private readonly string? _queryName;
    private readonly byte[]? _namespace;
    private readonly byte[]? _name;
    private readonly byte[]? _namePrefix;
    private readonly string? _text;
    private readonly byte[]? _asciiText;
    private readonly IReadOnlySet<int> _described;

    /// <param name="query">A query without a tag filter, which only the rows know.</param>
    /// <param name="described">The current rows whose description holds the query's text (<see cref="Text"/>); empty without text.</param>
    public KeyFilter(EntityQuery query, IReadOnlySet<int> described)
    {
        if (query.Tag is not null)
        {
            throw new ArgumentException("Tags are not in the index; a query with a tag is answered by SQL.", nameof(query));
        }

        Kind = query.Kind;
        (_queryNamespace, _queryName) = (query.Namespace, query.Name);
        _namespace = query.Namespace is null ? null : Encoding.UTF8.GetBytes(EntityKey.NamespaceText(query.Namespace));
        _name = query.Name is null ? null : Encoding.UTF8.GetBytes(EntityKey.NameText(query.Name));
        _namePrefix = string.IsNullOrEmpty(query.NameStartsWith) ? null : Encoding.UTF8.GetBytes(EntityKey.NameText(query.NameStartsWith));
        _text = Text(query);
        _asciiText = _text is not null && Ascii.IsValid(_text) ? Encoding.ASCII.GetBytes(_text) : null;
        _described = described;
    }

    public EntityKind? Kind { get; }

    /// <summary>
    /// When the filter names a namespace and a name, the key texts before the version of the
    /// entities it can match (one per kind it allows): the index then reads their chains of
    /// versions instead of every key. Null otherwise.
    /// </summary>
    public IEnumerable<byte[]>? Entities() => Entities(Kind, _queryNamespace, _queryName);

    /// <summary>The same for a query, before its filter is made (<see cref="AdjacencyIndex.VersionIds"/>).</summary>
    public static IEnumerable<byte[]>? Entities(EntityQuery query) => Entities(query.Kind, query.Namespace, query.Name);

    private static IEnumerable<byte[]>? Entities(EntityKind? kind, string? @namespace, string? name)
    {
        if (@namespace is null || name is null)
        {
            return null;
        }

        EntityKind[] kinds = kind is { } one ? [one] : Enum.GetValues<EntityKind>();
        return kinds.Select(k => Encoding.UTF8.GetBytes(EntityKey.LogicalText(k, @namespace, name)));
    }

    /// <summary>A query's text as it is searched for: lower-cased as <c>ToLowerInvariant</c> does; null without one.</summary>
    public static string? Text(EntityQuery query) => string.IsNullOrEmpty(query.Text) ? null : query.Text.ToLowerInvariant();

    /// <summary>Whether the entity of a row id, and a key of the right kind, match the namespace, name and text filters.</summary>
    public bool Matches(int id, ReadOnlySpan<byte> key)
    {
        if (_namespace is null && _name is null && _namePrefix is null && _text is null)
        {
            return true;
        }

        var rest = KeyMap.Logical(key)[(key.IndexOf((byte)':') + 1)..];
        var split = rest.LastIndexOf((byte)':');
        var @namespace = rest[..split];
        var name = rest[(split + 1)..];
        return (_namespace is null || @namespace.SequenceEqual(_namespace))
            && (_name is null || name.SequenceEqual(_name))
            && (_namePrefix is null || name.StartsWith(_namePrefix))
            && (_text is null || _described.Contains(id) || HoldsText(rest, split));
    }

    /// <summary>Whether the namespace or the name holds the text, ignoring case; <paramref name="rest"/> is <c>namespace:name</c> as the key writes them.</summary>
    private bool HoldsText(ReadOnlySpan<byte> rest, int split)
    {
        // A search that finds nothing looks at every key, so the common case is one pass over
        // both parts without a copy: with no escape in them and no ':' in the text, whatever
        // matches lies inside one part.
        if (_asciiText is { } text && text.IndexOf((byte)':') < 0 && rest.IndexOf((byte)'%') < 0 && Ascii.IsValid(rest))
        {
            return ContainsIgnoringCase(rest, text);
        }

        return HoldsText(rest[..split]) || HoldsText(rest[(split + 1)..]);
    }

    /// <summary>Whether ASCII <paramref name="part"/> holds <paramref name="lower"/> (lower-case ASCII, not empty) in any case.</summary>
    private static bool ContainsIgnoringCase(ReadOnlySpan<byte> part, ReadOnlySpan<byte> lower)
    {
        var first = lower[0];
        var upper = first is >= (byte)'a' and <= (byte)'z' ? (byte)(first - 'a' + 'A') : first;
        var last = part.Length - lower.Length;
        for (var from = 0; from <= last; from++)
        {
            var at = part[from..(last + 1)].IndexOfAny(first, upper);
            if (at < 0)
            {
                return false;
            }

            from += at;
            if (Ascii.EqualsIgnoreCase(part.Slice(from, lower.Length), lower))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a namespace or name, as its key text writes it, holds the text, ignoring case.</summary>
    private bool HoldsText(ReadOnlySpan<byte> part)
    {
        if (part.IndexOf((byte)'%') < 0 && Ascii.IsValid(part))
        {
            // The common case, compared without decoding: ASCII lower-cases to ASCII, so it holds
            // the text only if the lower-cased text is ASCII too.
            if (_asciiText is null)
            {
                return false;
            }

            Span<byte> lower = part.Length <= 1024 ? stackalloc byte[part.Length] : new byte[part.Length];
            Ascii.ToLower(part, lower, out _);
            return lower.IndexOf(_asciiText) >= 0;
        }

        // Escaped characters would match the text's own escapes in the wrong places (the "25" of
        // "%25"), and other scripts need Unicode case rules: decode, and lower as the text was.
        return EntityKey.PartFromText(Encoding.UTF8.GetString(part)).ToLowerInvariant().Contains(_text!, StringComparison.Ordinal);
    }
}
