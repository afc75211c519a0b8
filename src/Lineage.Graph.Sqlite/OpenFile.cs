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

    private readonly string? _descriptor;
    private readonly string? _target;

    private OpenFile(string? descriptor, string? target)
    {
        _descriptor = descriptor;
        _target = target;
    }

    /// <summary>Whether the watched file has been deleted or replaced at its path: its descriptor's link is not what it was.</summary>
    public bool Moved
    {
        get
        {
            if (_descriptor is null)
            {
                return false;
            }

            try
            {
                return new FileInfo(_descriptor).LinkTarget != _target;
            }
            catch (IOException)
            {
                // The connection's descriptor is gone, which only closing the store does: nothing to tell.
                return false;
            }
        }
    }

    /// <summary>
    /// The descriptors open now on <paramref name="path"/>, with what their links say: the real
    /// path, which differs from the one given where a folder on it is a link. Taken before a
    /// connection opens, to tell its descriptor from those opened before.
    /// </summary>
    public static Dictionary<string, string> Open(string path)
    {
        var open = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(Descriptors))
        {
            return open;
        }

        var real = RealPath(path);
        foreach (var descriptor in Directory.EnumerateFileSystemEntries(Descriptors))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target == real)
                {
                    open[descriptor] = target;
                }
            }
            catch (IOException)
            {
                // The descriptor closed while the folder was read (another thread's file): not ours.
            }
        }

        return open;
    }

    /// <summary>
    /// The path with every link on it followed, as the kernel names an open file: a link's target
    /// is itself followed through the links on it (at most 40 deep, as the kernel allows), and a
    /// ".." after a link leaves the folder the link leads to, not the one it sits in, so the path is
    /// never shortened as text first.
    /// </summary>
    /// <exception cref="IOException">The links loop, or go deeper than 40.</exception>
    public static string RealPath(string path, int depth = 0)
    {
        var full = System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(Directory.GetCurrentDirectory(), path);
        var root = System.IO.Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = System.IO.Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = System.IO.Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (depth >= 40)
            {
                throw new IOException($"Too many levels of symbolic links in '{path}'.");
            }

            current = RealPath(System.IO.Path.IsPathRooted(target) ? target : System.IO.Path.Combine(current, target), depth + 1);
        }

        return current;
    }

    /// <summary>
    /// Watches the one descriptor opened on the file since <paramref name="before"/> was taken.
    /// Where another thread opened one too, which is which cannot be told, and nothing is watched.
    /// </summary>
    public static OpenFile Since(string path, Dictionary<string, string> before)
    {
        var opened = Open(path).Where(d => !before.ContainsKey(d.Key)).ToList();
        return opened.Count == 1 ? new(opened[0].Key, opened[0].Value) : new(null, null);
    }
}
