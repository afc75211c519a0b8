using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Ctrl-C: a query stops with exit 130; an import stops between items and says exactly which went in.</summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-interrupt-").FullName;

    [Fact]
    public async Task An_interrupted_import_finishes_the_item_being_written_and_stops_before_the_next()
    {
        using var interrupt = new CancellationTokenSource();
        var server = new InterruptedOnSecondWrite(interrupt);
        var file = Path.Combine(_folder, "three.jsonl");
        await File.WriteAllTextAsync(file, """
            {"entities": [{"key": "dataset:file:one@1"}]}
            {"entities": [{"key": "dataset:file:two@1"}]}
            {"entities": [{"key": "dataset:file:three@1"}]}
            """);

        var result = await CliHost.RunRawAsync(
            new CliEnvironment { HttpHandler = server }, interrupt.Token, "import", file, "--server", "http://example.test", "--format", "json");

        Assert.Equal(130, result.Exit);
        Assert.Equal(2, server.Requests);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal(2, (int)summary["changed"]!);
        Assert.Equal(0, (int)summary["failed"]!);
        Assert.Equal("line 3", (string)summary["stopped"]!["position"]!);
        Assert.Equal("INTERRUPTED", (string)summary["stopped"]!["code"]!);
        Assert.Equal(
            """
            imported 1/3 items
            lineage: INTERRUPTED: stopping after the item being written (Ctrl-C again stops at once, without a summary)
            imported 2/3 items
            lineage: INTERRUPTED: import stopped at line 3

            """,
            result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_interrupted_query_says_so_on_one_line_and_exits_130()
    {
        var database = Path.Combine(_folder, "lineage.db");
        var import = Path.Combine(_folder, "one.jsonl");
        await File.WriteAllTextAsync(import, """{"entities": [{"key": "dataset:file:one@1"}]}""");
        Assert.Equal(0, (await CliHost.RunRawAsync(new CliEnvironment(), "import", import, "--db", database)).Exit);

        var result = await CliHost.RunRawAsync(new CliEnvironment(), new CancellationToken(canceled: true), "get", "dataset:file:one@1", "--db", database);

        Assert.Equal(130, result.Exit);
        Assert.Equal("", result.Out);
        Assert.Equal("lineage: INTERRUPTED: stopped (Ctrl-C or SIGTERM) before it finished; nothing was written.\n", result.Err.ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// The real command in a child process and a real SIGINT: its own signal handling, not a token a test cancels.
    /// The summary's count must match the file: the last item it says went in is stored, the next one is not.
    /// </summary>
    [Fact]
    public async Task Sigint_during_an_embedded_import_prints_the_summary_of_what_went_in()
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows has no kill -INT; Ctrl-C there is a console event a test process cannot send to a child alone.
            return;
        }

        var database = Path.Combine(_folder, "lineage.db");
        var file = Path.Combine(_folder, "many.jsonl");
        const int items = 20_000;
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, items).Select(i => $$"""{"entities": [{"key": "{{Key(i)}}"}]}"""));

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Lineage.Graph.Cli.dll"), "import", file, "--db", database })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = child.StandardOutput.ReadToEndAsync(timeout.Token);

        // The first progress line (every 1,000 items) says the import is under way, well before its end.
        var stderr = new StringBuilder();
        while (await child.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            stderr.AppendLine(line);
            if (line.StartsWith("imported ", StringComparison.Ordinal))
            {
                break;
            }
        }

        using (var kill = Process.Start("kill", ["-INT", child.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(timeout.Token);
        }

        stderr.Append(await child.StandardError.ReadToEndAsync(timeout.Token));
        await child.WaitForExitAsync(timeout.Token);

        Assert.True(child.ExitCode == 130, $"exit {child.ExitCode}: {stderr}");
        var summary = JsonNode.Parse(await stdout)!;
        var written = (int)summary["changed"]!;
        Assert.InRange(written, 1_000, items - 1);
        Assert.Equal("INTERRUPTED", (string)summary["stopped"]!["code"]!);
        Assert.Equal($"line {written + 1}", (string)summary["stopped"]!["position"]!);
        Assert.Contains($"lineage: INTERRUPTED: import stopped at line {written + 1}", stderr.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, (await CliHost.RunRawAsync(new CliEnvironment(), "get", Key(written - 1), "--db", database)).Exit);
        Assert.Equal(3, (await CliHost.RunRawAsync(new CliEnvironment(), "get", Key(written), "--db", database)).Exit);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"dataset:file:t{i}@1");

    /// <summary>A server that writes every batch, and on the second one is interrupted (Ctrl-C) while writing it.</summary>
    private sealed class InterruptedOnSecondWrite(CancellationTokenSource interrupt) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _requests) == 2)
            {
                await interrupt.CancelAsync();
            }

            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    """{"data":{"recordEntities":{"entitiesCreated":1,"entitiesUpdated":0,"entitiesUnchanged":0,"edgesCreated":0,"edgesUnchanged":0,"errors":[]}}}""",
                    Encoding.UTF8,
                    "application/json"),
            };
        }
    }
}
