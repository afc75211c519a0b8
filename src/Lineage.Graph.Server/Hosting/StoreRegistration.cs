using Lineage.Graph.Core;
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
        services.AddOptions<LineageOptions>().BindConfiguration(LineageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SqliteStoreOptions>().BindConfiguration("Lineage:Sqlite").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TraversalLimits>().BindConfiguration("Lineage:Traversal").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TraversalLimits>>().Value);
        services.AddSingleton<ILineageStore>(sp => sp.GetRequiredService<IOptions<LineageOptions>>().Value.Store switch
        {
            "Sqlite" => SqliteLineageStore.Open(
                sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
                sp.GetRequiredService<TraversalLimits>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SqliteLineageStore>>()),
            var other => throw new OptionsValidationException(
                "Lineage:Store", typeof(LineageOptions), [$"Lineage:Store '{other}' is not available in this build; use Sqlite."]),
        });
        services.AddSingleton(sp => new LineageReports(sp.GetRequiredService<ILineageStore>(), sp.GetRequiredService<TraversalLimits>()));
        return builder;
    }
}
