using System.Text;

namespace Lineage.Graph.Cli.Output;

/// <summary>
/// Text for one line of stderr: every error is one line (README), and a message that quotes an
/// item's values (a relation, an event type) must not start a line of its own that a reader or a
/// script would take for another failure, nor move a terminal's cursor.
/// </summary>
internal static class OneLine
{
    /// <summary>
    /// Line breaks as spaces, and every other control character as <c>\uXXXX</c>; so too the
    /// characters that reorder the text around them (bidirectional embeddings, overrides, isolates
    /// and marks), with which stored text could make a line read otherwise than it is.
    /// </summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spaced = text.ReplaceLineEndings(" ");
        if (!spaced.Any(Escaped))
        {
            return spaced;
        }

        var line = new StringBuilder(spaced.Length + 16);
        foreach (var c in spaced)
        {
            line.Append(Escaped(c) ? $"\\u{(int)c:X4}" : c);
        }

        return line.ToString();
    }

    private static bool Escaped(char c) =>
        char.IsControl(c) || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
