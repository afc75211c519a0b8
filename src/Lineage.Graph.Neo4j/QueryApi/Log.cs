using Microsoft.Extensions.Logging;

namespace Lineage.Graph.Neo4j.QueryApi;

// Event ids 100-199 belong to the Query API client, so the store's own Log class can keep the low ones.
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Warning, "Neo4j attempt {Attempt} failed ({Reason}); retrying in {DelayMilliseconds} ms")]
    public static partial void Retrying(this ILogger logger, int attempt, string reason, long delayMilliseconds);

    [LoggerMessage(102, LogLevel.Error, "Neo4j circuit opened after repeated failures ({Reason}); calls fail at once for {BreakSeconds} s")]
    public static partial void CircuitOpened(this ILogger logger, string reason, double breakSeconds);

    [LoggerMessage(103, LogLevel.Information, "Neo4j circuit half-open: the next call probes the server")]
    public static partial void CircuitHalfOpened(this ILogger logger);

    [LoggerMessage(104, LogLevel.Information, "Neo4j circuit closed: the server answers again")]
    public static partial void CircuitClosed(this ILogger logger);

    [LoggerMessage(105, LogLevel.Warning, "Neo4j is unavailable: {Reason}")]
    public static partial void Unavailable(this ILogger logger, string reason);
}
