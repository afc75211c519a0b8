using System.Globalization;
using System.Text.RegularExpressions;

namespace Lineage.Graph.Core;

/// <summary>Rules for the text of keys, labels, descriptions and JSON values.</summary>
public static partial class Texts
{
    /// <summary>
    /// Whether <paramref name="value"/> is well-formed UTF-16: every surrogate in a pair. An
    /// unpaired one cannot be written as UTF-8, so SQLite and JSON writers would store U+FFFD in
    /// its place and give back other text than was written.
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
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
    /// Reads an instant written in ISO 8601: a date, or a date and a time, UTC unless it gives an
    /// offset (some producers, Python's isoformat() on a naive datetime, leave the zone out). The
    /// invariant culture alone would also read 06/01/2026, month first, or "Monday, June 1, 2026".
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

        return text is not null && IsoDate().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[T ]|$)")]
    private static partial Regex IsoDate();

    // The offset must follow a time: in 2024-03-18[UTC], -18 is the day.
    [GeneratedRegex(@"^(?<instant>\d{4}-\d{2}-\d{2}[T ]\d.*(?:Z|z|[+-]\d{2}(?::?\d{2})?))(?:\[[^\[\]]+\])+$")]
    private static partial Regex ZoneSuffix();
}
