using Lineage.Graph.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Neo4j.Tests.QueryApi;

internal static class Clients
{
    public static readonly Uri Url = new("http://neo4j.test:7474");

    /// <summary>A client over <paramref name="handler"/> with 3 retries 1 ms apart, so retry tests stay fast.</summary>
    public static QueryApiClient Create(
        ScriptedHandler handler,
        Action<Neo4jOptions>? configure = null,
        ILogger<QueryApiClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        var options = new Neo4jOptions
        {
            Url = Url,
            Password = "s3cret pass",
            MaxRetryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        configure?.Invoke(options);
        return new QueryApiClient(
            new HttpClient(handler),
            Options.Create(options),
            logger ?? NullLogger<QueryApiClient>.Instance,
            timeProvider ?? TimeProvider.System);
    }
}
