using System.Diagnostics;

namespace Lineage.Graph.TestSupport;

/// <summary>
/// A folder in which this process cannot create a file, for the tests of database files that may
/// only be read (a read-only mount, another user's folder). Mode 555 binds an ordinary user; root,
/// which CI machines run as, ignores modes, so there the folder also gets the immutable attribute
/// (<c>chattr +i</c>), which binds root too. Linked into each test project that needs it.
/// </summary>
internal sealed class LockedFolder : IDisposable
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly string _folder;
    private bool _immutable;

    private LockedFolder(string folder) => _folder = folder;

    /// <summary>Why <see cref="Lock"/> may find no way to lock a folder here, for the test's skip message.</summary>
    public const string Unavailable =
        "This machine cannot make a folder unwritable for this process: it is not Unix, or it runs as root without chattr's immutable attribute.";

    /// <summary>Locks the folder, or returns null where this machine offers no way to (the test then skips, saying why).</summary>
    public static LockedFolder? Lock(string folder) => LockPath(folder, Open & ~UnixFileMode.UserWrite, CanWrite);

    /// <summary>Locks one file the same way (mode 444, or the immutable attribute for root), or returns null where this machine cannot.</summary>
    public static LockedFolder? LockFile(string file) =>
        LockPath(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, CanOpenForWriting);

    private static LockedFolder? LockPath(string path, UnixFileMode mode, Func<string, bool> canWrite)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var locked = new LockedFolder(path);
        File.SetUnixFileMode(path, mode);
        if (!canWrite(path))
        {
            return locked;
        }

        locked._immutable = Run("chattr", "+i", path);
        if (locked._immutable && !canWrite(path))
        {
            return locked;
        }

        locked.Dispose();
        return null;
    }

    public void Dispose()
    {
        if (_immutable)
        {
            Run("chattr", "-i", _folder);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder, Open);
        }
    }

    private static bool CanOpenForWriting(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static bool CanWrite(string folder)
    {
        var probe = Path.Combine(folder, ".write-probe");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static bool Run(string command, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, UseShellExecute = false });
            process!.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No such command here.
            return false;
        }
    }
}
