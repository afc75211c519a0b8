using System.Net;
using System.Text;
using System.Text.Json;
using Lineage.Graph.Neo4j.QueryApi;
using Microsoft.Extensions.Time.Testing;

namespace Lineage.Graph.Neo4j.Tests.QueryApi;

public sealed class QueryApiClientRequestTests
{
    [Fact]
    public async Task Statements_are_posted_to_the_query_endpoint_of_the_configured_database()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler, o => o.Database = "lineage");

        await client.RunAsync("RETURN 1 AS n");

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("http://neo4j.test:7474/db/lineage/query/v2"), request.Uri);
        Assert.Equal(request.Uri, client.Endpoint);
    }

    [Theory]
    [InlineData("https://proxy.test/neo4j", "https://proxy.test/neo4j/db/neo4j/query/v2")]
    [InlineData("https://proxy.test/neo4j/", "https://proxy.test/neo4j/db/neo4j/query/v2")]
    [InlineData("http://localhost:7474/", "http://localhost:7474/db/neo4j/query/v2")]
    public void A_base_address_with_a_path_keeps_its_path(string url, string endpoint)
    {
        var client = Clients.Create(new ScriptedHandler(), o => o.Url = new Uri(url));

        Assert.Equal(new Uri(endpoint), client.Endpoint);
    }

    [Fact]
    public void A_database_name_is_escaped_in_the_address()
    {
        var client = Clients.Create(new ScriptedHandler(), o => o.Database = "my db");

        Assert.Equal("/db/my%20db/query/v2", client.Endpoint.AbsolutePath);
    }

    [Fact]
    public async Task The_body_holds_the_statement_the_parameters_the_access_mode_and_the_counters_flag()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler);
        var parameters = new Dictionary<string, object?>
        {
            ["key"] = "dataset:s3://lake:events@v1",
            ["depth"] = 12L,
            ["ratio"] = 0.25,
            ["active"] = true,
            ["missing"] = null,
            ["rows"] = new List<object?>
            {
                new Dictionary<string, object?> { ["key"] = "a", ["props"] = new Dictionary<string, object?> { ["tags"] = new[] { "x", "y" } } },
                new Dictionary<string, object?> { ["key"] = "b", ["props"] = null },
            },
        };

        await client.RunAsync("UNWIND $rows AS row MERGE (n:Dataset {key: row.key})", parameters, AccessMode.Write, includeCounters: true);

        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body);
        var root = body.RootElement;
        Assert.Equal("UNWIND $rows AS row MERGE (n:Dataset {key: row.key})", root.GetProperty("statement").GetString());
        Assert.Equal("Write", root.GetProperty("accessMode").GetString());
        Assert.True(root.GetProperty("includeCounters").GetBoolean());

        // Neo4j ends the transaction by the time the client's overall timeout (30 s by default) has passed:
        // the whole seconds left of it when the attempt is sent.
        Assert.InRange(root.GetProperty("maxExecutionTime").GetInt32(), 29, 30);
        var p = root.GetProperty("parameters");
        Assert.Equal("dataset:s3://lake:events@v1", p.GetProperty("key").GetString());
        Assert.Equal(12L, p.GetProperty("depth").GetInt64());
        Assert.Equal(0.25, p.GetProperty("ratio").GetDouble());
        Assert.True(p.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, p.GetProperty("missing").ValueKind);
        var rows = p.GetProperty("rows");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal("a", rows[0].GetProperty("key").GetString());
        Assert.Equal("y", rows[0].GetProperty("props").GetProperty("tags")[1].GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("props").ValueKind);
    }

    [Fact]
    public async Task A_retry_is_given_only_what_is_left_of_the_overall_timeout()
    {
        var clock = new FakeTimeProvider();
        var handler = new ScriptedHandler()
            .Then(_ =>
            {
                // The first attempt takes 12.2 s and fails in a way worth another.
                clock.Advance(TimeSpan.FromSeconds(12.2));
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(Bodies.Error("Neo.TransientError.Transaction.DeadlockDetected", "try again")) });
            })
            .Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler, o => o.RetryBaseDelay = TimeSpan.Zero, timeProvider: clock);

        await client.RunAsync("RETURN 1 AS n");

        Assert.Equal([30, 17], handler.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("maxExecutionTime").GetInt32()));
    }

    [Fact]
    public async Task No_attempt_is_sent_with_under_a_second_of_the_overall_timeout_left()
    {
        // Neo4j takes whole seconds; an attempt sent with 0.6 s left was told 1, and could commit after the caller heard it failed.
        var clock = new FakeTimeProvider();
        var handler = new ScriptedHandler()
            .Then(_ =>
            {
                clock.Advance(TimeSpan.FromSeconds(29.4));
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(Bodies.Error("Neo.TransientError.Transaction.DeadlockDetected", "try again")) });
            })
            .Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler, o => o.RetryBaseDelay = TimeSpan.Zero, timeProvider: clock);

        var error = await Assert.ThrowsAsync<Core.StoreUnavailableException>(() => client.RunAsync("RETURN 1 AS n"));

        Assert.Single(handler.Requests);
        Assert.Contains("under a second left for another", error.Message, StringComparison.Ordinal);

        // A timeout, as the overall one is: the store forgets bookmarks sent with a call that ended so (a BookmarkTimeout
        // shortly before the deadline, say).
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task The_shortest_overall_timeout_still_sends_its_first_attempt()
    {
        // On the real clock some time has always passed when the attempt is built: with 1 s allowed it had
        // under a second left and was never sent. 2 s is the least the options allow; it leaves Neo4j 1 s.
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler, o => o.TimeoutSeconds = 2, timeProvider: TimeProvider.System);

        await client.RunAsync("RETURN 1 AS n");

        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body);
        Assert.Equal(1, body.RootElement.GetProperty("maxExecutionTime").GetInt32());
    }

    [Theory]
    [InlineData(AccessMode.Read, "Read")]
    [InlineData(AccessMode.Write, "Write")]
    public async Task The_access_mode_is_sent_by_name(AccessMode mode, string expected)
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler);

        await client.RunAsync("RETURN 1 AS n", mode: mode);

        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body);
        Assert.Equal(expected, body.RootElement.GetProperty("accessMode").GetString());
        Assert.False(body.RootElement.GetProperty("includeCounters").GetBoolean());
        Assert.False(body.RootElement.TryGetProperty("parameters", out _));
        Assert.False(body.RootElement.TryGetProperty("bookmarks", out _));
    }

    [Fact]
    public async Task Bookmarks_are_sent_for_the_statement_to_wait_on()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler);

        await client.RunAsync("RETURN 1 AS n", mode: AccessMode.Read, bookmarks: ["FB:one", "FB:two"]);

        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body);
        Assert.Equal(["FB:one", "FB:two"], body.RootElement.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public async Task Basic_authentication_sends_the_user_and_password_in_base64()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler, o => (o.User, o.Password) = ("lineage", "pässword:1"));

        await client.RunAsync("RETURN 1 AS n");

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("lineage:pässword:1"));
        Assert.Equal(expected, Assert.Single(handler.Requests).Authorization);
    }

    [Fact]
    public async Task A_bearer_token_is_sent_instead_of_the_password()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler, o => o.Token = "eyJ.token.sig");

        await client.RunAsync("RETURN 1 AS n");

        Assert.Equal("Bearer eyJ.token.sig", Assert.Single(handler.Requests).Authorization);
    }

    [Fact]
    public async Task Without_a_password_or_token_no_credentials_are_sent()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler, o => o.Password = null);

        await client.RunAsync("RETURN 1 AS n");

        Assert.Null(Assert.Single(handler.Requests).Authorization);
    }

    [Fact]
    public async Task The_request_is_json_and_asks_for_plain_json()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler);

        await client.RunAsync("RETURN 1 AS n");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("application/json", request.Accept);
        Assert.Equal("application/json", request.ContentType);
    }

    [Fact]
    public async Task An_empty_statement_is_refused_before_anything_is_sent()
    {
        var handler = new ScriptedHandler();
        var client = Clients.Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.RunAsync(" "));

        Assert.Empty(handler.Requests);
    }
}
