namespace Lineage.Graph.Server.Http;

/// <summary>What a browser gets at <c>/graphql</c>: the Banana Cake Pop IDE, or a page that says how to connect one.</summary>
internal static class GraphQLIde
{
    public static async Task ServeAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lineage.Graph GraphQL</title></head>
            <body><h1>Lineage.Graph GraphQL endpoint</h1>
            <p>This is the GraphQL endpoint. Point any GraphQL IDE (Banana Cake Pop, Altair, Insomnia) at this URL,
            with an API key as <code>Authorization: Bearer &lt;key&gt;</code>. The schema is at <a href="?sdl">?sdl</a>.</p>
            </body></html>
            """, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>One of the IDE's files under <c>/graphql/</c>.</summary>
    public static Task ServeFileAsync(HttpContext context, string path)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
