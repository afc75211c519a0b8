using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// What a browser gets at <c>/graphql</c>: Banana Cake Pop, from the files that the build copies
/// to <c>graphql-ide/</c> beside the assembly (see the project file), or, where the build had no
/// npm, a page that says how to connect an external IDE.
/// </summary>
internal static class GraphQLIde
{
    public const string ConfigFile = "bcp-config.json";

    /// <summary>Where the build puts the IDE; the project file's <c>LineageCopyIde</c> target names the same folder.</summary>
    public static readonly string DefaultFolder = Path.Combine(AppContext.BaseDirectory, "graphql-ide");

    private const string IndexFile = "index.html";

    // The build names every file under static/ by a hash of its content, so a browser may keep those for good.
    private const string ImmutableCaching = "public, max-age=31536000, immutable";
    private const string RevalidateCaching = "no-cache";

    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    public static Task ServeAsync(HttpContext context) => ServeAsync(context, DefaultFolder);

    /// <summary>One of the IDE's files under <c>/graphql/</c>, or its configuration.</summary>
    public static Task ServeFileAsync(HttpContext context, string path) => ServeFileAsync(context, path, DefaultFolder);

    internal static async Task ServeAsync(HttpContext context, string folder)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = Path.Combine(folder, IndexFile);
        if (!File.Exists(index))
        {
            await WriteFallbackAsync(context).ConfigureAwait(false);
            return;
        }

        // The IDE loads its scripts, styles and configuration relative to the page, so the page must end in a slash.
        var request = context.Request;
        if (request.Path.Value?.EndsWith('/') != true)
        {
            context.Response.Headers.CacheControl = RevalidateCaching;
            context.Response.Redirect($"{request.PathBase}{request.Path}/{request.QueryString}");
            return;
        }

        await SendFileAsync(context, index, RevalidateCaching).ConfigureAwait(false);
    }

    internal static async Task ServeFileAsync(HttpContext context, string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(path);
        var response = context.Response;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }

        if (path == ConfigFile)
        {
            await WriteConfigAsync(context).ConfigureAwait(false);
            return;
        }

        var file = Resolve(folder, path);
        if (file is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await SendFileAsync(context, file, path.StartsWith("static/", StringComparison.Ordinal) ? ImmutableCaching : RevalidateCaching)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The file that <paramref name="path"/> names inside <paramref name="folder"/>, or null when there is
    /// none or the path would leave the folder: no absolute paths, no <c>..</c>, no hidden files, no backslashes.
    /// </summary>
    internal static string? Resolve(string folder, string path)
    {
        if (path.Length == 0 || path.Contains('\\', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal)
            || path.Split('/').Any(segment => segment.Length == 0 || segment.StartsWith('.')))
        {
            return null;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, path));
        return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }

    private static async Task SendFileAsync(HttpContext context, string file, string caching)
    {
        var info = new FileInfo(file);
        if (!ContentTypes.TryGetContentType(file, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        var lastModified = new DateTimeOffset(info.LastWriteTimeUtc);
        var tag = string.Create(CultureInfo.InvariantCulture, $"\"{info.Length:x}-{lastModified.ToUnixTimeMilliseconds():x}\"");
        context.Response.Headers.CacheControl = caching;
        context.Response.Headers.XContentTypeOptions = "nosniff";

        // PhysicalFile answers If-None-Match and If-Modified-Since with 304, and HEAD without a body.
        await TypedResults.PhysicalFile(file, contentType, lastModified: lastModified, entityTag: new EntityTagHeaderValue(tag))
            .ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task WriteConfigAsync(HttpContext context)
    {
        // Banana Cake Pop reads this beside its page; it names the endpoint and turns off telemetry to ChilliCream.
        var config = new
        {
            useBrowserUrlAsEndpoint = true,
            endpoint = $"{context.Request.PathBase}/graphql",
            title = "Lineage.Graph",
            disableTelemetry = true,
            includeCookies = false,
        };
        context.Response.Headers.CacheControl = RevalidateCaching;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.WriteAsync(JsonSerializer.Serialize(config), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task WriteFallbackAsync(HttpContext context)
    {
        var request = context.Request;
        var endpoint = HtmlEncoder.Default.Encode($"{request.Scheme}://{request.Host}{request.PathBase}/graphql");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = RevalidateCaching;
        await context.Response.WriteAsync($$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lineage.Graph GraphQL</title></head>
            <body><h1>Lineage.Graph GraphQL endpoint</h1>
            <p>This is the GraphQL endpoint: <code>{{endpoint}}</code>. Point any GraphQL IDE (Banana Cake Pop, Altair, Insomnia)
            at this URL, with an API key as the header <code>Authorization: Bearer &lt;key&gt;</code>.
            The schema is at <a href="{{endpoint}}?sdl">{{endpoint}}?sdl</a> (it needs the key too).</p>
            <p>Banana Cake Pop is not served here because the server's build could not install it with npm. Build it again
            with npm on <code>PATH</code> (and the npm registry in reach) to have the IDE at this address.</p>
            </body></html>
            """, context.RequestAborted).ConfigureAwait(false);
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".js"] = "text/javascript; charset=utf-8";
        provider.Mappings[".css"] = "text/css; charset=utf-8";
        provider.Mappings[".html"] = "text/html; charset=utf-8";
        provider.Mappings[".txt"] = "text/plain; charset=utf-8";
        return provider;
    }
}
