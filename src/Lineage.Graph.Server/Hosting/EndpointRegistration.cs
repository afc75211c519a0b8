using Lineage.Graph.Server.Http;

namespace Lineage.Graph.Server.Hosting;

/// <summary>The routes: <c>/graphql</c> (API and IDE) and <c>/healthz</c>.</summary>
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
        app.MapGet("/healthz", HealthEndpoint.HandleAsync);
        return app;
    }
}
