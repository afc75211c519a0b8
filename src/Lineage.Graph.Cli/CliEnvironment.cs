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
    };

    public string? Variable(string name) => Variables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
