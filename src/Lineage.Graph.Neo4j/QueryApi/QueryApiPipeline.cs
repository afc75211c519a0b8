using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// The resilience pipeline around one whole call (send, read, parse), outermost first: the
/// overall timeout, the retry, the circuit breaker. The breaker sits inside the retry so that
/// it counts every attempt, and the retry leaves its <see cref="BrokenCircuitException"/>
/// alone so that an open circuit fails the call at once instead of waiting out the back-off.
/// </summary>
internal static class QueryApiPipeline
{
    public static ResiliencePipeline Build(Neo4jOptions options, ILogger logger, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder { Name = "Neo4jQueryApi", TimeProvider = timeProvider };
        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
        if (options.MaxRetryAttempts > 0)
        {
            var baseDelay = options.RetryBaseDelay;
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Exception, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryDelay(baseDelay, args.AttemptNumber, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    logger.Retrying(args.AttemptNumber + 1, Describe(args.Outcome.Exception), (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,

            // Only what the retry would retry counts as a failure: a syntax error says nothing about Neo4j's health.
            ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Exception, args.Context.CancellationToken)),
            OnOpened = args =>
            {
                logger.CircuitOpened(Describe(args.Outcome.Exception), args.BreakDuration.TotalSeconds);
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                logger.CircuitHalfOpened();
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                logger.CircuitClosed();
                return ValueTask.CompletedTask;
            },
        });
        return builder.Build();
    }

    /// <summary>
    /// Whether an attempt's failure is worth another: a retryable Neo4j code, a connection
    /// failure (no response, or a response cut short), a 502/503/504 from a proxy, or the
    /// HTTP client's own timeout. Never a client error, and never the caller's cancellation.
    /// </summary>
    public static bool IsRetryable(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        Neo4jException neo4j => neo4j.IsTransient,
        HttpRequestException http => http.StatusCode is null or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        IOException => true,
        OperationCanceledException { InnerException: TimeoutException } => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>
    /// The drivers' back-off: <paramref name="baseDelay"/> doubled for each earlier retry, then
    /// moved up to 20% either way by <paramref name="random"/> (0 to 1) so that many clients
    /// do not retry in step. <paramref name="attempt"/> counts from 0.
    /// </summary>
    public static TimeSpan RetryDelay(TimeSpan baseDelay, int attempt, double random)
    {
        var jitter = 1 + (0.2 * ((2 * random) - 1));
        return TimeSpan.FromTicks((long)(baseDelay.Ticks * Math.Pow(2, attempt) * jitter));
    }

    /// <summary>A few words on a failure, for the log and for the message of the exception the caller gets.</summary>
    public static string Describe(Exception? exception) => exception switch
    {
        null => "no exception",
        Neo4jException neo4j => neo4j.Code,
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException http => $"connection failure: {http.Message}",
        IOException io => $"connection lost: {io.Message}",
        OperationCanceledException { InnerException: TimeoutException } => "the HTTP client timed out",
        _ => exception.GetType().Name,
    };
}
