using System.Globalization;
using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>Rows under a header, each column as wide as its widest cell on a terminal.</summary>
/// <remarks>
/// Cells hold stored text that anyone with a writer key chose (descriptions, properties): a line
/// break in one would split its row, and an escape sequence would reach the reader's terminal, so
/// every cell is written as one line with its control characters escaped (<see cref="Texts.OneLine"/>).
/// </remarks>
internal sealed class TextTable(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        _rows.Add([.. cells.Select(Texts.OneLine)]);
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

    // Each run of code points Unicode 15.0 gives an East Asian Width of W or F (UAX #11), as pairs of
    // first and last, read from ICU 72. Unassigned code points between two wide ones are counted wide,
    // so that an emoji assigned later in a wide block measures two; planes 2 and 3 and the rest of the
    // CJK compatibility block (to U+FAFF) are wide throughout, the standard's default for their
    // unassigned code points. Every emoji shown as emoji by default is W. Regional indicators (N) are
    // not here: IsWide adds them, since their pairs are flags.
    private static readonly int[] WideRuns =
    [
        0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3, 0x25FD, 0x25FE,
        0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE,
        0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA,
        0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755,
        0x2757, 0x2757, 0x2795, 0x2797, 0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
        0x2E80, 0x303E, 0x3041, 0x3247, 0x3250, 0x4DBF, 0x4E00, 0xA4C6, 0xA960, 0xA97C, 0xAC00, 0xD7A3, 0xF900, 0xFAFF,
        0xFE10, 0xFE19, 0xFE30, 0xFE6B, 0xFF01, 0xFF60, 0xFFE0, 0xFFE6, 0x16FE0, 0x1B2FB, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF,
        0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F200, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393,
        0x1F3A0, 0x1F3CA, 0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440,
        0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A, 0x1F595, 0x1F596,
        0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC, 0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6DF,
        0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC, 0x1F7E0, 0x1F7F0, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF,
        0x1FA70, 0x1FAF8, 0x20000, 0x3FFFD
    ];

    private static bool IsWide(int codePoint)
    {
        if (codePoint is >= 0x1F1E6 and <= 0x1F1FF)
        {
            return true;
        }

        // The index of the first run that ends at or after the code point: wide when it begins at or before it.
        int low = 0, high = WideRuns.Length / 2;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (WideRuns[(2 * middle) + 1] < codePoint)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < WideRuns.Length / 2 && WideRuns[2 * low] <= codePoint;
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths) =>
        writer.WriteLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c + new string(' ', Math.Max(0, widths[i] - Width(c))))).TrimEnd());
}
