using System.Net.Http.Headers;
using System.Text;
using Lineage.Graph.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// Runs Cypher statements through Neo4j's HTTP Query API (<c>POST /db/{database}/query/v2</c>),
/// each in its own auto-commit transaction, behind a timeout, retry and circuit-breaker
/// pipeline. One instance is shared by the whole process: the circuit is its state.
/// </summary>
public sealed class QueryApiClient
{
    /// <summary>The name of the <see cref="HttpClient"/> this client asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "Lineage.Graph.Neo4j.QueryApi";

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly Func<HttpClient> _httpClient;
    private readonly Uri _queryUri;
    private readonly string? _authScheme;
    private readonly string? _authParameter;
    private readonly int _timeoutSeconds;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;

    /// <summary>Creates the client over the named <see cref="HttpClient"/> <see cref="HttpClientName"/>.</summary>
    public QueryApiClient(IHttpClientFactory httpClientFactory, IOptions<Neo4jOptions> options, ILogger<QueryApiClient> logger, TimeProvider timeProvider)
        : this(FromFactory(httpClientFactory), options, logger, timeProvider)
    {
    }

    /// <summary>Creates the client over one <see cref="HttpClient"/> that it uses for every call and does not dispose.</summary>
    public QueryApiClient(HttpClient httpClient, IOptions<Neo4jOptions> options, ILogger<QueryApiClient> logger, TimeProvider timeProvider)
        : this(FromClient(httpClient), options, logger, timeProvider)
    {
    }

    private QueryApiClient(Func<HttpClient> httpClient, IOptions<Neo4jOptions> options, ILogger<QueryApiClient> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var settings = options.Value;
        if (settings.Url is not { IsAbsoluteUri: true } url)
        {
            throw new ArgumentException($"{Neo4jOptions.Section}:Url must be an absolute http or https address.", nameof(options));
        }

        _httpClient = httpClient;
        _queryUri = QueryUri(url, settings.Database);
        (_authScheme, _authParameter) = Authorization(settings);
        _timeoutSeconds = settings.TimeoutSeconds;
        _timeProvider = timeProvider;
        _logger = logger;
        _pipeline = QueryApiPipeline.Build(settings, logger, timeProvider);
    }

    /// <summary>The address every statement is posted to: <c>{Url}/db/{Database}/query/v2</c>.</summary>
    public Uri Endpoint => _queryUri;

    /// <summary>
    /// Runs one statement in its own transaction and returns all its rows. Transient failures
    /// are retried, so a write must be safe to apply twice (a <c>MERGE</c> on a constrained key is).
    /// </summary>
    /// <param name="statement">The Cypher statement.</param>
    /// <param name="parameters">Its parameters: strings, numbers, booleans, null, lists and maps of those.</param>
    /// <param name="mode">Whether the statement writes; a cluster routes reads to any member.</param>
    /// <param name="includeCounters">Whether to ask for <see cref="QueryResult.Counters"/>.</param>
    /// <param name="bookmarks">
    /// Bookmarks of earlier transactions (<see cref="QueryResult.Bookmarks"/>): the member that runs
    /// this statement waits until it has applied them, so the statement sees their changes.
    /// </param>
    /// <param name="cancellationToken">Stops the call, retries included.</param>
    /// <exception cref="Neo4jException">Neo4j refused the statement (a client or database error, bad credentials).</exception>
    /// <exception cref="StoreUnavailableException">
    /// Neo4j cannot be reached, kept failing transiently until the retries ran out, did not answer in
    /// time, answered with something that is not the Query API's, or the circuit is open.
    /// </exception>
    public async Task<QueryResult> RunAsync(
        string statement,
        IReadOnlyDictionary<string, object?>? parameters = null,
        AccessMode mode = AccessMode.Write,
        bool includeCounters = false,
        IReadOnlyCollection<string>? bookmarks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "The access mode is Read or Write.");
        }

        var body = QueryApiRequest.Serialize(statement, parameters, mode, includeCounters, bookmarks);
        var started = _timeProvider.GetTimestamp();
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;

                    // Each attempt gets what is left of the overall timeout, rounded down (17.2 s left is 17), so that
                    // Neo4j ends it no later than the client gives up on it.
                    var left = _timeoutSeconds - _timeProvider.GetElapsedTime(started).TotalSeconds;
                    if (left < 1)
                    {
                        // Neo4j counts whole seconds: an attempt sent now could run, and a write commit, after
                        // the client has given up on it and told its caller the write failed.
                        // A timeout as the overall one is (the store forgets bookmarks sent with a call that timed out).
                        var reason = $"no answer within {_timeoutSeconds} s ({Attempts(attempts - 1)}, and under a second left for another)";
                        throw Unavailable(reason, new TimeoutException(reason));
                    }

                    return await SendOnceAsync(QueryApiRequest.WithTimeLimit(body, (int)Math.Floor(left)), token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            // Not logged: the opening was, and a line per refused call would flood the log while Neo4j is down.
            var reason = e.RetryAfter is { } after
                ? $"the circuit is open after repeated failures, so calls fail at once for another {after.TotalSeconds:0.#} s"
                : "the circuit is open after repeated failures, so calls fail at once";
            throw new StoreUnavailableException($"Neo4j is unavailable: {reason}.", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw Unavailable($"no answer within {_timeoutSeconds} s ({Attempts(attempts)})", e);
        }
        catch (Neo4jException e) when (e.IsTransient)
        {
            throw Unavailable($"{e.Code} on every attempt ({Attempts(attempts)}): {e.ServerMessage}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unavailable($"{QueryApiPipeline.Describe(e)} ({Attempts(attempts)})", e);
        }
    }

    private async ValueTask<QueryResult> SendOnceAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _queryUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(Json);
        if (_authScheme is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(_authScheme, _authParameter);
        }

        using var response = await _httpClient()
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await QueryApiResponse.ReadAsync(response, _queryUri, cancellationToken).ConfigureAwait(false);
    }

    private StoreUnavailableException Unavailable(string reason, Exception? inner)
    {
        _logger.Unavailable(reason);
        return new StoreUnavailableException($"Neo4j is unavailable: {reason}.", inner);
    }

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    private static Uri QueryUri(Uri url, string database)
    {
        // A base URL with a path (a proxy's prefix) keeps it: resolve relative to a trailing slash.
        var root = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        return new Uri(root, $"db/{Uri.EscapeDataString(database)}/query/v2");
    }

    private static (string? Scheme, string? Parameter) Authorization(Neo4jOptions options)
    {
        if (!string.IsNullOrEmpty(options.Token))
        {
            return ("Bearer", options.Token);
        }

        if (!string.IsNullOrEmpty(options.Password))
        {
            return ("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
        }

        // NEO4J_AUTH=none: send no credentials rather than a made-up user.
        return (null, null);
    }

    private static Func<HttpClient> FromFactory(IHttpClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return () => factory.CreateClient(HttpClientName);
    }

    private static Func<HttpClient> FromClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return () => client;
    }
}
