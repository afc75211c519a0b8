using System.Net;
using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Lineage.Graph.Neo4j.Tests.QueryApi;

// Time is fake here: the circuit's window and break, and the overall timeout, move only when a test advances the clock.
public sealed class QueryApiClientCircuitTests
{
    private const string Unavailable = "Neo.TransientError.General.DatabaseUnavailable";

    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<QueryApiClient> _logger = new();

    private QueryApiClient Create(ScriptedHandler handler) => Clients.Create(
        handler,
        o =>
        {
            o.MaxRetryAttempts = 2;
            o.RetryBaseDelay = TimeSpan.Zero;
            o.CircuitBreakerMinimumThroughput = 4;
            o.CircuitBreakerFailureRatio = 0.5;
            o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30);
            o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(15);
            o.TimeoutSeconds = 10;
        },
        _logger,
        _time);

    private int Logged(int eventId) => _logger.Collector.GetSnapshot().Count(r => r.Id.Id == eventId);

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_fast_without_calling_the_server()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error(Unavailable));
        var client = Create(handler);

        // Three attempts: below the minimum throughput, so the retries run out first.
        var first = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));
        Assert.IsType<Neo4jException>(first.InnerException);
        Assert.Equal(3, handler.Requests.Count);

        // The fourth failed attempt opens the circuit; the retry after it meets the open circuit and stops.
        var second = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));
        Assert.IsType<BrokenCircuitException>(second.InnerException);
        Assert.Contains("circuit is open", second.Message, StringComparison.Ordinal);
        Assert.Equal(4, handler.Requests.Count);

        var third = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));
        Assert.IsType<BrokenCircuitException>(third.InnerException);
        Assert.Equal(4, handler.Requests.Count);

        var opened = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 102);
        Assert.Equal(LogLevel.Error, opened.Level);
        Assert.Contains(Unavailable, opened.Message, StringComparison.Ordinal);
        Assert.Contains("15 s", opened.Message, StringComparison.Ordinal);

        // The opening is logged once; the calls it refuses are not, so a down Neo4j does not flood the log.
        Assert.Equal(1, Logged(105));
    }

    [Fact]
    public async Task After_the_break_one_probe_reaches_the_server_and_success_closes_the_circuit()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error(Unavailable));
        var client = Create(handler);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));
        var before = handler.Requests.Count;

        handler.Respond(HttpStatusCode.Accepted, Bodies.One(1));
        _time.Advance(TimeSpan.FromSeconds(14));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));
        Assert.Equal(before, handler.Requests.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        var result = await client.RunAsync("RETURN 1 AS n");
        Assert.Single(result.Rows);
        Assert.Equal(before + 1, handler.Requests.Count);
        Assert.Equal(1, Logged(103));
        Assert.Equal(1, Logged(104));

        await client.RunAsync("RETURN 1 AS n");
        Assert.Equal(before + 2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_failed_probe_opens_the_circuit_again()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error(Unavailable));
        var client = Create(handler);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));
        var before = handler.Requests.Count;

        _time.Advance(TimeSpan.FromSeconds(15));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(before + 1, handler.Requests.Count);
        Assert.Equal(2, Logged(102));
        Assert.Equal(0, Logged(104));
    }

    [Fact]
    public async Task Client_errors_never_open_the_circuit()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.ClientError.Statement.SyntaxError"));
        var client = Create(handler);

        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETRUN 1"));
        }

        Assert.Equal(20, handler.Requests.Count);
        Assert.Equal(0, Logged(102));
    }

    [Fact]
    public async Task A_call_that_outlasts_the_overall_timeout_makes_the_store_unavailable()
    {
        var entered = new TaskCompletionSource();
        var handler = new ScriptedHandler().Hang(entered);
        var client = Create(handler);

        var call = client.RunAsync("RETURN 1");
        await entered.Task;
        _time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => call);
        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Contains("no answer within 10 s", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task The_overall_timeout_cuts_a_back_off_short()
    {
        var entered = new TaskCompletionSource();
        var handler = new ScriptedHandler().Then(_ =>
        {
            entered.TrySetResult();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(Bodies.Error(Unavailable)) });
        });
        var client = Clients.Create(handler, o => (o.TimeoutSeconds, o.RetryBaseDelay) = (5, TimeSpan.FromMinutes(1)), _logger, _time);

        // The first back-off is at least 48 s; the 5 s timeout ends the call long before it.
        var call = client.RunAsync("RETURN 1");
        await entered.Task;
        _time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => call);
        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Contains("no answer within 5 s (1 attempt)", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }
}
