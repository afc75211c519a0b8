using Lineage.Graph.Server.Http;

namespace Lineage.Graph.Server.Hosting;

/// <summary>The routes: <c>/graphql</c> (API and IDE), the OpenLineage and Marquez API under <c>/api/v1/lineage</c>, and <c>/healthz</c>.</summary>
public static class EndpointRegistration
{
    public static WebApplication MapLineageEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseCors();
        var handler = app.Services.GetRequiredService<GraphQLHttpHandler>();
        app.Map("/graphql", handler.HandleAsync);
        app.Map("/graphql/{**path}", (HttpContext context, string? path) =>
            string.IsNullOrEmpty(path) ? handler.HandleAsync(context) : GraphQLIde.ServeFileAsync(context, path));
        app.MapPost("/api/v1/lineage", (HttpContext context, OpenLineageEndpoint endpoint) => endpoint.PostEventAsync(context));
        app.MapPost("/api/v1/lineage/batch", (HttpContext context, OpenLineageEndpoint endpoint) => endpoint.PostBatchAsync(context));
        app.MapGet("/api/v1/lineage", (HttpContext context, MarquezLineageEndpoint endpoint) => endpoint.GetAsync(context));
        app.MapGet("/healthz", HealthEndpoint.HandleAsync);
        return app;
    }
}
