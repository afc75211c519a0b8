using System.Text;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Standard output on a full disk, as <c>&gt; /dev/full</c> gives it.</summary>
internal sealed class FullDisk : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => throw new IOException("No space left on device");

    public override void Write(string? value) => throw new IOException("No space left on device");
}
