using Lineage.Graph.Core;
using Lineage.Graph.Neo4j;
using Lineage.Graph.Neo4j.QueryApi;
using Lineage.Graph.Sqlite;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Hosting;

/// <summary>Chooses and opens the store from configuration.</summary>
public static class StoreRegistration
{
    public static WebApplicationBuilder AddLineageStore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSettings<LineageOptions>(LineageOptions.Section);
        services.AddSettings<TraversalLimits>(TraversalLimits.Section);
        // The stores' recorded and retired times must not go back with a clock stepped back (MonotonicClock).
        services.AddSingleton<TimeProvider>(new MonotonicClock(TimeProvider.System));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TraversalLimits>>().Value);

        // Compared as LineageOptions checks it (case and all), so that a store name it refuses does not also
        // have the Neo4j section checked; each store's section is checked only when that store is chosen.
        if (string.Equals(builder.Configuration["Lineage:Store"], "Neo4j", StringComparison.Ordinal))
        {
            // Only a Neo4j deployment needs (and validates at start) the Lineage:Neo4j section, and it walks at most
            // Neo4jLineageStore.MaxDepthCap hops: a higher cap is a bad setting, named with the others before the store is made.
            services.AddNeo4jQueryApi();
            services.AddOptions<TraversalLimits>().Validate(
                limits => limits.MaxDepthCap <= Neo4jLineageStore.MaxDepthCap,
                $"{TraversalLimits.Section}:{nameof(TraversalLimits.MaxDepthCap)} is at most {Neo4jLineageStore.MaxDepthCap} with Lineage:Store Neo4j: the Neo4j store walks at most {Neo4jLineageStore.MaxDepthCap} hops.");
            services.AddSingleton<ILineageStore>(sp => new Neo4jLineageStore(
                sp.GetRequiredService<QueryApiClient>(),
                sp.GetRequiredService<TraversalLimits>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<Neo4jLineageStore>>()));
        }
        else
        {
            services.AddSettings<SqliteStoreOptions>(SqliteStoreOptions.Section);
            services.AddSingleton<ILineageStore>(sp => SqliteLineageStore.Open(
                sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
                sp.GetRequiredService<TraversalLimits>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SqliteLineageStore>>()));
        }

        services.AddSingleton(sp => new LineageReports(sp.GetRequiredService<ILineageStore>(), sp.GetRequiredService<TraversalLimits>()));
        return builder;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, checked when the host starts by <see cref="SettingsValidator{TOptions}"/>.</summary>
    internal static void AddSettings<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(section));
    }
}
