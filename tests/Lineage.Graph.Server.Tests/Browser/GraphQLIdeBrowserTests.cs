using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lineage.Graph.Server.Tests.Browser;

/// <summary>
/// Banana Cake Pop in a real browser: Debian's Chromium, driven by playwright-core
/// (<c>tests/browser/run-query.mjs</c>), against the server listening on a loopback port.
/// </summary>
public sealed class GraphQLIdeBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_query_typed_into_Banana_Cake_Pop_in_Chromium_shows_the_servers_answer()
    {
        GraphQLIdeTests.RequireIdeFiles();
        await BrowserTools.EnsureChromiumAsync();
        await BrowserTools.EnsurePlaywrightAsync();

        using var factory = new LineageServerFactory();
        // Anonymous read, as in Development where people open the IDE; the data is written with a key.
        factory.Settings["Lineage:Auth:AllowAnonymousRead"] = "true";
        factory.UseKestrel(0);
        factory.StartServer();
        var server = ListeningAddress(factory);

        var marker = $"seen in the browser {Guid.NewGuid().ToString("N")[..8]}";
        await RecordAsync(server, "dataset:s3://ide-test:clicks@1", marker);

        var screenshots = Directory.CreateTempSubdirectory("lineage-bcp-");
        var screenshot = Path.Combine(screenshots.FullName, "banana-cake-pop.png");
        // One line: Monaco closes brackets after a typed line break, which would leave a stray brace.
        const string Query = """query Clicks { entity(key: "dataset:s3://ide-test:clicks@1") { key description } }""";
        var watch = Stopwatch.StartNew();
        var run = await ExternalProcess.RunAsync("node", ["run-query.mjs", server.ToString(), Query, marker, screenshot], BrowserTools.ScriptFolder, ScriptTimeout);
        output.WriteLine($"run-query.mjs took {watch.Elapsed.TotalSeconds:F1} s:\n{run.Output}");

        var report = LastJsonLine(run.Output);
        var failure = run.Succeeded && report is { Ok: true } ? null
            : $"Banana Cake Pop did not show the answer ({(run.TimedOut ? $"killed after {ScriptTimeout.TotalSeconds} s" : $"exit code {run.ExitCode}")}" +
              $"{(report is null ? "" : $", at step '{report.Step}': {report.Error}")}).\n" +
              $"Screenshot: {screenshot}\nIntrospection answers:\n{Introspection(report)}\nOther output:\n{OtherOutput(run)}";
        Assert.True(failure is null, failure);

        Assert.Equal(new Uri(server, "/graphql/").ToString(), report!.Page);
        Assert.All(report.Introspection, answer => Assert.Equal(200, answer.Status));
        Assert.Contains(report.Introspection, answer => answer.Phase == 1);
        Assert.Contains(report.Introspection, answer => answer.Phase == 2);
        Assert.Equal(200, report.QueryStatus);
        Assert.Contains(marker, report.QueryBody, StringComparison.Ordinal);
        screenshots.Delete(recursive: true);
    }

    private static Uri ListeningAddress(LineageServerFactory factory)
    {
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reports no address it listens on.");
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    private static async Task RecordAsync(Uri server, string key, string description)
    {
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LineageServerFactory.WriterKey);
        var body = JsonSerializer.Serialize(new
        {
            query = "mutation Record($key: String!, $description: String) { recordEntities(input: {entities: [{key: $key, description: $description}]}) { entitiesCreated errors { code message } } }",
            variables = new { key, description },
        });
        var response = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && text.Contains("\"entitiesCreated\":1", StringComparison.Ordinal), $"Recording {key} failed: {text}");
    }

    private static BrowserReport? LastJsonLine(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        try
        {
            return line is null ? null : JsonSerializer.Deserialize<BrowserReport>(line, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What the script wrote besides its report (Node.js or Chromium failing to start, say).</summary>
    private static string OtherOutput(ProcessOutcome run) =>
        string.Join('\n', run.Tail(60).Split('\n').Where(line => !line.TrimStart().StartsWith('{')));

    private static string Introspection(BrowserReport? report) =>
        report is null || report.Introspection.Count == 0
            ? "none"
            : string.Join("\n", report.Introspection.Select(a => $"  phase {a.Phase}: {a.Status} {a.Body}"));
}
