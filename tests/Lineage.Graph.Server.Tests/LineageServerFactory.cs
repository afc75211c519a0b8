using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// The real server on a fresh embedded database in a temporary folder, with one API key per
/// role and anonymous read off, as production runs it.
/// </summary>
public sealed class LineageServerFactory : WebApplicationFactory<Program>
{
    public const string ReaderKey = "reader-key-0123456789abcdef";
    public const string WriterKey = "writer-key-0123456789abcdef";
    public const string AdminKey = "admin-key-0123456789abcdef0";

    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-server-").FullName;

    /// <summary>Settings a test class adds or overrides (limits, anonymous read).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public string DatabasePath => Path.Combine(_folder, "lineage.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");

        // UseSetting reaches the configuration before Program reads it; ConfigureAppConfiguration would come too late.
        var settings = new Dictionary<string, string?>
        {
            ["Lineage:Sqlite:Path"] = DatabasePath,
            ["Lineage:Auth:AllowAnonymousRead"] = "false",
            ["Lineage:Auth:ApiKeys:0:Name"] = "reader",
            ["Lineage:Auth:ApiKeys:0:Key"] = ReaderKey,
            ["Lineage:Auth:ApiKeys:0:Role"] = "Reader",
            ["Lineage:Auth:ApiKeys:1:Name"] = "writer",
            ["Lineage:Auth:ApiKeys:1:Key"] = WriterKey,
            ["Lineage:Auth:ApiKeys:1:Role"] = "Writer",
            ["Lineage:Auth:ApiKeys:2:Name"] = "admin",
            ["Lineage:Auth:ApiKeys:2:Key"] = AdminKey,
            ["Lineage:Auth:ApiKeys:2:Role"] = "Admin",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
