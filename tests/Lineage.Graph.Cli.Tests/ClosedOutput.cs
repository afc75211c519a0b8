using System.Text;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Standard output closed or opened read-only (<c>&gt;&amp;-</c>, <c>1&lt;/dev/null</c>): .NET throws EBADF as an access refusal.</summary>
internal sealed class ClosedOutput : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => throw new UnauthorizedAccessException("Access to the path is denied.");

    public override void Write(string? value) => throw new UnauthorizedAccessException("Access to the path is denied.");
}
