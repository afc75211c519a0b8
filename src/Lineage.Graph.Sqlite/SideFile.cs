namespace Lineage.Graph.Sqlite;

/// <summary>
/// Whether a file beside the database that SQLite keeps open while a connection is (its write-ahead log,
/// its shared-memory index) has been deleted or replaced at its path. On Linux the link of a descriptor
/// under <c>/proc/self/fd</c> names the path while the file is there, and the path and " (deleted)" once it
/// is not, whatever has been put at the path since. Any descriptor of this process on the file will do, so
/// only that mark counts: the one watched may be a reader's that closes, its number then naming another
/// file, and the descriptors are then looked through again. Where there is no such folder, or the file
/// was not open when watching began (a store reading a file as unchanging has no log), nothing is watched.
/// </summary>
internal sealed class SideFile
{
    private const string Descriptors = "/proc/self/fd";
    private const string DeletedMark = " (deleted)";

    private readonly string _target;
    private readonly bool _watched;
    private string? _descriptor;

    private SideFile(string target, string? descriptor)
    {
        _target = target;
        _descriptor = descriptor;
        _watched = descriptor is not null;
    }

    /// <summary>Watches <paramref name="realPath"/> (every link on it followed, as descriptors name it), if this process has it open now.</summary>
    public static SideFile Watch(string realPath) => new(realPath, Find(realPath).Open);

    /// <summary>Whether the file was deleted or replaced at its path since watching began.</summary>
    public bool Moved
    {
        get
        {
            if (!_watched)
            {
                return false;
            }

            if (_descriptor is { } descriptor && Link(descriptor) is { } link)
            {
                if (link == _target)
                {
                    return false;
                }

                if (link == _target + DeletedMark)
                {
                    return true;
                }
            }

            // The descriptor watched closed (its number may name another file now): any other on the file tells as well.
            var (open, deleted) = Find(_target);
            _descriptor = open;
            return deleted;
        }
    }

    /// <summary>A descriptor open on the file at <paramref name="target"/>, and whether any names it deleted.</summary>
    private static (string? Open, bool Deleted) Find(string target)
    {
        if (!Directory.Exists(Descriptors))
        {
            return (null, false);
        }

        string? open = null;
        foreach (var descriptor in Directory.EnumerateFileSystemEntries(Descriptors))
        {
            var link = Link(descriptor);
            if (link == target + DeletedMark)
            {
                return (open, true);
            }

            if (link == target)
            {
                open ??= descriptor;
            }
        }

        return (open, false);
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
