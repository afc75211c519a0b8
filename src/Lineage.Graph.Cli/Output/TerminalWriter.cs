using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>
/// Writes text meant for a terminal or a CI log (a table, the impact gate's report) with every
/// control character but line breaks, and every character that reorders the text around it,
/// escaped as <see cref="Texts.OneLine"/> escapes them. Table cells were escaped already; the lines
/// around them (a heading, a path, a deployment reached) quote stored keys too, and a key holding
/// a right-to-left override (<c>evil\u202Eyolped</c>) read in a log as another deployment.
/// </summary>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value is not ('\n' or '\r') && Texts.IsEscapedOnOneLine(value))
        {
            inner.Write(Texts.Escaped(value));
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null || !value.Any(c => c is not ('\n' or '\r') && Texts.IsEscapedOnOneLine(c)))
        {
            inner.Write(value);
            return;
        }

        foreach (var c in value)
        {
            Write(c);
        }
    }

    public override void Flush() => inner.Flush();
}
