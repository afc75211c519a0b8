namespace Lineage.Graph.Server.Tests.Browser;

/// <summary>
/// What the browser test needs besides the server: Debian's Chromium (installed with apt-get
/// when it is missing, as CI runs as root) and playwright-core from <c>tests/browser</c>
/// (installed with <c>npm ci</c>). Either one missing fails the test with the reason: a browser
/// test that passes without a browser proves nothing.
/// </summary>
internal static class BrowserTools
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The folder with the node script and its lock file.</summary>
    public static string ScriptFolder => Path.Combine(Repository.Root, "tests", "browser");

    public static async Task EnsureChromiumAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(ChromiumPath))
            {
                return;
            }

            if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get"))
            {
                throw new InvalidOperationException(
                    $"The browser test needs Debian's Chromium at {ChromiumPath}, and this machine has no apt-get to install it with.");
            }

            var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
            var update = await ExternalProcess.RunAsync("apt-get", ["update"], null, TimeSpan.FromMinutes(5), environment);
            var install = update.Succeeded
                ? await ExternalProcess.RunAsync("apt-get", ["install", "-y", "chromium"], null, TimeSpan.FromMinutes(10), environment)
                : update;
            if (!install.Succeeded || !File.Exists(ChromiumPath))
            {
                throw new InvalidOperationException(
                    $"The browser test needs Debian's Chromium at {ChromiumPath}; 'apt-get update && apt-get install -y chromium' " +
                    $"failed (exit code {install.ExitCode}{(install.TimedOut ? ", timed out" : "")}; it needs root and Debian's package mirror):\n{install.Tail()}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Runs <c>npm ci</c> in <see cref="ScriptFolder"/> unless its node_modules is newer than the lock file.</summary>
    public static async Task EnsurePlaywrightAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var folder = ScriptFolder;
            var installed = new FileInfo(Path.Combine(folder, "node_modules", ".package-lock.json"));
            if (installed.Exists && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json")))
            {
                return;
            }

            var npm = await ExternalProcess.RunAsync(
                OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(3));
            if (!npm.Succeeded)
            {
                throw new InvalidOperationException(
                    $"The browser test drives Chromium with playwright-core; 'npm ci' in {folder} failed " +
                    $"(exit code {npm.ExitCode}{(npm.TimedOut ? ", timed out" : "")}; it needs Node.js 20 and npm on PATH):\n{npm.Tail()}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
