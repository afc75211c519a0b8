using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>Wires the Query API client into a service collection.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="Neo4jOptions"/> from <paramref name="section"/> and validates them when the
    /// host starts, registers the named <see cref="HttpClient"/> and the client as a singleton.
    /// </summary>
    public static IServiceCollection AddNeo4jQueryApi(this IServiceCollection services, string section = Neo4jOptions.Section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);

        services.AddOptions<Neo4jOptions>().BindConfiguration(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Neo4jOptions>>(new Neo4jOptionsValidator(section)));

        // The pipeline's overall timeout governs each call; HttpClient's own 100 s would only cut it short.
        services.AddHttpClient(QueryApiClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new QueryApiClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<Neo4jOptions>>(),
            sp.GetRequiredService<ILogger<QueryApiClient>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
