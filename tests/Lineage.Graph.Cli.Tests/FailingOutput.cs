using System.Text;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Standard output that every write fails, with the exception .NET throws for the way it fails.</summary>
internal sealed class FailingOutput(Func<Exception> failure) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>On a full disk, as <c>&gt; /dev/full</c> gives it.</summary>
    public static FailingOutput FullDisk() => new(() => new IOException("No space left on device"));

    /// <summary>Closed or opened read-only (<c>&gt;&amp;-</c>, <c>1&lt;/dev/null</c>): .NET throws EBADF as an access refusal.</summary>
    public static FailingOutput Closed() => new(() => new UnauthorizedAccessException("Access to the path is denied."));

    public override void Write(char value) => throw failure();

    public override void Write(string? value) => throw failure();
}
