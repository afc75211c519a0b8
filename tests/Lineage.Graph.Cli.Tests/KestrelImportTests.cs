using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Graph.Cli.Tests;

/// <summary>
/// Import through a server listening on a real socket (Kestrel), where a body the server refuses
/// from its length is answered before it is read: the in-process test server cannot show that.
/// </summary>
public sealed class KestrelImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-cli-kestrel-").FullName;
    private readonly WebApplicationFactory<Program> _server;

    public KestrelImportTests()
    {
        _server = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Lineage:Sqlite:Path", Path.Combine(_folder, "lineage.db"));
            builder.UseSetting("Lineage:Auth:ApiKeys:0:Name", "writer");
            builder.UseSetting("Lineage:Auth:ApiKeys:0:Key", CliHost.WriterKey);
            builder.UseSetting("Lineage:Auth:ApiKeys:0:Role", "Writer");
        });
        _server.UseKestrel(0);
        _server.StartServer();
    }

    [Fact]
    public async Task An_item_past_the_servers_body_limit_fails_alone_and_the_import_goes_on()
    {
        // Sent whole, the server's early 413 and close read as a broken connection: SERVER_UNREACHABLE (exit 4),
        // the import stopped at that item, and the items after it never tried.
        var file = Path.Combine(_folder, "big.jsonl");
        var big = new JsonObject
        {
            ["entities"] = new JsonArray(new JsonObject { ["key"] = "dataset:s3://lake:big@1", ["properties"] = new JsonObject { ["blob"] = new string('x', 6_000_000) } }),
        };
        await File.WriteAllTextAsync(file, big.ToJsonString() + "\n" + """{"entities": [{"key": "dataset:s3://lake:small@1"}]}""" + "\n");

        var result = await CliHost.RunRawAsync(new CliEnvironment(), "import", file, "--server", Address(), "--api-key", CliHost.WriterKey, "--format", "json");

        Assert.True(result.Exit == 7, result.Err);
        var summary = JsonNode.Parse(result.Out)!;
        Assert.Equal((1, 1), ((int)summary["changed"]!, (int)summary["failed"]!));
        Assert.Equal(("line 1", "PAYLOAD_TOO_LARGE"), ((string)summary["failures"]![0]!["position"]!, (string)summary["failures"]![0]!["code"]!));
        Assert.Null(summary["stopped"]);
    }

    public void Dispose()
    {
        _server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Address() =>
        _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
