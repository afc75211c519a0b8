using System.Globalization;
using System.Text;

namespace Lineage.Graph.Cli.Output;

/// <summary>Rows under a header, each column as wide as its widest cell on a terminal.</summary>
/// <remarks>
/// Cells hold stored text that anyone with a writer key chose (descriptions, properties): a line
/// break in one would split its row, and an escape sequence would reach the reader's terminal, so
/// every cell is written as one line with its control characters escaped (<see cref="OneLine"/>).
/// </remarks>
internal sealed class TextTable(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        _rows.Add([.. cells.Select(OneLine.Of)]);
        return this;
    }

    public void Write(TextWriter writer)
    {
        var widths = header.Select((h, i) => _rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        WriteRow(writer, header, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    /// <summary>
    /// The columns a text takes on a terminal: one per character as the reader sees it (a letter and
    /// its combining accents are one), two for the wide characters of East Asian scripts and for
    /// emoji, so that a column of Japanese table names lines up with one of Latin ones.
    /// </summary>
    public static int Width(string text)
    {
        var width = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            // An emoji presentation selector (U+FE0F) makes a narrow symbol an emoji, two columns wide.
            var element = elements.GetTextElement();
            width += (Rune.TryGetRuneAt(element, 0, out var first) && IsWide(first.Value)) || element.Contains('\uFE0F', StringComparison.Ordinal) ? 2 : 1;
        }

        return width;
    }

    // The ranges Unicode's East Asian Width gives W or F (UAX #11), in the blocks where they gather;
    // regional indicators, whose pairs are flags, are shown two wide as well.
    private static bool IsWide(int codePoint) => codePoint is
        (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
        or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
        or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F1E6 and <= 0x1F1FF)
        or (>= 0x1F300 and <= 0x1F64F) or (>= 0x1F680 and <= 0x1F6FF) or (>= 0x1F900 and <= 0x1F9FF) or (>= 0x1FA70 and <= 0x1FAFF)
        or (>= 0x20000 and <= 0x3FFFD);

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths) =>
        writer.WriteLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c + new string(' ', Math.Max(0, widths[i] - Width(c))))).TrimEnd());
}
