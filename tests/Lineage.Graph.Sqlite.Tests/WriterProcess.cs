using System.Diagnostics;
using System.Globalization;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>
/// Runs Lineage.Graph.Sqlite.TestWriter as a child process and reads its acknowledgements.
/// The tests need a real second process: a killed process and another writer's commits are
/// what the store must survive and notice.
/// </summary>
internal sealed class WriterProcess : IDisposable
{
    private readonly Process _process;

    private WriterProcess(Process process) => _process = process;

    /// <summary>The batches the writer has acknowledged so far.</summary>
    public List<int> Acknowledged { get; } = [];

    public static WriterProcess Start(string database, int firstBatch, int batchCount)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "Lineage.Graph.Sqlite.TestWriter.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(firstBatch.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(batchCount.ToString(CultureInfo.InvariantCulture));
        return new WriterProcess(Process.Start(start) ?? throw new InvalidOperationException("The writer process did not start."));
    }

    /// <summary>Reads acknowledgements until <paramref name="count"/> batches are acknowledged or the writer ends.</summary>
    public async Task WaitForAcknowledgementsAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (Acknowledged.Count < count && await _process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            Record(line);
        }

        if (Acknowledged.Count < count)
        {
            var error = await _process.StandardError.ReadToEndAsync(cancel.Token);
            throw new InvalidOperationException($"The writer ended after {Acknowledged.Count} acknowledgements: {error}");
        }
    }

    /// <summary>
    /// Kills the writer with SIGKILL (what <see cref="Process.Kill()"/> sends on Unix), then reads
    /// whatever it acknowledged before it died.
    /// </summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            Record(line);
        }
    }

    /// <summary>Waits for a writer with a batch count to finish, and reads all it acknowledged.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (await _process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            Record(line);
        }

        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private void Record(string line)
    {
        if (line.StartsWith("ACK ", StringComparison.Ordinal))
        {
            Acknowledged.Add(int.Parse(line.AsSpan(4), CultureInfo.InvariantCulture));
        }
    }
}
