using Lineage.Graph.Server.Http;

namespace Lineage.Graph.Server.Hosting;

/// <summary>The routes: <c>/graphql</c> (API and IDE), the OpenLineage and Marquez API under <c>/api/v1/lineage</c>, and <c>/healthz</c>.</summary>
public static class EndpointRegistration
{
    public static WebApplication MapLineageEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseCors();

        // Routing answers an unknown path (404) or method (405) with an empty body; every other
        // error of this API is {"code", "message"}, so these get one too, for clients that read it.
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            var (code, message) = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => (Core.ErrorCodes.NotFound, $"Nothing is served at {context.HttpContext.Request.Path}."),
                StatusCodes.Status405MethodNotAllowed => (ServerErrorCodes.MethodNotAllowed,
                    $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}."),
                _ => ($"HTTP_{response.StatusCode}", $"The request was answered with HTTP {response.StatusCode}."),
            };
            await ApiErrors.Of(response.StatusCode, code, message).ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        });
        var handler = app.Services.GetRequiredService<GraphQLHttpHandler>();
        app.Map("/graphql", handler.HandleAsync);
        app.Map("/graphql/{**path}", (HttpContext context, string? path) =>
            string.IsNullOrEmpty(path) ? handler.HandleAsync(context) : GraphQLIde.ServeFileAsync(context, path));
        app.MapPost("/api/v1/lineage", (HttpContext context, OpenLineageEndpoint endpoint) => endpoint.PostEventAsync(context));
        app.MapPost("/api/v1/lineage/batch", (HttpContext context, OpenLineageEndpoint endpoint) => endpoint.PostBatchAsync(context));
        app.MapMethods("/api/v1/lineage", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, MarquezLineageEndpoint endpoint) => endpoint.GetAsync(context));
        // HEAD too: uptime monitors and some load balancers probe with it.
        app.MapMethods("/healthz", [HttpMethods.Get, HttpMethods.Head], HealthEndpoint.HandleAsync);
        return app;
    }
}
