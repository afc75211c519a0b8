using System.Text;

namespace Lineage.Graph.Cli.Output;

/// <summary>
/// Text for one line of stderr: every error is one line (README), and a message that quotes an
/// item's values (a relation, an event type) must not start a line of its own that a reader or a
/// script would take for another failure, nor move a terminal's cursor.
/// </summary>
internal static class OneLine
{
    /// <summary>Line breaks as spaces, and every other control character as <c>\uXXXX</c>.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spaced = text.ReplaceLineEndings(" ");
        if (!spaced.Any(char.IsControl))
        {
            return spaced;
        }

        var line = new StringBuilder(spaced.Length + 16);
        foreach (var c in spaced)
        {
            line.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c);
        }

        return line.ToString();
    }
}
