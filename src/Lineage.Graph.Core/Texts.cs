using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lineage.Graph.Core;

/// <summary>Rules for the text of keys, labels, descriptions and JSON values.</summary>
public static partial class Texts
{
    /// <summary>
    /// A user's text as an error message quotes it: whole up to <paramref name="max"/> characters,
    /// else cut there (never between the two halves of a surrogate pair) with "...". A message that
    /// quoted a 4 MB value whole would be a 4 MB answer.
    /// </summary>
    public static string Shorten(string? text, int max = 100)
    {
        if (text is null || text.Length <= max)
        {
            return text ?? "";
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Concat(text.AsSpan(0, cut), "...");
    }

    /// <summary>A count with its noun, singular for one (<c>1 event</c>, <c>2 events</c>): messages quote configured limits, which may be 1.</summary>
    public static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>
    /// The characters of <paramref name="text"/> as a user counts them, and as Python, Go's runes and Neo4j
    /// count them: code points, so that an emoji (two UTF-16 code units) is one. Every length limit counts so.
    /// </summary>
    public static int Characters(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text.Length;
        }

        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Whether <paramref name="text"/> has more than <paramref name="max"/> <see cref="Characters"/>; counted only past <paramref name="max"/> code units.</summary>
    public static bool IsLongerThan(ReadOnlySpan<char> text, int max) => text.Length > max && Characters(text) > max;

    /// <summary>The labels with each one kept once, at its first place; the list itself where none repeats (most).</summary>
    public static IReadOnlyList<string>? Distinct(IReadOnlyList<string>? labels)
    {
        if (labels is null || labels.Count < 2)
        {
            return labels;
        }

        // A null label is left for validation to refuse, with its place.
        var seen = new HashSet<string>(labels.Count, StringComparer.Ordinal);
        var once = labels.Where(label => label is null || seen.Add(label)).ToArray();
        return once.Length == labels.Count ? labels : once;
    }

    /// <summary><see cref="CompareByCodePoint(string, string)"/> as a comparer, for sorting text as keys are sorted.</summary>
    public static IComparer<string> CodePointOrder { get; } = Comparer<string>.Create(CompareByCodePoint);

    /// <summary>
    /// Compares two texts by code point, which is the order of their UTF-8 bytes: the order SQLite's
    /// BINARY collation and Neo4j give keys, and so the one every answer that orders keys uses. It
    /// differs from the ordinal (UTF-16 code unit) order only where a character above U+FFFF (an
    /// emoji; a surrogate pair in UTF-16) meets one from U+E000 to U+FFFF (a full-width letter), which
    /// UTF-16 puts first and code points after.
    /// </summary>
    public static int CompareByCodePoint(string? a, string? b) =>
        a is null || b is null ? (a is null ? (b is null ? 0 : -1) : 1) : CompareByCodePoint(a.AsSpan(), b.AsSpan());

    /// <summary>Compares two spans of text by code point (<see cref="CompareByCodePoint(string, string)"/>).</summary>
    public static int CompareByCodePoint(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var common = a.CommonPrefixLength(b);
        return common == a.Length || common == b.Length ? a.Length.CompareTo(b.Length) : CodePointWeight(a[common]).CompareTo(CodePointWeight(b[common]));
    }

    /// <summary>
    /// A UTF-16 code unit's place in code point order, among code units that differ at the same
    /// position of two texts: surrogates (which make the code points above U+FFFF) after U+E000 to
    /// U+FFFF, everything else where it is.
    /// </summary>
    public static int CodePointWeight(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };

    /// <summary>
    /// Whether <paramref name="value"/> is well-formed UTF-16: every surrogate in a pair. An
    /// unpaired one cannot be written as UTF-8, so SQLite and JSON writers would store U+FFFD in
    /// its place and give back other text than was written.
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        // Most text has no surrogate at all, which a vectorised search finds out at once.
        var first = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        for (var i = first < 0 ? value.Length : first; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Text for one line of a terminal or a log: line breaks as spaces, and every other control
    /// character as <c>\uXXXX</c>; so too the characters that reorder the text around them
    /// (bidirectional embeddings, overrides, isolates and marks). A message that quotes what a
    /// client sent (a relation, an event type) then cannot start a line a reader or a script would
    /// take for another entry, move a terminal's cursor, or make a line read otherwise than it is.
    /// </summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spaced = text.ReplaceLineEndings(" ");
        if (!spaced.Any(IsEscapedOnOneLine))
        {
            return spaced;
        }

        var line = new StringBuilder(spaced.Length + 16);
        foreach (var c in spaced)
        {
            line.Append(IsEscapedOnOneLine(c) ? Escaped(c) : c);
        }

        return line.ToString();
    }

    /// <summary>
    /// Whether <see cref="OneLine"/> writes <paramref name="c"/> as <see cref="Escaped"/>: a control
    /// character, one that reorders the text around it, or a line or paragraph separator (U+2028,
    /// U+2029), which <see cref="OneLine"/> makes a space first but a terminal or log viewer may break a
    /// line at when text around a table writes it.
    /// </summary>
    public static bool IsEscapedOnOneLine(char c) =>
        char.IsControl(c) || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>A character as <see cref="OneLine"/> escapes it: <c>\uXXXX</c>.</summary>
    public static string Escaped(char c) => $"\\u{(int)c:X4}";

    /// <summary>
    /// Whether <paramref name="value"/> has a control character (<see cref="char.IsControl(char)"/>:
    /// U+0000 to U+001F and U+007F to U+009F), found by a vectorised search rather than a character at a time.
    /// </summary>
    public static bool HasControl(ReadOnlySpan<char> value) =>
        value.IndexOfAnyInRange('\u0000', '\u001F') >= 0 || value.IndexOfAnyInRange('\u007F', '\u009F') >= 0;

    /// <summary>
    /// Reads an instant written in ISO 8601: a date, or a date and a time (hours and minutes, seconds,
    /// up to nine fractional digits, as Go's RFC3339Nano and Java's Instant write them), UTC unless it
    /// gives an offset (some producers, Python's isoformat() on a naive datetime, leave the zone out).
    /// Nothing else is read: the invariant culture alone would also read 06/01/2026, month first,
    /// "Monday, June 1, 2026", or a date followed by "12 PM" or a day's name.
    /// A time zone name in brackets after an offset (RFC 9557, as Java's ZonedDateTime writes
    /// <c>2024-03-18T14:15:45.123Z[UTC]</c>) adds nothing to the instant the offset gives, and is set aside.
    /// </summary>
    public static bool TryParseIsoInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is not null && ZoneSuffix().Match(text) is { Success: true } suffixed)
        {
            text = suffixed.Groups["instant"].Value;
        }

        // .NET keeps 100 ns and rounds the digits past them, which would put an instant 10 ns before a
        // recordedAt at that recordedAt (and 9999-12-31T23:59:59.99999999Z past the last instant): they are cut.
        return text is not null && IsoInstant().IsMatch(text)
            && DateTimeOffset.TryParse(BeyondTicks().Replace(text, ""), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    /// <summary>
    /// An instant as messages quote it: in UTC, as ISO 8601 with a Z, without trailing zero digits of
    /// its fraction (2026-06-01T12:00:00Z), as users write it, not .NET's round-trip 2026-06-01T12:00:00.0000000+00:00.
    /// </summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether <paramref name="text"/> is written as <see cref="TryParseIsoInstant"/> reads instants, whatever
    /// instant it names: when it is and that refuses it, it names a day that does not exist (2026-02-30) or one
    /// outside 0001-01-01 to 9999-12-31 once in UTC, and a refusal can say so rather than call it no date at all.
    /// </summary>
    public static bool IsWrittenAsIsoInstant(string? text) =>
        text is not null && IsoInstant().IsMatch(ZoneSuffix().Match(text) is { Success: true } suffixed ? suffixed.Groups["instant"].Value : text);

    [GeneratedRegex(@"(?<=[.,]\d{7})\d+")]
    private static partial Regex BeyondTicks();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$")]
    private static partial Regex IsoInstant();

    // The offset must follow a time: in 2024-03-18[UTC], -18 is the day.
    [GeneratedRegex(@"^(?<instant>\d{4}-\d{2}-\d{2}[T ]\d.*(?:Z|z|[+-]\d{2}(?::?\d{2})?))(?:\[[^\[\]]+\])+$")]
    private static partial Regex ZoneSuffix();
}
