using Lineage.Graph.Core;
using Lineage.Graph.Neo4j;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Hosting;

/// <summary>What happens between building the host and serving: opening the store, seeding, saying where to connect.</summary>
public static partial class Startup
{
    public static async Task PrepareLineageAsync(this WebApplication app, bool seedDemo)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Opening the store here, not on the first request, makes a bad path or file stop the host at once.
        var store = app.Services.GetRequiredService<ILineageStore>();
        if (store is Neo4jLineageStore neo4j)
        {
            await neo4j.InitializeAsync(app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lineage.Graph.Server");
        if (seedDemo)
        {
            await DemoGraph.WriteAsync(store).ConfigureAwait(false);
            LogSeeded(logger, DemoGraph.RawEventsNext.ToString());
        }

        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.AllowAnonymousRead)
        {
            LogAnonymous(logger, app.Environment.EnvironmentName);
        }

        // A server without keys starts as one with them, and only its 401s would say why.
        if (auth.ApiKeys.Count == 0)
        {
            LogNoKeys(logger, auth.AllowAnonymousRead ? "queries are answered, but every write is refused (401)" : "every query and write is refused (401)");
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                LogListening(logger, $"{url.TrimEnd('/')}/graphql");
            }
        });
    }

    /// <summary>
    /// Checks every setting and the addresses to listen on (<see cref="ListenUrls"/>) together, so that
    /// each problem is named at once; throws an <see cref="OptionsValidationException"/> holding them all.
    /// </summary>
    public static void ValidateSettings(WebApplication app)
    {
        List<string> problems = [.. ListenUrls.Problems(app.Configuration[WebHostDefaults.ServerUrlsKey])];
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (Problems(ex) is { } settings && problems.Count > 0)
        {
            problems.AddRange(settings);
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(WebHostDefaults.ServerUrlsKey, typeof(string), problems);
        }
    }

    /// <summary>
    /// What stops the host, one message each, when it is a problem of its settings, its store or
    /// its port (settings checked together fail together, each bad setting on a line of its own);
    /// null for anything else, which is a bug and keeps its stack trace.
    /// </summary>
    public static IReadOnlyList<string>? Problems(Exception exception) => exception switch
    {
        OptionsValidationException settings => [.. settings.Failures],
        InvalidOperationException or IOException or LineageException => [exception.Message],
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) => [.. all.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)],
        _ => null,
    };

    [LoggerMessage(1, LogLevel.Information, "Lineage.Graph GraphQL endpoint (and Banana Cake Pop in a browser): {Url}")]
    private static partial void LogListening(ILogger logger, string url);

    [LoggerMessage(2, LogLevel.Information, "Demo graph written; try the impact of {Key}")]
    private static partial void LogSeeded(ILogger logger, string key);

    [LoggerMessage(3, LogLevel.Warning, "Anonymous read is ON ({Environment} configuration): anyone who reaches this server can query it")]
    private static partial void LogAnonymous(ILogger logger, string environment);

    [LoggerMessage(4, LogLevel.Warning, "No API keys are configured (Lineage:Auth:ApiKeys): {Consequence}")]
    private static partial void LogNoKeys(ILogger logger, string consequence);
}
