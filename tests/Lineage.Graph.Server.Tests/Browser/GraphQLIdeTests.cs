using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lineage.Graph.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Lineage.Graph.Server.Tests.Browser;

public sealed partial class GraphQLIdeTests : IClassFixture<LineageServerFactory>
{
    private readonly LineageServerFactory _factory;

    public GraphQLIdeTests(LineageServerFactory factory) => _factory = factory;

    [Fact]
    public async Task A_browser_opening_graphql_is_sent_to_graphql_slash_with_its_query_string()
    {
        RequireIdeFiles();
        using var client = Browser();
        var response = await client.GetAsync("/graphql?tab=1");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/graphql/?tab=1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_browser_gets_Banana_Cake_Pop_at_graphql_slash()
    {
        RequireIdeFiles();
        using var client = Browser();
        var response = await client.GetAsync("/graphql/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html names the hashed scripts, so a browser must revalidate it.");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.Matches(MainScript(), html);
    }

    [Fact]
    public async Task The_IDE_configuration_points_at_this_endpoint_with_telemetry_off()
    {
        using var client = Browser();
        var response = await client.GetAsync($"/graphql/{GraphQLIde.ConfigFile}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var config = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = config.RootElement;
        Assert.True(root.GetProperty("useBrowserUrlAsEndpoint").GetBoolean());
        Assert.Equal("/graphql", root.GetProperty("endpoint").GetString());
        Assert.Equal("Lineage.Graph", root.GetProperty("title").GetString());
        Assert.True(root.GetProperty("disableTelemetry").GetBoolean());
    }

    [Theory]
    [InlineData("script", "text/javascript")]
    [InlineData("stylesheet", "text/css")]
    public async Task The_IDE_assets_are_served_with_their_content_type_and_cached_for_good(string kind, string mediaType)
    {
        RequireIdeFiles();
        using var client = Browser();
        var html = await client.GetStringAsync("/graphql/");
        var asset = (kind == "script" ? MainScript() : Stylesheet()).Match(html).Groups["path"].Value;
        Assert.False(string.IsNullOrEmpty(asset), $"index.html names no {kind}: {html}");

        var response = await client.GetAsync($"/graphql/{asset}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl?.Extensions.Select(e => e.Name) ?? [], StringComparer.Ordinal);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000, "The asset is empty.");

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/graphql/{asset}");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Theory]
    [InlineData("/graphql/..%2Fappsettings.json")]
    [InlineData("/graphql/%2E%2E%2Fappsettings.json")]
    [InlineData("/graphql/static/..%2F..%2Fappsettings.json")]
    [InlineData("/graphql/..%2FLineage.Graph.Server.dll")]
    [InlineData("/graphql/..%5Cappsettings.json")]
    [InlineData("/graphql/%2Fetc%2Fpasswd")]
    [InlineData("/graphql/static")]
    [InlineData("/graphql/no-such-file.js")]
    public async Task Paths_that_leave_the_IDE_folder_or_name_no_file_are_not_found(string path)
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")), "The file these paths aim at must exist, or the test proves nothing.");
        using var client = Browser();
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("../appsettings.json")]
    [InlineData("static/../../appsettings.json")]
    [InlineData("..\\appsettings.json")]
    [InlineData("/etc/passwd")]
    [InlineData("./index.html")]
    [InlineData("static//index.html")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void The_IDE_folder_gives_no_file_for_a_path_that_would_leave_it(string path)
    {
        var folder = Directory.CreateTempSubdirectory("lineage-ide-").FullName;
        try
        {
            var inside = Directory.CreateDirectory(Path.Combine(folder, "ide")).FullName;
            File.WriteAllText(Path.Combine(inside, "index.html"), "<html></html>");
            File.WriteAllText(Path.Combine(inside, ".hidden"), "secret");
            File.WriteAllText(Path.Combine(folder, "appsettings.json"), "{}");
            Assert.Null(GraphQLIde.Resolve(inside, path));
            Assert.Equal(Path.Combine(inside, "index.html"), GraphQLIde.Resolve(inside, "index.html"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/html, application/json;q=0.9")]
    public async Task A_GET_with_a_query_runs_GraphQL_whatever_else_it_accepts(string accept)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LineageServerFactory.ReaderKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"));
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Query", body.RootElement.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Banana_Cake_Pops_two_phase_introspection_is_answered_in_full()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LineageServerFactory.ReaderKey);
        foreach (var query in BananaCakePopIntrospection.Probes.Append(BananaCakePopIntrospection.FullSchema))
        {
            var body = JsonSerializer.Serialize(new { operationName = "IntrospectionQuery", query });
            var response = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for\n{query}\n{text}");
            using var json = JsonDocument.Parse(text);
            Assert.False(json.RootElement.TryGetProperty("errors", out var errors), $"Errors for\n{query}\n{errors}");
            Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("data").ValueKind);
        }
    }

    [Fact]
    public async Task The_IDE_files_are_read_only()
    {
        using var client = Browser();
        var response = await client.PostAsync($"/graphql/{GraphQLIde.ConfigFile}", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(new[] { "GET", "HEAD" }, response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_the_IDE_files_a_browser_gets_a_page_that_says_how_to_connect_an_external_IDE()
    {
        var empty = Directory.CreateTempSubdirectory("lineage-no-ide-").FullName;
        try
        {
            var page = NewContext("/graphql");
            await GraphQLIde.ServeAsync(page, empty);
            Assert.Equal(StatusCodes.Status200OK, page.Response.StatusCode);
            Assert.StartsWith("text/html", page.Response.ContentType, StringComparison.Ordinal);
            var html = Body(page);
            Assert.Contains("http://lineage.example:8080/graphql", html, StringComparison.Ordinal);
            Assert.Contains("Authorization: Bearer &lt;key&gt;", html, StringComparison.Ordinal);
            Assert.Contains("/graphql?sdl", html, StringComparison.Ordinal);

            var file = NewContext("/graphql/index.html");
            await GraphQLIde.ServeFileAsync(file, "index.html", empty);
            Assert.Equal(StatusCodes.Status404NotFound, file.Response.StatusCode);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    /// <summary>Fails, with the reason, where the build had no npm to install the IDE with.</summary>
    internal static void RequireIdeFiles() =>
        Assert.True(File.Exists(Path.Combine(GraphQLIde.DefaultFolder, "index.html")),
            $"Banana Cake Pop is not in the build output ({GraphQLIde.DefaultFolder}). The server's build installs it with " +
            "'npm ci' in src/Lineage.Graph.Server/ide: build again with npm on PATH and the npm registry in reach.");

    private HttpClient Browser()
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return client;
    }

    private static DefaultHttpContext NewContext(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("lineage.example", 8080);
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    [GeneratedRegex("""src="(?<path>static/js/main\.[0-9a-f]+\.js)""")]
    private static partial Regex MainScript();

    [GeneratedRegex("""href="(?<path>static/css/[^"]+\.css)""")]
    private static partial Regex Stylesheet();
}
