using Lineage.Graph.Core;

namespace Lineage.Graph.Cli;

/// <summary>
/// The exit codes scripts branch on (README, "Command line"). They never change once shipped:
/// a CI job that treats 2 as "the gate tripped" must keep working.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int GateTripped = 2;
    public const int NotFound = 3;
    public const int Unavailable = 4;
    public const int AccessRefused = 5;
    public const int InvalidInput = 6;
    public const int ImportIncomplete = 7;
    public const int Internal = 70;

    /// <summary>sysexits' EX_IOERR, beside its EX_SOFTWARE (70): the command did its work but could not write its output.</summary>
    public const int OutputFailed = 74;

    /// <summary>128 plus SIGINT's number, what shells report for a command Ctrl-C stopped.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit code for an error code of Core, of the server (<c>extensions.code</c>) or of the CLI.</summary>
    public static int For(string code) => code switch
    {
        ErrorCodes.NotFound => NotFound,
        ErrorCodes.StoreUnavailable or CliErrorCodes.ServerUnreachable or CliErrorCodes.ServerError or "TIMEOUT" => Unavailable,
        "UNAUTHENTICATED" or "FORBIDDEN" or ErrorCodes.ReadOnly => AccessRefused,
        ErrorCodes.InvalidKey or ErrorCodes.InvalidRelation or ErrorCodes.InvalidInput or ErrorCodes.InvalidCursor
            or ErrorCodes.DepthLimit or ErrorCodes.LimitExceeded or ErrorCodes.EntityRetired or "PAYLOAD_TOO_LARGE" => InvalidInput,

        // A server whose budget is tighter than the CLI's requests assume refuses them as it refuses a limit past the cap:
        // the request asks for too much, nothing is broken.
        "COMPLEXITY" => InvalidInput,

        // The server could not read the request: only what the user gave makes the CLI's requests unreadable (an import
        // item nested deeper than the server reads JSON), so import counts it as that item's failure and goes on.
        "INVALID_REQUEST" => InvalidInput,
        CliErrorCodes.Usage => Usage,
        CliErrorCodes.Interrupted => Interrupted,
        CliErrorCodes.OutputFailed => OutputFailed,
        _ => Internal,
    };
}
