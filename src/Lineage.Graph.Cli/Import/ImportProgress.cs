using System.Globalization;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// Import progress on stderr: on a terminal a bar redrawn in place with a carriage return;
/// redirected (a CI log), a plain line <c>imported 400/4000 items</c> every tenth of the file
/// (at most every 1,000 items) and at the end. Thread-safe: an interruption's note comes from the
/// signal's thread while the import reports from its own.
/// </summary>
internal sealed class ImportProgress(TextWriter writer, bool terminal, int total)
{
    private const int BarWidth = 30;

    private readonly int _every = Math.Clamp(total / 10, 1, 1000);
    private readonly Lock _lock = new();
    private int _drawnPercent = -1;

    public void Report(int done)
    {
        lock (_lock)
        {
            Draw(done);
        }
    }

    /// <summary>Writes a line about one item, keeping the bar below it on a terminal.</summary>
    public void Note(string line)
    {
        lock (_lock)
        {
            if (terminal && _drawnPercent >= 0)
            {
                writer.Write("\r" + new string(' ', BarWidth + 32) + "\r");
                _drawnPercent = -1;
            }

            writer.WriteLine(line);
        }
    }

    private void Draw(int done)
    {
        if (terminal)
        {
            var percent = total == 0 ? 100 : done * 100 / total;
            if (percent != _drawnPercent || done == total)
            {
                _drawnPercent = percent;
                var filled = BarWidth * percent / 100;
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"\r[{new string('#', filled)}{new string('-', BarWidth - filled)}] {percent,3}% {done}/{total} items"));
                if (done == total)
                {
                    writer.WriteLine();
                }
            }
        }
        else if (done % _every == 0 || done == total)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {done}/{total} items"));
        }
    }
}
