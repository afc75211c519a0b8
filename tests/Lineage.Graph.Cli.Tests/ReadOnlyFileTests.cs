using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lineage.Graph.TestSupport;

namespace Lineage.Graph.Cli.Tests;

/// <summary>A database file in a folder the command cannot write (a CI artifact on a read-only mount): queries read it, nothing writes it.</summary>
public sealed class ReadOnlyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-cli-readonly-").FullName;

    // Import files live apart from the folder that is locked.
    private readonly string _inputs = Directory.CreateTempSubdirectory("lineage-cli-readonly-inputs-").FullName;

    [SkippableFact]
    public async Task Queries_answer_from_a_file_in_a_folder_they_cannot_write_and_leave_it_as_it_was()
    {
        var database = Path.Combine(_folder, "lineage.db");
        var first = Path.Combine(_inputs, "first.jsonl");
        await File.WriteAllTextAsync(first, """
            {"entities": [{"key": "dataset:s3://lake:raw@1"}, {"key": "model:registry:churn@1"}], "edges": [{"from": "dataset:s3://lake:raw@1", "to": "model:registry:churn@1", "relation": "DERIVES"}]}
            """);
        var second = Path.Combine(_inputs, "second.jsonl");
        await File.WriteAllTextAsync(second, """{"entities": [{"key": "dataset:s3://lake:new@1"}]}""");
        Assert.Equal(0, (await CliHost.RunRawAsync(new CliEnvironment(), "import", first, "--db", database)).Exit);
        var before = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(database)));

        CliResult impact;
        CliResult write;
        using (var locked = LockedFolder.Lock(_folder))
        {
            Skip.If(locked is null, LockedFolder.Unavailable);
            impact = await CliHost.RunRawAsync(new CliEnvironment(), "impact", "dataset:s3://lake:raw@1", "--db", database, "--format", "json");
            write = await CliHost.RunRawAsync(new CliEnvironment(), "import", second, "--db", database);
        }

        Assert.True(impact.Exit == 0, impact.Err);
        Assert.Equal(["model:registry:churn@1"], JsonNode.Parse(impact.Out)!["nodes"]!.AsArray().Select(n => (string)n!["key"]!));
        Assert.Equal(4, write.Exit);
        Assert.StartsWith("lineage: STORE_UNAVAILABLE: Cannot open the embedded store at ", write.Err, StringComparison.Ordinal);
        Assert.Equal(before, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(database))));
        Assert.Equal(["lineage.db"], Directory.EnumerateFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_import_to_a_server_that_takes_no_writes_exits_5_with_READ_ONLY()
    {
        using var host = new CliHost(path => CliHost.RunRawAsync(new CliEnvironment(), "import", WriteInput("first.jsonl", """{"entities": [{"key": "dataset:s3://lake:raw@1"}]}"""), "--db", path), readOnlyServer: true);
        var second = WriteInput("second.jsonl", """{"entities": [{"key": "dataset:s3://lake:new@1"}]}""");

        var write = await host.RunAsync(CliHost.Server, new CliEnvironment(), CliHost.WriterKey, "import", second);
        var read = await host.RunAsync(CliHost.Server, "get", "dataset:s3://lake:new@1");

        Assert.Equal(5, write.Exit);
        Assert.StartsWith("lineage: READ_ONLY: The embedded store at ", write.Err, StringComparison.Ordinal);
        Assert.Equal(3, read.Exit);
        Assert.Equal(0, (await host.RunAsync(CliHost.Server, "get", "dataset:s3://lake:raw@1")).Exit);
    }

    private string WriteInput(string name, string text)
    {
        var path = Path.Combine(_inputs, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        Directory.Delete(_inputs, recursive: true);
    }
}
