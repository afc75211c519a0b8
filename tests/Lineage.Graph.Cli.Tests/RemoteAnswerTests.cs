using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Answers that are not a Lineage.Graph server's success or refusal: a web page, a failed server or gateway, data of the wrong shape.</summary>
public sealed class RemoteAnswerTests
{
    [Fact]
    public async Task A_web_page_instead_of_graphql_is_unreachable_4()
    {
        var result = await RunAsync(new StubHandler(HttpStatusCode.OK, "<html>Welcome</html>", "text/html"));

        Assert.Equal(4, result.Exit);
        Assert.Equal(
            "lineage: SERVER_UNREACHABLE: http://example.test/graphql answered 200 OK without a GraphQL answer; is it a Lineage.Graph server?\n",
            result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_gateway_error_is_a_server_error_4()
    {
        var result = await RunAsync(new StubHandler(HttpStatusCode.BadGateway, "Bad gateway", "text/plain"));

        Assert.Equal(4, result.Exit);
        Assert.Equal(
            "lineage: SERVER_ERROR: http://example.test/graphql answered 502 Bad Gateway; its log should say why.\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_server_that_fails_without_a_body_is_a_server_error_4_not_unreachable()
    {
        var result = await RunAsync(new StubHandler(HttpStatusCode.InternalServerError, ""));

        Assert.Equal(4, result.Exit);
        Assert.Equal(
            "lineage: SERVER_ERROR: http://example.test/graphql answered 500 Internal Server Error; its log should say why.\n",
            result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_server_error_names_the_code_and_message_its_body_carried()
    {
        var body = """{"errors": [{"message": "Internal error; the server log has the details.", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}""";

        var result = await RunAsync(new StubHandler(HttpStatusCode.InternalServerError, body));

        Assert.Equal(4, result.Exit);
        Assert.Equal(
            "lineage: SERVER_ERROR: http://example.test/graphql answered 500 Internal Server Error: INTERNAL_SERVER_ERROR: Internal error; the server log has the details.\n",
            result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_server_error_stops_an_import()
    {
        var result = await ImportAgainstFirstThenDownAsync("json", """
            {"entities": [{"key": "dataset:file:one@1"}]}
            {"entities": [{"key": "dataset:file:two@1"}]}
            """);

        // The failure's own exit code, and the summary of what went in before it, so the user knows where it stopped.
        Assert.Equal(4, result.Exit);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((1, 1, 0), (summary["changed"]!.GetValue<int>(), summary["entitiesCreated"]!.GetValue<int>(), summary["failed"]!.GetValue<int>()));
        Assert.Equal(("line 2", "SERVER_ERROR"), (summary["stopped"]!["position"]!.GetValue<string>(), summary["stopped"]!["code"]!.GetValue<string>()));
        Assert.EndsWith(
            "lineage: SERVER_ERROR: http://example.test/graphql answered 503 Service Unavailable; its log should say why. (import stopped at line 2)\n",
            result.Err.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_unavailable_error_from_the_server_is_4()
    {
        var body = """{"errors": [{"message": "The database is locked; try again.", "extensions": {"code": "STORE_UNAVAILABLE"}}], "data": null}""";

        var result = await RunAsync(new StubHandler(HttpStatusCode.OK, body));

        Assert.Equal(4, result.Exit);
        Assert.Equal("lineage: STORE_UNAVAILABLE: The database is locked; try again.\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("USAGE")]
    [InlineData("INTERRUPTED")]
    [InlineData("SERVER_UNREACHABLE")]
    public async Task A_server_giving_one_of_the_clis_own_codes_is_a_server_error_4(string code)
    {
        // The CLI's own codes say what happened on its side: from a server, USAGE would exit 1 as a bad command
        // line, INTERRUPTED 130 as a Ctrl-C.
        var body = $$$"""{"errors": [{"message": "odd", "extensions": {"code": "{{{code}}}"}}], "data": null}""";

        var result = await RunAsync(new StubHandler(HttpStatusCode.OK, body));

        Assert.Equal(4, result.Exit);
        Assert.Equal($"lineage: SERVER_ERROR: http://example.test/graphql answered 200 OK: {code}: odd\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_complexity_refusal_from_a_server_with_a_tight_budget_is_6()
    {
        var body = """{"errors": [{"message": "Query is too complex to execute. Complexity is 22256; maximum allowed on this endpoint is 10000.", "extensions": {"code": "COMPLEXITY"}}]}""";

        var result = await CliHost.RunRawAsync(
            new CliEnvironment { HttpHandler = new StubHandler(HttpStatusCode.OK, body) }, ["search", "churn", "--limit", "500", "--server", "http://example.test"]);

        Assert.Equal(6, result.Exit);
        Assert.Equal(
            "lineage: COMPLEXITY: Query is too complex to execute. Complexity is 22256; maximum allowed on this endpoint is 10000.\n", result.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_answer_of_the_wrong_shape_is_the_servers_failure_4_in_one_line()
    {
        var result = await RunAsync(new StubHandler(HttpStatusCode.OK, """{"data": {}}"""));

        Assert.Equal(4, result.Exit);
        Assert.StartsWith("lineage: SERVER_ERROR: http://example.test/graphql answered with data this CLI cannot read", result.Err, StringComparison.Ordinal);
        Assert.Single(result.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task An_internal_error_is_70_in_one_line_and_verbose_shows_where_it_happened()
    {
        var result = await RunAsync(new FailingHandler());
        var verbose = await RunAsync(new FailingHandler(), "--verbose");

        Assert.Equal(70, result.Exit);
        Assert.StartsWith("lineage: internal error: NotSupportedException: ", result.Err, StringComparison.Ordinal);
        Assert.EndsWith("(--verbose shows where)\n", result.Err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.Equal(70, verbose.Exit);
        Assert.Contains("   at ", verbose.Err, StringComparison.Ordinal);

        // After "--", --verbose is a search's text, not the option.
        var searched = await CliHost.RunRawAsync(new CliEnvironment { HttpHandler = new FailingHandler() }, ["search", "--server", "http://example.test", "--", "--verbose"]);
        Assert.Equal(70, searched.Exit);
        Assert.DoesNotContain("   at ", searched.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"item": "entities[0]", "message": null, "code": "INVALID_INPUT"}""")]
    [InlineData("""{"item": "entities[0]", "message": "bad", "code": null}""")]
    [InlineData("""{"item": "entities[0]", "message": "bad", "code": "SOMETHING_NEW"}""")]
    [InlineData("""{"item": "entities[0]", "message": "bad", "code": "INTERRUPTED"}""")]
    [InlineData("""{"item": "entities[0]", "message": "bad", "code": "USAGE"}""")]
    [InlineData("""{"message": 12, "code": "INVALID_INPUT"}""")]
    [InlineData("\"bad\"")]
    public async Task An_item_error_the_cli_cannot_read_stops_an_import_as_a_server_error_4(string error)
    {
        var body = """{"data":{"recordEntities":{"entitiesCreated":0,"entitiesUpdated":0,"entitiesUnchanged":0,"edgesCreated":0,"edgesUnchanged":0,"errors":[""" + error + "]}}}";
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """{"entities": [{"key": "dataset:file:one@1"}]}""" + "\n");
            var result = await CliHost.RunRawAsync(
                new CliEnvironment { HttpHandler = new StubHandler(HttpStatusCode.OK, body) }, ["import", file, "--server", "http://example.test", "--format", "json"]);

            Assert.True(result.Exit == 4, result.Err);
            Assert.Contains("lineage: SERVER_ERROR: http://example.test/graphql answered an item error this CLI cannot read", result.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Task<CliResult> RunAsync(HttpMessageHandler handler, params string[] extra) =>
        CliHost.RunRawAsync(new CliEnvironment { HttpHandler = handler }, ["get", TestGraph.ModelV1, "--server", "http://example.test", .. extra]);

    [Fact]
    public async Task A_stopped_import_counts_apart_what_went_in_and_what_failed_before_it()
    {
        var result = await ImportAgainstFirstThenDownAsync("table", """
            {"entities": [{"key": "nope"}]}
            {"entities": [{"key": "dataset:file:one@1"}]}
            {"entities": [{"key": "dataset:file:two@1"}]}
            """);

        Assert.Equal(4, result.Exit);
        var lines = result.Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("3 items, 1 changed the graph, 0 already stored, 1 failed", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("stopped at line 3: SERVER_ERROR: ", lines[^2], StringComparison.Ordinal);
        Assert.Equal("2 items came before it: 1 went in and 1 failed; run the same import again to go on (stored items come back unchanged)", lines[^1]);
        Assert.Single(result.Err.ReplaceLineEndings("\n").Split('\n'), line => line.EndsWith("(import stopped at line 3)", StringComparison.Ordinal));
    }

    /// <summary>Imports the lines, in the output format given, into a server that takes the first request and then answers 503.</summary>
    private static async Task<CliResult> ImportAgainstFirstThenDownAsync(string format, string lines)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, lines);
            return await CliHost.RunRawAsync(
                new CliEnvironment { HttpHandler = new FirstThenDown() },
                ["import", file, "--server", "http://example.test", "--format", format]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A server that writes the first batch and then answers 503 to everything.</summary>
    private sealed class FirstThenDown : HttpMessageHandler
    {
        private int _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Interlocked.Increment(ref _requests) == 1
                ? new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(
                        """{"data":{"recordEntities":{"entitiesCreated":1,"entitiesUpdated":0,"entitiesUnchanged":0,"edgesCreated":0,"edgesUnchanged":0,"errors":[]}}}""",
                        Encoding.UTF8,
                        "application/json"),
                }
                : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("") });
    }

    /// <summary>A handler that fails in a way no code path expects: what an internal error of the CLI looks like.</summary>
    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("a failure nothing expects");
    }
}
