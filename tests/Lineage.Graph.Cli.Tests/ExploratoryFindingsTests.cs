using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Lineage.Graph.Cli.Tests;

/// <summary>
/// Input a user or a script really gives (a pipe, a Latin-1 export, a key copied with its line end, a
/// proxy's error page) gets the documented exit code and one line of error, never an internal error.
/// </summary>
public sealed class ExploratoryFindingsTests : IDisposable
{
    private const string Batch = """{"entities": [{"key": "dataset:s3://lake:raw@1"}]}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-cli-findings-").FullName;

    [SkippableFact]
    public async Task A_pipe_is_imported_as_a_file_is()
    {
        var fifo = Path.Combine(_folder, "events.pipe");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false }))
        {
            Skip.If(mkfifo is null, "mkfifo could not be started.");
            await mkfifo.WaitForExitAsync();
            Skip.If(mkfifo.ExitCode != 0, "mkfifo failed.");
        }

        // The writer blocks until the import opens the pipe, as `lineage import <(zcat events.gz)` does.
        var writer = Task.Run(() => File.WriteAllText(fifo, Batch + "\n" + """{"entities": [{"key": "dataset:s3://lake:raw@2"}]}""" + "\n"));
        var database = Path.Combine(_folder, "piped.db");
        var result = await CliHost.RunRawAsync(new CliEnvironment(), "import", fifo, "--db", database, "--format", "json");
        await writer;

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal(2, (int)JsonNode.Parse(result.Out)!["changed"]!);
    }

    [Fact]
    public async Task A_json_line_that_is_not_utf8_fails_alone_rather_than_be_stored_as_replacement_characters()
    {
        var file = Path.Combine(_folder, "latin1.jsonl");
        await File.WriteAllBytesAsync(file, [
            .. Encoding.UTF8.GetBytes(Batch + "\r\n"),
            .. Encoding.UTF8.GetBytes("""{"entities": [{"key": "dataset:s3://lake:caf"""), 0xE9, .. Encoding.UTF8.GetBytes("@1\"}]}\r"),
            .. Encoding.UTF8.GetBytes("""{"entities": [{"key": "dataset:s3://lake:café@1"}]}"""),
        ]);
        var database = Path.Combine(_folder, "latin1.db");

        var result = await CliHost.RunRawAsync(new CliEnvironment(), "import", file, "--db", database, "--format", "json");

        Assert.Equal(7, result.Exit);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((3, 2), ((int)summary["items"]!, (int)summary["changed"]!));
        Assert.Equal("line 2", (string)summary["failures"]![0]!["position"]!);
        Assert.StartsWith("Not well-formed UTF-8", (string)summary["failures"]![0]!["message"]!, StringComparison.Ordinal);
        var search = await CliHost.RunRawAsync(new CliEnvironment(), "search", "caf", "--db", database, "--format", "json");
        Assert.Equal(["dataset:s3://lake:café@1"], JsonNode.Parse(search.Out)!["entities"]!.AsArray().Select(e => (string)e!["key"]!));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_utf16_file_with_an_unpaired_surrogate_is_refused_whole_rather_than_stored_with_replacement_characters(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var file = Path.Combine(_folder, "utf16.jsonl");
        byte[] bad = bigEndian ? [0xD8, 0x00] : [0x00, 0xD8];
        await File.WriteAllBytesAsync(file, [
            .. encoding.GetPreamble(), .. encoding.GetBytes(Batch + "\n" + """{"entities": [{"key": "dataset:s3://lake:"""), .. bad, .. encoding.GetBytes("@1\"}]}\n"),
        ]);
        var database = Path.Combine(_folder, "utf16.db");

        var result = await CliHost.RunRawAsync(new CliEnvironment(), "import", file, "--db", database);

        Assert.Equal(6, result.Exit);
        Assert.Contains("is not well-formed UTF-16 (an unpaired surrogate, or an odd number of bytes)", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task An_empty_array_is_refused_and_a_file_that_cannot_be_imported_creates_no_database()
    {
        var empty = Path.Combine(_folder, "empty.json");
        await File.WriteAllTextAsync(empty, " [ ] ");
        var database = Path.Combine(_folder, "new.db");

        var emptyArray = await CliHost.RunRawAsync(new CliEnvironment(), "import", empty, "--db", database);
        var missing = await CliHost.RunRawAsync(new CliEnvironment(), "import", Path.Combine(_folder, "nope.json"), "--db", database);
        var folder = await CliHost.RunRawAsync(new CliEnvironment(), "import", _folder, "--db", database);

        Assert.Equal((6, "lineage: INVALID_INPUT: The file holds no items: it is an empty JSON array.\n"), (emptyArray.Exit, emptyArray.Err.ReplaceLineEndings("\n")));
        Assert.Equal(1, missing.Exit);
        Assert.Equal((1, $"lineage: USAGE: Cannot read {_folder}: it is a folder; name a file. (see lineage --help)\n"), (folder.Exit, folder.Err.ReplaceLineEndings("\n")));
        Assert.False(File.Exists(database));
    }

    [Theory]
    [InlineData("--db", "a.db", "--server", "http://example.test")]
    [InlineData("--db", "", "--format", "json")]
    [InlineData("--server", "http://example.test/?x", "--format", "json")]
    public async Task Import_reports_a_usage_error_before_it_reads_its_input(params string[] options)
    {
        // Standard input that must not be read: a pipe still open, or a terminal waiting for the user.
        var result = await CliHost.RunRawAsync(new CliEnvironment { Input = new Unreadable() }, ["import", "-", .. options]);

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("lineage: USAGE: ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_on_an_empty_database_file_leaves_it_empty_and_exits_4()
    {
        var database = Path.Combine(_folder, "zero.db");
        await File.WriteAllBytesAsync(database, []);

        var result = await CliHost.RunRawAsync(new CliEnvironment(), "get", "dataset:s3://lake:raw@1", "--db", database);

        Assert.Equal(4, result.Exit);
        Assert.Contains("is empty: it holds no graph", result.Err, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(database).Length);
    }

    [Theory]
    [InlineData("--format", "dot,json")]
    [InlineData("--format", "2")]
    [InlineData("--direction", "upstream,downstream")]
    public async Task A_single_valued_option_given_two_values_is_a_usage_error(string option, string value)
    {
        var server = new Answering(HttpStatusCode.OK, """{"data":{}}""");

        var result = await CliHost.RunRawAsync(new CliEnvironment { HttpHandler = server }, "lineage", "dataset:s3://lake:raw@1", option, value, "--server", "http://example.test");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith($"lineage: USAGE: {option}: unknown value '{value}'.", result.Err, StringComparison.Ordinal);
        Assert.Null(server.Authorization);
    }

    [Theory]
    [InlineData(new[] { "--version" }, "lineage: USAGE: Unknown option --version.")]
    [InlineData(new[] { "get", "dataset:a:b@1", "--server", "http://localhost:5080/?x=1" }, "lineage: USAGE: The server URL names the server or its /graphql endpoint, without a query or fragment; it was 'http://localhost:5080/?x=1'.")]
    [InlineData(new[] { "get", "dataset:a:b@1", "--server", "http://localhost:5080", "--api-key", "key\nwith-a-break" }, "lineage: USAGE: The API key (--api-key or LINEAGE_API_KEY) holds a control character")]
    [InlineData(new[] { "get", "dataset:a:b@1", "--server", "http://localhost:5080", "--api-key", "schlüssel" }, "lineage: USAGE: The API key (--api-key or LINEAGE_API_KEY) holds a control character")]
    [InlineData(new[] { "get", "dataset:a:b@1", "--server", "http://localhost:5080", "--api-key", "" }, "lineage: USAGE: --api-key is empty")]
    [InlineData(new[] { "get", "dataset:a:b@1", "--server", "http://localhost:5080", "--api-key", " \r\n" }, "lineage: USAGE: --api-key is empty")]
    public async Task Arguments_no_request_could_carry_are_usage_errors(string[] args, string message)
    {
        var result = await CliHost.RunRawAsync(new CliEnvironment(), args);

        Assert.Equal(1, result.Exit);
        Assert.StartsWith(message, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_copied_with_its_line_end_is_sent_without_it()
    {
        var server = new Answering(HttpStatusCode.OK, """{"data":{"entity":null}}""");

        var result = await CliHost.RunRawAsync(new CliEnvironment { HttpHandler = server }, "get", "dataset:a:b@1", "--server", "http://example.test", "--api-key", " key-from-a-file\r\n");

        Assert.Equal(3, result.Exit);
        Assert.Equal("Bearer key-from-a-file", server.Authorization);

        // The walk sent for the versions to name answered no error here, so the error names none.
        Assert.Equal("lineage: NOT_FOUND: No entity dataset:a:b@1.\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, """{"errors":["bad gateway"]}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 502 Bad Gateway: bad gateway")]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"errors":[{"extensions":{"code":"X"}}]}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 503 Service Unavailable: X: The server reported an error without a message.")]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"errors":[{"message":7,"extensions":{"code":7}}]}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 503 Service Unavailable: The server reported an error without a message.")]
    [InlineData(HttpStatusCode.Forbidden, """{"detail":"denied by policy"}""", 5, "lineage: UNAUTHENTICATED: The server at http://example.test/graphql refused the request (403).")]
    [InlineData(HttpStatusCode.Forbidden, """{"errors":[{"message":"denied by policy"}]}""", 5, "lineage: UNAUTHENTICATED: denied by policy")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"errors":["rate limited"]}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 429 Too Many Requests: rate limited")]
    [InlineData(HttpStatusCode.OK, """{"errors":[{"message":"no code"}]}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 200 OK: no code")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"errors":[{"message":"slow down","extensions":{"code":"RATE_LIMITED"}}]}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 429 Too Many Requests: RATE_LIMITED: slow down")]
    [InlineData(HttpStatusCode.BadRequest, """{"errors":[{"message":"too deep","extensions":{"code":"COMPLEXITY"}}]}""", 6, "lineage: COMPLEXITY: too deep")]

    // A bound's refusal in the option typed, from a server of this version (item first) or an earlier one; another refusal with that item as it came.
    [InlineData(HttpStatusCode.OK, """{"errors":[{"message":"maxDepth: must be between 1 and 100; it was 101.","extensions":{"code":"DEPTH_LIMIT","item":"maxDepth"}}]}""", 6, "lineage: DEPTH_LIMIT: --depth must be between 1 and 100; it was 101.")]
    [InlineData(HttpStatusCode.OK, """{"errors":[{"message":"maxDepth must be between 1 and 100; it was 101.","extensions":{"code":"DEPTH_LIMIT"}}]}""", 6, "lineage: DEPTH_LIMIT: --depth must be between 1 and 100; it was 101.")]
    [InlineData(HttpStatusCode.OK, """{"errors":[{"message":"limit: The walks of one request may return 100000 nodes.","extensions":{"code":"LIMIT_EXCEEDED","item":"limit"}}]}""", 6, "lineage: LIMIT_EXCEEDED: limit: The walks of one request may return 100000 nodes.")]

    // A server older than this CLI refuses a field it asks for, and a server's own internal error: its side, not the CLI's.
    [InlineData(HttpStatusCode.OK, """{"errors":[{"message":"You cannot query field 'beyondDepth' on type 'ImpactReport'.","extensions":{"code":"FIELDS_ON_CORRECT_TYPE"}}]}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 200 OK: FIELDS_ON_CORRECT_TYPE: You cannot query field 'beyondDepth' on type 'ImpactReport'.")]
    [InlineData(HttpStatusCode.OK, """{"errors":[{"message":"Internal error; the server log has the details.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 200 OK: INTERNAL_SERVER_ERROR: Internal error; the server log has the details.")]

    // Data of another shape in a 200 answer is the server's failure (RemoteAnswerTests has a member missing); a key that is none was the user's INVALID_KEY, 6.
    [InlineData(HttpStatusCode.OK, """{"data":{"entity":{"key":"x"}}}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered with data this CLI cannot read")]
    [InlineData(HttpStatusCode.OK, """{"data":{"entity":{"key":"dataset:a:b@1","rowCount":"abc","recordedAt":"2026-06-01T00:00:00Z","updatedAt":"2026-06-01T00:00:00Z"}}}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered with data this CLI cannot read")]

    // A gateway's refusal in its own words: the server's side failed; a 404 is more likely the wrong address.
    [InlineData(HttpStatusCode.TooManyRequests, "Rate limit exceeded\r\n", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 429 Too Many Requests without a GraphQL answer: Rate limit exceeded")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"message":"slow down"}""", 4, "lineage: SERVER_ERROR: http://example.test/graphql answered 429 Too Many Requests without a GraphQL answer: {\"message\":\"slow down\"}")]
    [InlineData(HttpStatusCode.NotFound, "<html>Not here</html>", 4, "lineage: SERVER_UNREACHABLE: http://example.test/graphql answered 404 Not Found without a GraphQL answer; is it a Lineage.Graph server?")]
    [InlineData(HttpStatusCode.MethodNotAllowed, "", 4, "lineage: SERVER_UNREACHABLE: http://example.test/graphql answered 405 Method Not Allowed without a GraphQL answer; is it a Lineage.Graph server?")]
    public async Task An_answer_of_another_shape_gets_the_exit_code_of_its_status(HttpStatusCode status, string body, int exit, string message)
    {
        var result = await CliHost.RunRawAsync(new CliEnvironment { HttpHandler = new Answering(status, body) }, "get", "dataset:a:b@1", "--server", "http://example.test");

        Assert.Equal(exit, result.Exit);
        Assert.StartsWith(message, result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_relation_this_CLI_does_not_know_from_a_later_server_is_the_server_s_side_exit_4()
    {
        const string Entity = """{"key":"dataset:a:b@1","recordedAt":"2026-06-01T00:00:00Z","updatedAt":"2026-06-01T00:00:00Z"}""";
        var body = """{"data":{"lineage":{"start":""" + Entity + ""","nodes":[],"truncated":false,"nodesVisited":1,"edgesVisited":1,"edges":[""" +
            """{"fromKey":"dataset:a:b@1","toKey":"dataset:a:b@1","relation":"FEEDS_INTO","properties":{},"recordedAt":"2026-06-01T00:00:00Z"}]}}}""";

        var result = await CliHost.RunRawAsync(new CliEnvironment { HttpHandler = new Answering(HttpStatusCode.OK, body) }, "lineage", "dataset:a:b@1", "--server", "http://example.test");

        Assert.Equal(4, result.Exit);
        Assert.StartsWith("lineage: SERVER_ERROR: http://example.test/graphql answered with data this CLI cannot read (The server sent an unknown RelationKind 'FEEDS_INTO'.)", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_that_quotes_a_line_break_or_an_escape_stays_on_one_line()
    {
        var file = Path.Combine(_folder, "forged.jsonl");
        await File.WriteAllTextAsync(file, """{"entities": [{"key": "dataset:a:b@1"}, {"key": "dataset:a:c@1"}], "edges": [{"from": "dataset:a:b@1", "to": "dataset:a:c@1", "relation": "x\nlineage: line 9: FORGED\u001b[2J"}]}""" + "\n");

        var result = await CliHost.RunRawAsync(new CliEnvironment(), "import", file, "--db", Path.Combine(_folder, "forged.db"), "--format", "table");

        Assert.Equal(7, result.Exit);
        var lines = result.Err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Single(lines, l => l.StartsWith("lineage: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("lineage: line 9", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', result.Err + result.Out);
        Assert.Contains("\\u001B[2J", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_into_a_folder_that_does_not_exist_is_a_usage_error_and_makes_no_folder()
    {
        var file = Path.Combine(_folder, "one.jsonl");
        await File.WriteAllTextAsync(file, Batch + "\n");
        var missing = Path.Combine(_folder, "no-such-folder", "deeper");

        var result = await CliHost.RunRawAsync(new CliEnvironment(), "import", file, "--db", Path.Combine(missing, "lineage.db"));

        Assert.Equal(1, result.Exit);
        Assert.Contains("does not exist; create it first", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "no-such-folder")));
    }

    [Fact]
    public async Task Stored_text_in_a_table_stays_on_its_row_and_sends_no_escape_to_the_terminal()
    {
        // Descriptions and properties come from whoever holds a writer key; printed raw, ESC sequences reached the terminal.
        var database = Path.Combine(_folder, "hostile.db");
        var file = Path.Combine(_folder, "hostile.jsonl");
        await File.WriteAllTextAsync(file, """
            {"entities": [{"key": "dataset:s3://lake:a@1", "description": "multi\nline\tdesc \u001b[31mRED\u001b[0m", "tags": ["données"], "properties": {"owner": "Zoë"}}, {"key": "dataset:s3://lake:b@1", "description": "plain gpj.\u202Eexe"}]}
            """ + "\n");
        Assert.Equal(0, (await CliHost.RunRawAsync(new CliEnvironment(), "import", file, "--db", database)).Exit);

        var search = await CliHost.RunRawAsync(new CliEnvironment(), "search", "lake", "--db", database, "--format", "table");
        var get = await CliHost.RunRawAsync(new CliEnvironment(), "get", "dataset:s3://lake:a@1", "--db", database, "--format", "table");

        Assert.Equal((0, 0), (search.Exit, get.Exit));
        Assert.DoesNotContain('\u001b', search.Out + get.Out);
        Assert.Contains(@"multi line\u0009desc \u001B[31mRED\u001B[0m", search.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', search.Out + get.Out);
        Assert.Contains(@"gpj.\u202Eexe", search.Out, StringComparison.Ordinal);
        Assert.Equal(4, search.Out.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length);
        Assert.Contains("""["données"]""", get.Out, StringComparison.Ordinal);
        Assert.Contains("""{"owner":"Zoë"}""", get.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_that_reorder_text_reach_no_terminal_or_log_raw_outside_table_cells_either()
    {
        // Headings, "via" paths, deployment lines and the gate's report on stderr quoted keys raw: a right-to-left
        // override made deployment:prod:evil\u202Eyolped@1 read in a CI log as "...deployed".
        var database = Path.Combine(_folder, "bidi.db");
        var file = Path.Combine(_folder, "bidi.jsonl");
        await File.WriteAllTextAsync(file, """
            {"entities": [{"key": "dataset:s3://clean:start@1"}, {"key": "run:etl:evil\u202Ejob@5f0c6d1e-0000-4000-8000-000000000001"}, {"key": "model:m:evil\u202Eldom@1"}, {"key": "deployment:prod:evil\u202Eyolped@1"}], "edges": [{"from": "dataset:s3://clean:start@1", "to": "run:etl:evil\u202Ejob@5f0c6d1e-0000-4000-8000-000000000001", "relation": "INPUT_TO"}, {"from": "run:etl:evil\u202Ejob@5f0c6d1e-0000-4000-8000-000000000001", "to": "model:m:evil\u202Eldom@1", "relation": "PRODUCED"}, {"from": "model:m:evil\u202Eldom@1", "to": "deployment:prod:evil\u202Eyolped@1", "relation": "DEPLOYED_AS"}]}
            {"entities": [{"key": "deployment:prod:ok\u2028GATE PASSED\u2029@1"}], "edges": [{"from": "model:m:evil\u202Eldom@1", "to": "deployment:prod:ok\u2028GATE PASSED\u2029@1", "relation": "DEPLOYED_AS"}]}
            """ + "\n");
        Assert.Equal(0, (await CliHost.RunRawAsync(new CliEnvironment(), "import", file, "--db", database)).Exit);

        var impact = await CliHost.RunRawAsync(new CliEnvironment(), "impact", "dataset:s3://clean:start@1", "--db", database, "--format", "table", "--fail-on", "Deployment");
        var provenance = await CliHost.RunRawAsync(new CliEnvironment(), "provenance", "model:m:evil\u202Eldom@1", "--db", database, "--format", "table");
        var paths = await CliHost.RunRawAsync(new CliEnvironment(), "paths", "dataset:s3://clean:start@1", "deployment:prod:evil\u202Eyolped@1", "--db", database, "--format", "table");

        Assert.Equal((2, 0, 0), (impact.Exit, provenance.Exit, paths.Exit));
        foreach (var text in new[] { impact.Out, impact.Err, provenance.Out, paths.Out })
        {
            Assert.DoesNotContain('\u202E', text);

            // A line or paragraph separator is a line break to many terminals and log viewers.
            Assert.DoesNotContain('\u2028', text);
            Assert.DoesNotContain('\u2029', text);
        }

        Assert.Contains(@"  deployment:prod:evil\u202Eyolped@1 (depth 3)", impact.Out, StringComparison.Ordinal);
        Assert.Contains(@"DEPLOYMENT deployment:prod:evil\u202Eyolped@1 (depth 3)", impact.Err, StringComparison.Ordinal);
        Assert.Contains(@"  deployment:prod:ok\u2028GATE PASSED\u2029@1 (depth 3)", impact.Out, StringComparison.Ordinal);
        Assert.Contains(@"DEPLOYMENT deployment:prod:ok\u2028GATE PASSED\u2029@1 (depth 3)", impact.Err, StringComparison.Ordinal);
        Assert.Contains(@"Provenance of model:m:evil\u202Eldom@1", provenance.Out, StringComparison.Ordinal);
        Assert.Contains(@"deployment:prod:evil\u202Eyolped@1", paths.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", 5)]
    [InlineData("テーブル", 8)]
    [InlineData("e\u0301te\u0301", 3)]
    [InlineData("🙂ok", 4)]
    [InlineData("🚀", 2)]
    [InlineData("🫠", 2)]
    [InlineData("🇫🇷", 2)]
    [InlineData("❤️", 2)]
    [InlineData("❤", 1)]
    [InlineData("✅", 2)]
    [InlineData("⭐", 2)]
    [InlineData("⚡", 2)]
    [InlineData("⌛", 2)]
    [InlineData("🟢", 2)]
    [InlineData("🀄", 2)]
    [InlineData("🆎", 2)]
    [InlineData("\U0001F6CB", 1)]
    [InlineData("\U0001F6E0", 1)]
    [InlineData("\U0001F6F0", 1)]
    [InlineData("\u2192", 1)]
    [InlineData("\u4DC0", 1)]
    [InlineData("\U0002A6DF", 2)]
    [InlineData("\uFADA", 2)]
    public void A_cell_is_as_wide_as_a_terminal_shows_it(string text, int width) =>
        Assert.Equal(width, Lineage.Graph.Cli.Output.TextTable.Width(text));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Standard input that fails the test if anything reads it.</summary>
    private sealed class Unreadable : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The input was read.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The input was read.");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The input was read.");
    }

    /// <summary>A server, or a proxy in front of one, that gives every request the same answer.</summary>
    private sealed class Answering(HttpStatusCode status, string body) : HttpMessageHandler
    {
        /// <summary>The last request's Authorization header; null before any request.</summary>
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString() ?? "";
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
