using Microsoft.Extensions.Logging;

namespace Lineage.Graph.Sqlite;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Opened the embedded store at {Path}: {Entities} entities and {Edges} edges indexed in {Milliseconds} ms")]
    public static partial void IndexLoaded(this ILogger logger, string path, int entities, int edges, long milliseconds);

    [LoggerMessage(2, LogLevel.Debug, "Caught up with another writer: {Entities} entity rows and {Edges} edge rows up to change {Sequence}")]
    public static partial void CaughtUp(this ILogger logger, int entities, int edges, long sequence);

    [LoggerMessage(3, LogLevel.Error, "The embedded store failed (SQLite error {SqliteError})")]
    public static partial void StoreFailed(this ILogger logger, int sqliteError, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "A write waited {Seconds} s for this process's earlier writes to the embedded store and gave up")]
    public static partial void WriteQueueTimedOut(this ILogger logger, int seconds);

    [LoggerMessage(6, LogLevel.Error, "The embedded store at {Path} went back to change {Sequence} under this store, which had read up to {Indexed} (restored from a backup?); it answers nothing more until restarted")]
    public static partial void FileRewound(this ILogger logger, string path, long sequence, long indexed);

    [LoggerMessage(4, LogLevel.Information, "Migrated the embedded store at {Path} from schema {From} to {To} in {Milliseconds} ms")]
    public static partial void Migrated(this ILogger logger, string path, long from, int to, long milliseconds);
}
