namespace Lineage.Graph.Sqlite;

/// <summary>
/// What a file opened as unchanging (SQLite's <c>immutable</c>) looked like: its length and last
/// write, its log's length and whether a rollback journal is beside it. SQLite reads such a file
/// without locks, so a writer that changes it afterwards (the folder's owner) could make a read
/// see part old, part new pages; a stamp that differs says the file may no longer be read.
/// </summary>
internal readonly record struct FileStamp(long Length, DateTime Written, long LogLength, bool Journal)
{
    public static FileStamp Take(string path)
    {
        var file = new FileInfo(path);
        var log = new FileInfo(path + "-wal");
        return new(file.Exists ? file.Length : -1, file.Exists ? file.LastWriteTimeUtc : default, log.Exists ? log.Length : 0, File.Exists(path + "-journal"));
    }

    /// <summary>
    /// Whether every commit is in the file itself: no log holding any (an empty one, which a reader
    /// leaves, holds none) and no journal of an unfinished write. Only such a file is read as unchanging.
    /// </summary>
    public bool Settled => LogLength == 0 && !Journal;
}
