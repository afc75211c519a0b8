using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lineage.Graph.Cli.Tests;

/// <summary>
/// The command, run in-process, against either source: <c>embedded</c> opens the database file
/// with <c>--db</c>; <c>server</c> talks to the real server hosted by <c>WebApplicationFactory</c>
/// on the same file, with one API key per role and anonymous read off, as production runs it.
/// </summary>
public sealed class CliHost : IDisposable
{
    public const string Embedded = "embedded";
    public const string Server = "server";

    public const string ReaderKey = "reader-key-0123456789abcdef";
    public const string WriterKey = "writer-key-0123456789abcdef";

    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-cli-").FullName;
    private readonly WebApplicationFactory<Program> _server;

    public CliHost(Func<string, Task>? write = null, bool readOnlyServer = false)
    {
        DatabasePath = Path.Combine(_folder, "lineage.db");

        // The file is written before the server opens it, so both sources start from the same graph.
        (write ?? (_ => Task.CompletedTask))(DatabasePath).GetAwaiter().GetResult();
        _server = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Lineage:Sqlite:Path", DatabasePath);
            builder.UseSetting("Lineage:Auth:AllowAnonymousRead", "false");
            builder.UseSetting("Lineage:Auth:ApiKeys:0:Name", "reader");
            builder.UseSetting("Lineage:Auth:ApiKeys:0:Key", ReaderKey);
            builder.UseSetting("Lineage:Auth:ApiKeys:0:Role", "Reader");
            builder.UseSetting("Lineage:Auth:ApiKeys:1:Name", "writer");
            builder.UseSetting("Lineage:Auth:ApiKeys:1:Key", WriterKey);
            builder.UseSetting("Lineage:Auth:ApiKeys:1:Role", "Writer");
            builder.UseSetting("Lineage:Sqlite:ReadOnly", readOnlyServer ? "true" : "false");
        });
    }

    public string DatabasePath { get; }

    public string Folder => _folder;

    /// <summary>A handler that sends requests to the hosted server, for runs that name it through the environment.</summary>
    public HttpMessageHandler ServerHandler() => _server.Server.CreateHandler();

    /// <summary>Runs the command against a source, with stdout and stderr redirected and the reader key for the server.</summary>
    public Task<CliResult> RunAsync(string source, params string[] args) => RunAsync(source, new CliEnvironment(), ReaderKey, args);

    internal Task<CliResult> RunAsync(string source, CliEnvironment environment, string apiKey, params string[] args)
    {
        string[] where = source == Embedded ? ["--db", DatabasePath] : ["--server", "http://localhost", "--api-key", apiKey];
        if (source == Server)
        {
            environment = environment with { HttpHandler = ServerHandler() };
        }

        return RunRawAsync(environment, [.. args, .. where]);
    }

    /// <summary>Runs the command with exactly these arguments, naming no source itself.</summary>
    internal static Task<CliResult> RunRawAsync(CliEnvironment environment, params string[] args) => RunRawAsync(environment, CancellationToken.None, args);

    /// <summary>Runs the command with exactly these arguments and the token its Main would cancel on Ctrl-C.</summary>
    internal static async Task<CliResult> RunRawAsync(CliEnvironment environment, CancellationToken interrupt, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Cli.RunAsync(args, stdout, stderr, environment, interrupt);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        _server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
