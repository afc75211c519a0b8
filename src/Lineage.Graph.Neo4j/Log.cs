using Microsoft.Extensions.Logging;

namespace Lineage.Graph.Neo4j;

internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Information, "Applied the Neo4j schema ({Statements} constraints and indexes)")]
    public static partial void SchemaApplied(ILogger logger, int statements);

    [LoggerMessage(102, LogLevel.Warning, "Started degraded: Neo4j cannot be reached ({Reason}); requests answer STORE_UNAVAILABLE until it can, and the schema is applied then")]
    public static partial void StartedDegraded(ILogger logger, string reason);

    [LoggerMessage(103, LogLevel.Debug, "A batch's entities changed between its read and its write (attempt {Attempt}: {Why}); reading and merging again")]
    public static partial void WriteConflict(ILogger logger, int attempt, string why);

    [LoggerMessage(104, LogLevel.Warning, "Neo4j refused this server's bookmarks ({Code}: {Reason}), as after a restore from an older backup; sending without them, and forgetting them")]
    public static partial void BookmarksForgotten(ILogger logger, string code, string reason);

    [LoggerMessage(105, LogLevel.Warning, "A statement sent with this server's {Count} bookmarks had no answer in time; forgetting them, in case the database will never reach them (restored from an older backup), so that the next statement is sent without")]
    public static partial void BookmarksTimedOut(ILogger logger, int count);
}
