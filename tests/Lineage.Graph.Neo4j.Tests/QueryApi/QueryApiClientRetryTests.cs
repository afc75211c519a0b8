using System.Net;
using System.Net.Sockets;
using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Lineage.Graph.Neo4j.Tests.QueryApi;

// The clients here retry 3 times (4 attempts) 1 ms apart; the circuit needs 10 attempts to open, so it stays out of the way.
public sealed class QueryApiClientRetryTests
{
    public static TheoryData<string> RetryableCodes =>
    [
        "Neo.TransientError.Transaction.DeadlockDetected",
        "Neo.TransientError.Transaction.LockAcquisitionTimeout",
        "Neo.TransientError.General.DatabaseUnavailable",
        "Neo.TransientError.Cluster.ReplicationFailure",
        "Neo.ClientError.Cluster.NotALeader",
        "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
        "Neo.ClientError.Security.AuthorizationExpired",
    ];

    public static TheoryData<string> NonRetryableCodes =>
    [
        "Neo.ClientError.Statement.SyntaxError",
        "Neo.ClientError.Schema.ConstraintValidationFailed",
        "Neo.ClientError.Security.Unauthorized",
        "Neo.ClientError.Transaction.TransactionTimedOut",
        "Neo.TransientError.Transaction.Terminated",
        "Neo.TransientError.Transaction.LockClientStopped",
        "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
        "Neo.DatabaseError.General.UnknownError",
        "Neo.DatabaseError.Statement.ExecutionFailed",
    ];

    [Theory]
    [MemberData(nameof(RetryableCodes))]
    public async Task A_retryable_code_is_retried_until_the_attempts_run_out_then_the_store_is_unavailable(string code)
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error(code, "try again"));
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Contains(code, error.Message, StringComparison.Ordinal);
        Assert.Contains("4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(code, Assert.IsType<Neo4jException>(error.InnerException).Code);
        Assert.True(error.IsStoreRefusal);
    }

    [Theory]
    [MemberData(nameof(NonRetryableCodes))]
    public async Task A_non_retryable_code_fails_after_exactly_one_attempt(string code)
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error(code, "no"));
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(code, error.Code);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [MemberData(nameof(RetryableCodes))]
    public void Retryable_codes_are_recognised(string code) => Assert.True(Neo4jErrors.IsRetryable(code));

    [Theory]
    [MemberData(nameof(NonRetryableCodes))]
    public void Non_retryable_codes_are_recognised(string code) => Assert.False(Neo4jErrors.IsRetryable(code));

    [Fact]
    public async Task A_transient_error_followed_by_success_returns_the_success()
    {
        var handler = new ScriptedHandler()
            .Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.TransientError.Transaction.DeadlockDetected"))
            .Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.ClientError.Cluster.NotALeader"))
            .Respond(HttpStatusCode.Accepted, Bodies.One(42));
        var client = Clients.Create(handler);

        var result = await client.RunAsync("RETURN 42 AS n");

        Assert.Equal(42, result.Rows[0][0].GetInt32());
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task A_transient_error_inside_a_202_body_is_retried()
    {
        var handler = new ScriptedHandler()
            .Respond(HttpStatusCode.Accepted, """{"data":{"fields":["n"],"values":[[1]]},"errors":[{"code":"Neo.TransientError.General.TransactionMemoryLimit","message":"full"}]}""")
            .Respond(HttpStatusCode.Accepted, Bodies.One(7));
        var client = Clients.Create(handler);

        var result = await client.RunAsync("RETURN 7 AS n");

        Assert.Equal(7, result.Rows[0][0].GetInt32());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Every_attempt_sends_the_same_request()
    {
        var handler = new ScriptedHandler()
            .Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.TransientError.Transaction.DeadlockDetected"))
            .Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler);

        await client.RunAsync("MERGE (n:Dataset {key: $key})", new Dictionary<string, object?> { ["key"] = "a" });

        var requests = handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0], requests[1]);
    }

    [Fact]
    public async Task A_connection_failure_is_retried()
    {
        var handler = new ScriptedHandler()
            .Throw(() => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (neo4j.test:7474)", new SocketException((int)SocketError.ConnectionRefused)))
            .Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler);

        var result = await client.RunAsync("RETURN 1 AS n");

        Assert.Single(result.Rows);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_makes_the_store_unavailable_after_every_attempt()
    {
        var handler = new ScriptedHandler()
            .Throw(() => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (neo4j.test:7474)", new SocketException((int)SocketError.ConnectionRefused)));
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Contains("connection failure", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_connection_dropped_while_reading_the_answer_is_retried()
    {
        var handler = new ScriptedHandler()
            .Throw(() => new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."))
            .Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler);

        await client.RunAsync("RETURN 1 AS n");

        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Gateway_failures_are_retried(HttpStatusCode status)
    {
        var handler = new ScriptedHandler()
            .Respond(status, "<html>upstream unavailable</html>", "text/html")
            .Respond(HttpStatusCode.Accepted, Bodies.One(1));
        var client = Clients.Create(handler);

        await client.RunAsync("RETURN 1 AS n");

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_gateway_failure_on_every_attempt_names_the_status()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.ServiceUnavailable);
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Contains("HTTP 503 (4 attempts)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task Other_statuses_without_a_neo4j_error_are_not_retried(HttpStatusCode status)
    {
        var handler = new ScriptedHandler().Respond(status, "oops", "text/plain");
        var client = Clients.Create(handler);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task No_retries_are_made_when_they_are_turned_off()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.TransientError.Transaction.DeadlockDetected"));
        var client = Clients.Create(handler, o => o.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Single(handler.Requests);
        Assert.Contains("1 attempt)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_retry_count_is_five()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.TransientError.Transaction.DeadlockDetected"));
        var client = Clients.Create(handler, o => o.MaxRetryAttempts = new Neo4jOptions().MaxRetryAttempts);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(6, handler.Requests.Count);
    }

    [Fact]
    public async Task Each_retry_is_logged_with_its_attempt_delay_and_code()
    {
        var logger = new FakeLogger<QueryApiClient>();
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.TransientError.Transaction.DeadlockDetected"));
        var client = Clients.Create(handler, logger: logger);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        var retries = logger.Collector.GetSnapshot().Where(r => r.Id.Id == 101).ToList();
        Assert.Equal(3, retries.Count);
        Assert.All(retries, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.All(retries, r => Assert.Contains("Neo.TransientError.Transaction.DeadlockDetected", r.Message, StringComparison.Ordinal));
        Assert.Equal(["1", "2", "3"], retries.Select(r => r.StructuredState!.Single(s => s.Key == "Attempt").Value));
        Assert.All(retries, r => Assert.Contains(r.StructuredState!, s => s.Key == "DelayMilliseconds"));
        var unavailable = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 105);
        Assert.Contains("4 attempts", unavailable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_error_is_not_logged_as_a_retry()
    {
        var logger = new FakeLogger<QueryApiClient>();
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.ClientError.Statement.SyntaxError"));
        var client = Clients.Create(handler, logger: logger);

        await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETURN"));

        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Theory]
    [InlineData(0, 0.0, 800)]
    [InlineData(0, 0.5, 1000)]
    [InlineData(0, 1.0, 1200)]
    [InlineData(1, 0.5, 2000)]
    [InlineData(3, 0.5, 8000)]
    [InlineData(4, 0.0, 12800)]
    public void Back_off_doubles_from_the_base_delay_with_twenty_percent_jitter(int attempt, double random, int milliseconds)
    {
        var delay = QueryApiPipeline.RetryDelay(TimeSpan.FromSeconds(1), attempt, random);

        Assert.Equal(milliseconds, delay.TotalMilliseconds, precision: 6);
    }

    [Fact]
    public async Task The_callers_cancellation_is_neither_retried_nor_reported_as_unavailable()
    {
        using var cancellation = new CancellationTokenSource();
        var entered = new TaskCompletionSource();
        var handler = new ScriptedHandler().Hang(entered);
        var client = Clients.Create(handler);

        var call = client.RunAsync("RETURN 1", cancellationToken: cancellation.Token);
        await entered.Task;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(handler.Requests);
    }
}
