namespace Lineage.Graph.Sqlite;

/// <summary>
/// Whether the database file a connection holds open is still the file at its path. A backup
/// restored by moving a file over the path, or the file deleted, leaves the store's connections
/// on the old file: it would answer from its old index while new reader connections read the new
/// file, and acknowledge writes into a file nothing will open again. On Linux, the link of the
/// connection's descriptor under <c>/proc/self/fd</c> names the path while the file is there and
/// says "(deleted)" once it is not; where there is no such folder this check finds nothing to watch.
/// </summary>
internal sealed class OpenFile
{
    private const string Descriptors = "/proc/self/fd";

    private readonly string _path;
    private readonly string? _descriptor;

    private OpenFile(string path, string? descriptor)
    {
        _path = path;
        _descriptor = descriptor;
    }

    /// <summary>Whether the watched file has been deleted or replaced at its path.</summary>
    public bool Moved => _descriptor is not null && new FileInfo(_descriptor).LinkTarget != _path;

    /// <summary>The descriptors open on <paramref name="path"/> now, to tell from those opened next.</summary>
    public static HashSet<string> Open(string path)
    {
        if (!Directory.Exists(Descriptors))
        {
            return [];
        }

        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in Directory.EnumerateFileSystemEntries(Descriptors))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget == path)
                {
                    open.Add(descriptor);
                }
            }
            catch (IOException)
            {
                // The descriptor closed while the folder was read (another thread's file): not ours.
            }
        }

        return open;
    }

    /// <summary>Watches the descriptor opened on <paramref name="path"/> since <paramref name="before"/> was taken.</summary>
    public static OpenFile Since(string path, HashSet<string> before) =>
        new(path, Open(path).Except(before).Order(StringComparer.Ordinal).FirstOrDefault());
}
