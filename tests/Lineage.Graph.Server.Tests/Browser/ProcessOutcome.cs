namespace Lineage.Graph.Server.Tests.Browser;

/// <summary>How an <see cref="ExternalProcess"/> ended: its exit code and what it wrote to stdout and stderr.</summary>
internal sealed record ProcessOutcome(int ExitCode, string Output, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The last lines of the output, enough to say why a command failed without flooding the test log.</summary>
    public string Tail(int lines = 40) => string.Join('\n', Output.TrimEnd().Split('\n').TakeLast(lines));
}
