using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Lineage.Graph.Cli.Tests;

/// <summary>
/// A file written while it is imported (cut short, emptied, appended to, rewritten after the first item went in) stops the
/// import with INVALID_INPUT, exit 6, and a summary naming where; it was an internal error with no summary, a
/// summary that said it ran to the end, or more items written than counted. A file touched, its content unchanged, is imported whole.
/// </summary>
public sealed class ImportFileChangeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-change-").FullName;

    [Fact]
    public async Task A_json_array_cut_short_after_its_first_item_went_in_stops_with_invalid_input_and_a_summary()
    {
        // Larger than a read's buffer, so that the cut falls in what is still to be read.
        var file = await WriteAsync("many.json", "[\n" + string.Join(",\n", Enumerable.Range(0, 2_000).Select(Batch)) + "\n]\n");

        var result = await ImportAsync(file, () => File.WriteAllBytes(file, File.ReadAllBytes(file)[..(int)(new FileInfo(file).Length / 2)]));

        Assert.True(result.Exit == 6, result.Err);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((2_000, 1, 0), ((int)summary["items"]!, (int)summary["changed"]!, (int)summary["failed"]!));
        AssertStoppedAt(summary, "item 2", result.Err);
    }

    [Fact]
    public async Task Utf16_json_lines_cut_to_an_odd_length_after_the_first_line_went_in_stop_with_invalid_input_and_a_summary()
    {
        // The odd byte left at the cut failed the UTF-16 decoder in the second pass: an internal error, exit 70, with no summary.
        // The second line longer than a read's buffer, so that reading it meets the cut, made in its middle.
        var file = Path.Combine(_folder, "utf16.jsonl");
        var longLine = $$"""{"entities": [{"key": "dataset:file:long@1", "description": "{{new string('d', 300_000)}}"}]}""";
        await File.WriteAllBytesAsync(file, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Batch(0) + "\n" + longLine + "\n" + Batch(2) + "\n")]);

        var result = await ImportAsync(file, () => File.WriteAllBytes(file, File.ReadAllBytes(file)[..((int)(new FileInfo(file).Length / 2) | 1)]));

        Assert.True(result.Exit == 6, result.Err);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((3, 1, 0), ((int)summary["items"]!, (int)summary["changed"]!, (int)summary["failed"]!));
        AssertStoppedAt(summary, "line 2", result.Err);
    }

    [Fact]
    public async Task Json_lines_emptied_after_the_first_line_went_in_stop_there_not_as_a_run_to_the_end()
    {
        var file = await WriteAsync("three.jsonl", string.Join("\n", Enumerable.Range(0, 3).Select(Batch)) + "\n");

        var result = await ImportAsync(file, () => File.WriteAllText(file, ""));

        Assert.True(result.Exit == 6, result.Err);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((3, 1, 0), ((int)summary["items"]!, (int)summary["changed"]!, (int)summary["failed"]!));
        AssertStoppedAt(summary, "line 2", result.Err);
        Assert.Contains("its length went from ", (string)summary["stopped"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_appended_to_after_the_first_line_went_in_stop_before_writing_more_than_were_counted()
    {
        var file = await WriteAsync("three.jsonl", string.Join("\n", Enumerable.Range(0, 3).Select(Batch)) + "\n");
        var server = new ChangingOnFirstWrite(() => File.AppendAllText(file, string.Join("\n", Enumerable.Range(3, 3).Select(Batch)) + "\n"));

        var result = await ImportAsync(file, server);

        Assert.True(result.Exit == 6, result.Err);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((3, 1), ((int)summary["items"]!, (int)summary["changed"]!));
        AssertStoppedAt(summary, "line 2", result.Err);
        Assert.Equal(1, server.Requests);
        Assert.DoesNotContain("import: 6/3", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_touched_after_the_first_line_went_in_are_imported_whole()
    {
        // touch, or a backup or sync agent, sets the time of a file it leaves as it was: the time alone stopped the import.
        var file = await WriteAsync("three.jsonl", string.Join("\n", Enumerable.Range(0, 3).Select(Batch)) + "\n");
        var server = new ChangingOnFirstWrite(() => File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1)));

        var result = await ImportAsync(file, server);

        Assert.True(result.Exit == 0, result.Err);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((3, 3, 0), ((int)summary["items"]!, (int)summary["changed"]!, (int)summary["failed"]!));
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Json_lines_rewritten_to_the_same_length_after_the_first_line_went_in_stop_there()
    {
        var file = await WriteAsync("three.jsonl", string.Join("\n", Enumerable.Range(0, 3).Select(Batch)) + "\n");

        var result = await ImportAsync(file, () =>
        {
            File.WriteAllText(file, string.Join("\n", Enumerable.Range(5, 3).Select(Batch)) + "\n");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        });

        Assert.True(result.Exit == 6, result.Err);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((3, 1), ((int)summary["items"]!, (int)summary["changed"]!));
        AssertStoppedAt(summary, "line 2", result.Err);
        Assert.Contains(", after it was counted)", (string)summary["stopped"]!["message"]!, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Standard_input_is_copied_to_a_temporary_file_that_has_no_name_while_it_is_imported(bool gzip)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Open files are listed under /proc/self/fd on Linux only.");

        // The copy was deleted only when the import ended, so a second Ctrl-C, a SIGTERM or a SIGKILL left it behind (389 MB).
        var text = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 3).Select(Batch)) + "\n");
        var input = new MemoryStream();
        if (gzip)
        {
            using var compressing = new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
            compressing.Write(text);
        }
        else
        {
            input.Write(text);
        }

        input.Position = 0;
        List<string> copies = [];
        var server = new ChangingOnFirstWrite(() => copies.AddRange(
            Directory.GetFiles("/proc/self/fd").Select(fd => new FileInfo(fd)).Select(fd => fd.Exists ? fd.LinkTarget : null)
                .OfType<string>().Where(target => target.Contains("/lineage-import-", StringComparison.Ordinal))));

        var result = await CliHost.RunRawAsync(new CliEnvironment { HttpHandler = server, Input = input }, "import", "-", "--server", "http://example.test", "--format", "json");

        Assert.True(result.Exit == 0, result.Err);
        Assert.NotEmpty(copies);
        Assert.All(copies, copy => Assert.EndsWith(" (deleted)", copy, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertStoppedAt(JsonNode summary, string position, string stderr)
    {
        var stopped = summary["stopped"]!;
        Assert.Equal((position, "INVALID_INPUT"), ((string)stopped["position"]!, (string)stopped["code"]!));
        Assert.StartsWith("The file changed while it was imported (", (string)stopped["message"]!, StringComparison.Ordinal);
        Assert.Contains($"(import stopped at {position})", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
    }

    private static string Batch(int i) => string.Create(CultureInfo.InvariantCulture, $$"""{"entities": [{"key": "dataset:file:t{{i}}@1"}]}""");

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static Task<CliResult> ImportAsync(string file, Action change) => ImportAsync(file, new ChangingOnFirstWrite(change));

    private static Task<CliResult> ImportAsync(string file, HttpMessageHandler server) =>
        CliHost.RunRawAsync(new CliEnvironment { HttpHandler = server }, "import", file, "--server", "http://example.test", "--format", "json");

    /// <summary>A server that stores every batch, and while storing the first, lets the file be changed.</summary>
    private sealed class ChangingOnFirstWrite(Action change) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _requests) == 1)
            {
                change();
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    """{"data":{"recordEntities":{"entitiesCreated":1,"entitiesUpdated":0,"entitiesUnchanged":0,"edgesCreated":0,"edgesUnchanged":0,"errors":[]}}}""",
                    Encoding.UTF8,
                    "application/json"),
            });
        }
    }
}
