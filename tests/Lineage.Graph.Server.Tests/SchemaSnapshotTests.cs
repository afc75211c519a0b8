using Lineage.Graph.Server.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// The printed schema is checked in as <c>schema.graphql</c>, so that a change to it shows up in
/// review. After a deliberate change, run the tests once with <c>UPDATE_SCHEMA_SNAPSHOT=1</c>,
/// which rewrites the file in the source tree, and commit it.
/// </summary>
public sealed class SchemaSnapshotTests(EmptyServer server) : IClassFixture<EmptyServer>
{
    private const string SnapshotName = "schema.graphql";

    private readonly EmptyServer _server = server;

    [Fact]
    public async Task The_served_schema_matches_the_checked_in_snapshot()
    {
        using var reader = _server.Reader();
        var served = await reader.SendAsync(HttpMethod.Get, "/graphql?sdl", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, served.Status);
        var actual = Normalise(served.Body);
        var path = Path.Combine(Repository.Root, "tests", "Lineage.Graph.Server.Tests", SnapshotName);

        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA_SNAPSHOT") == "1")
        {
            await File.WriteAllTextAsync(path, actual);
        }

        Assert.True(File.Exists(path), $"No schema snapshot at {path}. Run the tests with UPDATE_SCHEMA_SNAPSHOT=1 to write it, then commit it.");
        var expected = Normalise(await File.ReadAllTextAsync(path));
        Assert.True(
            expected == actual,
            $"The schema differs from the checked-in {SnapshotName} (first difference at line {FirstDifference(expected, actual)}). " +
            $"If the change is intended, run the tests with UPDATE_SCHEMA_SNAPSHOT=1 (for example: UPDATE_SCHEMA_SNAPSHOT=1 dotnet test " +
            $"tests/Lineage.Graph.Server.Tests --filter {nameof(SchemaSnapshotTests)}), which rewrites {path}, and commit the file with the change.");
    }

    [Fact]
    public void The_served_schema_is_the_printed_schema()
    {
        var schema = _server.Factory.Services.GetRequiredService<LineageSchema>();
        var printed = SchemaText.Of(schema);
        Assert.Contains("\"Lineage.Graph: ML lineage as a graph.", printed, StringComparison.Ordinal);
        Assert.Contains("interface Entity {", printed, StringComparison.Ordinal);
        Assert.Contains("scalar DateTime", printed, StringComparison.Ordinal);
        Assert.Equal(printed, SchemaText.Of(schema));
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    private static int FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var line = 0;
        while (line < a.Length && line < b.Length && a[line] == b[line])
        {
            line++;
        }

        return line + 1;
    }
}
