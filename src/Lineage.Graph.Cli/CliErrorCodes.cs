namespace Lineage.Graph.Cli;

/// <summary>Codes of failures only the CLI sees, beside Core's and the server's.</summary>
internal static class CliErrorCodes
{
    /// <summary>Bad arguments: an unknown command or option, a missing value, both or neither of --server and --db.</summary>
    public const string Usage = "USAGE";

    /// <summary>No answer from the server: connection refused, name not resolved, timed out, or a non-GraphQL answer.</summary>
    public const string ServerUnreachable = "SERVER_UNREACHABLE";
}
