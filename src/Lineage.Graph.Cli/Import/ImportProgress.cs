using System.Globalization;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// Import progress on stderr: on a terminal a bar redrawn in place with a carriage return;
/// redirected (a CI log), a plain line <c>import: 400/4000 items, 3 failed</c> every tenth of the file
/// (at most every 1,000 items) and at the end. Failed items are counted apart, since a line that called
/// them imported would tell a CI log reader that everything so far went in. Thread-safe: an interruption's note comes from the
/// signal's thread while the import reports from its own.
/// </summary>
internal sealed class ImportProgress(TextWriter writer, bool terminal, int total)
{
    private const int BarWidth = 30;

    private readonly int _every = Math.Clamp(total / 10, 1, 1000);
    private readonly Lock _lock = new();
    private int _drawnPercent = -1;

    // The bar's length as last drawn, so that a note clears all of it: its counts have no fixed width.
    private int _drawnLength;

    public void Report(int done, int failed)
    {
        lock (_lock)
        {
            Draw(done, failed);
        }
    }

    /// <summary>Writes a line about one item, keeping the bar below it on a terminal.</summary>
    public void Note(string line)
    {
        lock (_lock)
        {
            if (terminal && _drawnPercent >= 0)
            {
                writer.Write("\r" + new string(' ', _drawnLength) + "\r");
                _drawnPercent = -1;
            }

            writer.WriteLine(line);
        }
    }

    private void Draw(int done, int failed)
    {
        if (terminal)
        {
            var percent = total == 0 ? 100 : done * 100 / total;
            if (percent != _drawnPercent || done == total)
            {
                _drawnPercent = percent;
                var filled = BarWidth * percent / 100;
                var bar = string.Create(CultureInfo.InvariantCulture,
                    $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {percent,3}% {done}/{total} items, {failed} failed");
                _drawnLength = bar.Length;
                writer.Write("\r" + bar);
                if (done == total)
                {
                    writer.WriteLine();
                }
            }
        }
        else if (done % _every == 0 || done == total)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: {done}/{total} items, {failed} failed"));
        }
    }
}
