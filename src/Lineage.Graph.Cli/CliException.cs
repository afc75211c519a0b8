using Lineage.Graph.Core;

namespace Lineage.Graph.Cli;

/// <summary>
/// A failure with a code that is not one of Core's: an error the server reported
/// (<c>UNAUTHENTICATED</c>, <c>FORBIDDEN</c>, ...), an unreachable server, or a usage error.
/// Core's own codes arrive as Core's exceptions, so every failure is a <see cref="LineageException"/>.
/// </summary>
internal sealed class CliException(string code, string message, string? item = null, Exception? inner = null)
    : LineageException(code, message, item, inner)
{
    public static CliException Usage(string message) => new(CliErrorCodes.Usage, message);
}
