namespace Lineage.Graph.Cli;

/// <summary>Codes of failures only the CLI sees, beside Core's and the server's.</summary>
internal static class CliErrorCodes
{
    /// <summary>Bad arguments: an unknown command or option, a missing value, both or neither of --server and --db.</summary>
    public const string Usage = "USAGE";

    /// <summary>No answer from the server: connection refused, name not resolved, timed out, or a non-GraphQL answer without a 5xx status.</summary>
    public const string ServerUnreachable = "SERVER_UNREACHABLE";

    /// <summary>The server answered, with an HTTP 5xx status: it failed while handling the request.</summary>
    public const string ServerError = "SERVER_ERROR";

    /// <summary>Ctrl-C (SIGINT) or SIGTERM stopped the command before it finished.</summary>
    public const string Interrupted = "INTERRUPTED";

    /// <summary>Standard output could not be written (a full disk, a closed pipe): the answer, or an import's summary, is lost.</summary>
    public const string OutputFailed = "OUTPUT_FAILED";
}
