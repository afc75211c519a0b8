namespace Lineage.Graph.Cli;

/// <summary>
/// What the command reads from its surroundings besides its arguments, so that tests can run it
/// in-process: environment variables, whether stdout and stderr are terminals, standard input,
/// and the HTTP handler the remote source sends through (a test server's, in tests).
/// </summary>
internal sealed record CliEnvironment
{
    public IReadOnlyDictionary<string, string?> Variables { get; init; } = new Dictionary<string, string?>();

    /// <summary>Stdout is a terminal: tables by default. Redirected, the default is JSON.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Stderr is a terminal: import draws a progress bar. Redirected, it writes plain lines.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Standard input, which <c>import -</c> reads, as bytes: the file decides its encoding, as a named file does.</summary>
    public Stream Input { get; init; } = Stream.Null;

    /// <summary>
    /// A path that opens standard input anew (<c>/dev/stdin</c>), where the system has one and input is redirected:
    /// <c>import -</c> then opens it as a named file, so input redirected from a file (<c>&lt; events.jsonl</c>) is
    /// read in place, not copied, and from a device with no end (<c>&lt; /dev/zero</c>) refused at once, not copied
    /// until the temporary folder is full. A pipe is copied as before. Null: <see cref="Input"/> is copied.
    /// </summary>
    public string? InputPath { get; init; }

    /// <summary>
    /// Standard input is a pipe whose write end this process holds itself, so a read of it could never end: with
    /// standard input closed (<c>&lt;&amp;-</c>, a CI step started without one) the runtime's own pipe takes
    /// descriptor 0, and <c>import -</c> waited on it for ever. <c>import -</c> refuses it instead.
    /// </summary>
    public bool InputIsOwnPipe { get; init; }

    /// <summary>Sends the remote source's requests; null means a fresh socket handler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The process's own surroundings.</summary>
    public static CliEnvironment FromProcess() => new()
    {
        Variables = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal),
        OutputIsTerminal = !Console.IsOutputRedirected,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        Input = Console.OpenStandardInput(),
        InputPath = Console.IsInputRedirected && !OperatingSystem.IsWindows() && File.Exists("/dev/stdin") ? "/dev/stdin" : null,
        InputIsOwnPipe = Console.IsInputRedirected && HoldsWriteEnd(0),
    };

    /// <summary>
    /// Whether descriptor <paramref name="fd"/> is a pipe that this process can also write to through another
    /// descriptor (Linux, by <c>/proc/self</c>; false wherever that cannot be read).
    /// </summary>
    public static bool HoldsWriteEnd(int fd)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var pipe = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
            if (pipe is null || !pipe.StartsWith("pipe:[", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var other in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
            {
                if (other.Name != fd.ToString(System.Globalization.CultureInfo.InvariantCulture) && other.LinkTarget == pipe && Writes(other.Name))
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A descriptor closed while listed, or no /proc: nothing is known, so standard input is read as before.
        }

        return false;

        // fdinfo's flags are octal; their two low bits are the access mode: 1 write only, 2 read and write.
        static bool Writes(string name) =>
            File.ReadLines($"/proc/self/fdinfo/{name}").FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal)) is { } flags
            && (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & 3) is 1 or 2;
    }

    public string? Variable(string name) => Variables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
