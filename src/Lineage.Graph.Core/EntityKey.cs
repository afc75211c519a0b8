using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Lineage.Graph.Core;

/// <summary>
/// The identity of an entity: kind, namespace, name and (for versioned kinds) version.
/// Its canonical string form is <c>kind:namespace:name@version</c>, for example
/// <c>dataset:s3://bucket/path:events@2024-06-01</c>.
/// </summary>
/// <remarks>
/// The string splits at the first <c>:</c> (after the kind), the last <c>@</c> (before the
/// version) and the last <c>:</c> before that (between namespace and name), so namespaces keep
/// their <c>://</c> and ports as typed; a hyperparameter set's, whose namespace is always
/// <c>hyperparameters</c>, at the first, so its name reads alike with its colon written or escaped. What would break that split is percent-encoded as UTF-8:
/// <c>%</c> everywhere, <c>@</c> in namespace, name and version, and <c>:</c> in a name.
/// Parsing accepts any percent-encoding; formatting writes only these.
/// </remarks>
public sealed record EntityKey : IComparable<EntityKey>
{
    /// <summary>The longest namespace, name or version accepted, in characters.</summary>
    public const int MaxPartLength = 1024;

    /// <summary>
    /// The most UTF-8 bytes a key's canonical text may take. Escaping can triple a part (<c>@</c> is
    /// <c>%40</c>), so parts within <see cref="MaxPartLength"/> could make a key that
    /// <see cref="Parse"/> refused; and Neo4j indexes a string property of at most about 8 KB,
    /// which a key of three long CJK parts passed.
    /// </summary>
    public const int MaxKeyBytes = 4096;

    private readonly string _text;
    private int _hash;

    private EntityKey(EntityKind kind, string @namespace, string name, string? version, string? text = null)
    {
        Kind = kind;
        Namespace = @namespace;
        Name = name;
        Version = version;
        _text = text ?? LogicalText(kind, @namespace, name) + (version is null ? "" : "@" + Escape(version, escapeColon: false));
    }

    public EntityKind Kind { get; }

    public string Namespace { get; }

    public string Name { get; }

    public string? Version { get; }

    /// <summary>The key of the same kind, namespace and name without a version: the logical entity.</summary>
    public (EntityKind Kind, string Namespace, string Name) Logical => (Kind, Namespace, Name);

    /// <summary>Builds a key, checking the rules of its kind; a run's version (its UUID) is normalised to lower case.</summary>
    public static EntityKey Create(EntityKind kind, string @namespace, string name, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(name);
        CheckPart("namespace", @namespace);
        CheckPart("name", name);
        if (@namespace.Length == 0)
        {
            throw new InvalidKeyException($"A {kind} key needs a namespace.");
        }

        if (name.Length == 0 && kind != EntityKind.CodeVersion)
        {
            throw new InvalidKeyException($"A {kind} key needs a name.");
        }

        // Every hyperparameter set lives in one namespace, which is what lets its key split at the first colon
        // (Parse) and still round-trip.
        if (kind == EntityKind.HyperparameterSet && @namespace != HyperparameterSets.Namespace)
        {
            throw new InvalidKeyException($"A {kind}'s namespace is {HyperparameterSets.Namespace}, not '{Texts.Shorten(@namespace)}'.");
        }

        if (version is not null)
        {
            CheckPart("version", version);
            if (!EntityKinds.IsVersioned(kind))
            {
                throw new InvalidKeyException($"A {kind} has no version, but '{Texts.Shorten(version)}' was given.");
            }

            if (version.Length == 0)
            {
                throw new InvalidKeyException($"A {kind} version cannot be empty; leave it out instead.");
            }
        }
        else if (EntityKinds.RequiresVersion(kind))
        {
            throw new InvalidKeyException($"A {kind} key needs a version (the run id, a UUID).");
        }

        if (kind == EntityKind.Run)
        {
            version = Guid.TryParse(version, out var runId)
                ? runId.ToString("D")
                : throw new InvalidKeyException($"A run id must be a UUID, not '{Texts.Shorten(version)}'.");
        }

        var key = new EntityKey(kind, @namespace, name, version);
        var bytes = Encoding.UTF8.GetByteCount(key._text);
        return bytes <= MaxKeyBytes
            ? key
            : throw new InvalidKeyException($"A key is at most {MaxKeyBytes} bytes of UTF-8 once escaped; this one has {bytes}.");
    }

    /// <summary>
    /// Throws for a namespace, name or version of white space alone (invisible format characters, such as a
    /// zero-width space or a byte order mark, count as white space here), which reads as nothing in every listing
    /// and answer: a write refuses it. Not checked by <see cref="Create"/>, so that a key stored before this rule
    /// still parses, to be read, retired and purged.
    /// </summary>
    /// <exception cref="InvalidKeyException">A part is white space alone.</exception>
    public void ThrowIfBlankPart(string? item = null)
    {
        var part = Blank(Namespace) ? "namespace" : Blank(Name) ? "name" : Version is { } version && Blank(version) ? "version" : null;
        if (part is not null)
        {
            throw new InvalidKeyException($"A {Kind} key's {part} cannot be white space alone.", item);
        }

        static bool Blank(string text) => text.Length > 0 && IsBlank(text);
    }

    /// <summary>Whether text is empty or white space alone, as <see cref="ThrowIfBlankPart"/> reads it (invisible format characters included).</summary>
    public static bool IsBlank([NotNullWhen(false)] string? text)
    {
        if (text is null)
        {
            return true;
        }

        // Checked for every part of every entity written: a plain loop, over in one character for almost every key.
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The key <see cref="Create"/> builds, or null where it would refuse the parts.</summary>
    public static EntityKey? TryCreate(EntityKind kind, string @namespace, string name, string? version = null)
    {
        try
        {
            return Create(kind, @namespace, name, version);
        }
        catch (InvalidKeyException)
        {
            return null;
        }
    }

    /// <summary>
    /// A key a store read back: its parts and canonical text were checked when it was written, so
    /// reading thousands of answer rows does not check and escape them again.
    /// </summary>
    internal static EntityKey FromStore(EntityKind kind, string @namespace, string name, string? version, string text) =>
        new(kind, @namespace, name, version, text);

    /// <summary>
    /// The key of a canonical text a store kept (its index of keys): as <see cref="Parse"/> reads
    /// it, without checking the parts and writing the text again, which <see cref="Create"/> did when
    /// the key was written. Thousands of keys a walk answers from an index cost that much less.
    /// </summary>
    internal static EntityKey FromStoredText(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = EntityKinds.TryParse(text[..colon], out var parsed) ? parsed : throw new InvalidKeyException($"'{Texts.Shorten(text, 200)}' is not a stored key.");
        var rest = text.AsSpan(colon + 1);
        string? version = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            version = Unescape(rest[(at + 1)..].ToString(), text);
            rest = rest[..at];
        }

        var split = rest.LastIndexOf(':');
        return new EntityKey(kind, Unescape(rest[..split].ToString(), text), Unescape(rest[(split + 1)..].ToString(), text), version, text);
    }

    /// <summary>A namespace as the canonical key text writes it, so that a store can match keys by namespace on their text.</summary>
    internal static string NamespaceText(string @namespace) => Escape(@namespace, escapeColon: false);

    /// <summary>A name, or the start of one, as the canonical key text writes it.</summary>
    /// <remarks>Escaping maps each character on its own, so a name starts with a prefix exactly when its text starts with the prefix's text.</remarks>
    internal static string NameText(string name) => Escape(name, escapeColon: true);

    /// <summary>
    /// The canonical key text of an entity before its version (<c>kind:namespace:name</c>): what all
    /// its versions' keys start with, up to the <c>@</c>, and the whole key of an unversioned kind.
    /// </summary>
    internal static string LogicalText(EntityKind kind, string @namespace, string name) =>
        $"{EntityKinds.KeyPrefix(kind)}:{NamespaceText(@namespace)}:{NameText(name)}";

    /// <summary>A namespace or name from its text in a stored (so well-formed) key.</summary>
    internal static string PartFromText(string text) => Unescape(text, text);

    /// <summary>Parses a key string; throws <see cref="InvalidKeyException"/> naming what is wrong.</summary>
    public static EntityKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Escaping triples a character at most, so no key within MaxKeyBytes is longer than this;
        // the key's canonical text is measured by Create.
        if (text.Length > 3 * MaxKeyBytes)
        {
            throw new InvalidKeyException($"A key is at most {MaxKeyBytes} bytes of UTF-8 once escaped; this one is {Texts.Characters(text)} characters long, more than any such key.");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !EntityKinds.TryParse(text[..colon], out var kind))
        {
            throw new InvalidKeyException(
                $"'{Texts.Shorten(text, 200)}' does not start with a kind ({string.Join(", ", EntityKinds.All.Select(EntityKinds.KeyPrefix))}) and a colon.");
        }

        var rest = text[(colon + 1)..];
        string? version = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            version = Unescape(rest[(at + 1)..], text);
            rest = rest[..at];
        }

        // A hyperparameter set's namespace is always `hyperparameters` and its name `sha256:<hex>`, which people
        // write with its colon as the model page spells it: split at the first colon, which reads the escaped
        // form (`sha256%3A`) alike. Any other namespace could hold no stored set.
        var split = kind == EntityKind.HyperparameterSet ? rest.IndexOf(':', StringComparison.Ordinal) : rest.LastIndexOf(':');
        if (split < 0)
        {
            throw new InvalidKeyException($"'{Texts.Shorten(text, 200)}' has no ':' between namespace and name (kind:namespace:name@version).");
        }

        return Create(kind, Unescape(rest[..split], text), Unescape(rest[(split + 1)..], text), version);
    }

    /// <summary>Parses a key string, or returns false with the reason.</summary>
    public static bool TryParse(string text, out EntityKey? key, out string? error)
    {
        try
        {
            key = Parse(text);
            error = null;
            return true;
        }
        catch (InvalidKeyException ex)
        {
            key = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Keys in the order of their text's UTF-8 bytes, as the stores list them (<see cref="Texts.CompareByCodePoint(string, string)"/>).</summary>
    public int CompareTo(EntityKey? other) => other is null ? 1 : Texts.CompareByCodePoint(_text, other._text);

    public bool Equals(EntityKey? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <summary>The hash of the canonical text: always equal to <c>ToString().GetHashCode()</c>, which stores may rely on.</summary>
    /// <remarks>
    /// A write hashes each key many times (batch sets, lookups, the embedded store's key table),
    /// so the hash is kept once computed. A hash of 0 is computed again each time, which is harmless.
    /// </remarks>
    public override int GetHashCode() => _hash != 0 ? _hash : _hash = _text.GetHashCode();

    /// <summary>The canonical key string.</summary>
    public override string ToString() => _text;

    private static void CheckPart(string part, string value)
    {
        if (Texts.IsLongerThan(value, MaxPartLength))
        {
            throw new InvalidKeyException($"The {part} is at most {MaxPartLength} characters; this one has {Texts.Characters(value)}.");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new InvalidKeyException($"The {part} contains the control character U+{(int)c:X4}.");
            }
        }

        if (!Texts.IsWellFormed(value))
        {
            throw new InvalidKeyException($"The {part} contains an unpaired surrogate.");
        }
    }

    private static string Escape(string value, bool escapeColon)
    {
        if (value.AsSpan().IndexOfAny(escapeColon ? "%@:" : "%@") < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '%' => "%25",
                '@' => "%40",
                ':' when escapeColon => "%3A",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static string Unescape(string value, string key)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        var bytes = new List<byte>();
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%')
            {
                if (i + 2 >= value.Length || !Uri.IsHexDigit(value[i + 1]) || !Uri.IsHexDigit(value[i + 2]))
                {
                    throw new InvalidKeyException($"'{Texts.Shorten(key, 200)}' has a '%' that is not followed by two hex digits; write a literal % as %25.");
                }

                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }

            Flush();
            builder.Append(value[i]);
        }

        Flush();
        return builder.ToString();

        void Flush()
        {
            if (bytes.Count == 0)
            {
                return;
            }

            try
            {
                builder.Append(strict.GetString([.. bytes]));
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidKeyException($"'{Texts.Shorten(key, 200)}' percent-encodes bytes that are not UTF-8.");
            }

            bytes.Clear();
        }
    }
}
