namespace Lineage.Graph.Sqlite;

/// <summary>
/// Whether a file beside the database that SQLite keeps open while a connection is (its write-ahead log,
/// its shared-memory index) has been deleted at its path. On Linux the link of a descriptor under
/// <c>/proc/self/fd</c> names the path while the file is there, and the path and " (deleted)" once it is
/// not, whatever has been put at the path since. Every descriptor of this process on the file when
/// watching begins is watched: the store's own stay open as long as it does, and another store's in the
/// process are on the same file. One that names anything else later was closed (its number may name
/// another file now) and is no longer watched; that also leaves a renamed file unnoticed, which cannot be
/// told apart. Where there is no such folder, or the file was not open when watching began (a store reading
/// a file as unchanging has no log), nothing is watched, and nothing is ever looked through again.
/// </summary>
internal sealed class SideFile
{
    private const string Descriptors = "/proc/self/fd";
    private const string DeletedMark = " (deleted)";

    private readonly Lock _gate = new();
    private readonly string _target;
    private readonly List<string> _descriptors;

    private SideFile(string target, List<string> descriptors)
    {
        _target = target;
        _descriptors = descriptors;
    }

    /// <summary>Watches nothing: a store's side files before its connections have opened them.</summary>
    public static SideFile None { get; } = new("", []);

    /// <summary>Watches <paramref name="realPath"/> (every link on it followed, as descriptors name it) through the descriptors this process has open on it now.</summary>
    public static SideFile Watch(string realPath)
    {
        var open = new List<string>();
        if (Directory.Exists(Descriptors))
        {
            foreach (var descriptor in Directory.EnumerateFileSystemEntries(Descriptors))
            {
                if (Link(descriptor) == realPath)
                {
                    open.Add(descriptor);
                }
            }
        }

        return new(realPath, open);
    }

    /// <summary>Whether the file was deleted at its path since watching began: a link read for each descriptor watched.</summary>
    public bool Moved
    {
        get
        {
            lock (_gate)
            {
                for (var i = _descriptors.Count - 1; i >= 0; i--)
                {
                    var link = Link(_descriptors[i]);
                    if (link == _target + DeletedMark)
                    {
                        return true;
                    }

                    if (link != _target)
                    {
                        _descriptors.RemoveAt(i);
                    }
                }

                return false;
            }
        }
    }

    private static string? Link(string descriptor)
    {
        try
        {
            return new FileInfo(descriptor).LinkTarget;
        }
        catch (IOException)
        {
            // Closed since the folder was read: another thread's file.
            return null;
        }
    }
}
