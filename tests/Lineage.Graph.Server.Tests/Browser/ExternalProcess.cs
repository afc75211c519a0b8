using System.Diagnostics;
using System.Text;

namespace Lineage.Graph.Server.Tests.Browser;

/// <summary>
/// A command the tests need (apt-get, npm, node, the server itself), run to its end, or killed at a
/// time limit or once its output holds <c>stopAt</c> (a server that has started, which would not end).
/// </summary>
internal static class ExternalProcess
{
    public static async Task<ProcessOutcome> RunAsync(
        string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? stopAt = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new ProcessOutcome(-1, $"'{fileName}' could not be started: {ex.Message}", TimedOut: false);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        var exited = process.WaitForExitAsync(limit.Token);
        try
        {
            await Task.WhenAny(exited, seen.Task).Unwrap();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new ProcessOutcome(process.ExitCode, Text(output), TimedOut: true);
        }

        if (!process.HasExited)
        {
            // It wrote what the caller waited for, and would go on running.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // WaitForExitAsync returns once the output streams are drained as well.
        return new ProcessOutcome(process.ExitCode, Text(output), TimedOut: false);

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (stopAt is not null && line.Contains(stopAt, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }
    }


    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
