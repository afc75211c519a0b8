using Lineage.Graph.Core;
using Lineage.Graph.Server.Hosting;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// <c>/healthz</c> for probes, which hold no key: 200 while the store answers, 503 while it is
/// degraded, so that a probe reading only the status sees a failing store. Anyone gets the status,
/// the store's name and its counts; the store's own description, which names a database path or
/// repeats a driver's error text, only a caller with a valid key (and the server log).
/// </summary>
internal static partial class HealthEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ILineageStore store, ApiKeyAuthenticator authenticator, ILoggerFactory loggers)
    {
        var health = await store.CheckHealthAsync(context.RequestAborted).ConfigureAwait(false);
        if (health.Status != StoreStatus.Healthy)
        {
            LogDegraded(loggers.CreateLogger(typeof(HealthEndpoint).FullName!), health.Store, health.Description);
        }

        var statusCode = health.Status == StoreStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            // A probe's HEAD: the status alone, as a GET would give it, without the error body that the
            // status code pages would write for a 503 without one.
            context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
            return Results.StatusCode(statusCode);
        }

        var caller = authenticator.Authenticate(context.Request);
        var description = caller is { Anonymous: false, Role: >= Role.Reader }
            ? health.Description
            : health.Status == StoreStatus.Healthy
                ? $"The {health.Store} store answers."
                : $"The {health.Store} store cannot answer now; the server log has the details.";
        return Results.Json(
            new
            {
                status = health.Status.ToString(),
                store = new { name = health.Store, description, data = health.Data },
            },
            statusCode: statusCode);
    }

    [LoggerMessage(1, LogLevel.Warning, "Health check: the {Store} store is degraded: {Description}")]
    private static partial void LogDegraded(ILogger logger, string store, string description);
}
