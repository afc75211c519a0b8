namespace Lineage.Graph.Cli.Tests;

/// <summary>
/// Checked-in expected outputs under <c>Golden/</c>. After a deliberate change to an output, run
/// the tests once with <c>UPDATE_GOLDEN=1</c>, which rewrites the files in the source tree from
/// the embedded source's output, review the diff, and commit it. The server's output is always
/// compared, never written, so both sources must agree with the same file.
/// </summary>
public static class Golden
{
    public static void Check(string name, string source, string actual)
    {
        var path = Path.Combine(SourceFolder(), "Golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1" && source == CliHost.Embedded)
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No golden file {path}. Run the tests with UPDATE_GOLDEN=1 to write it, then review and commit it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(
            expected == actual,
            $"The {source} output differs from Golden/{name}.\n--- expected\n{expected}\n--- actual\n{actual}\n" +
            "If the change is intended, run the tests with UPDATE_GOLDEN=1 (it rewrites the file from the embedded source), review and commit.");
    }

    /// <summary>This test project's folder in the source tree, found from the build output by the solution file.</summary>
    private static string SourceFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Lineage.Graph.sln")))
            {
                return Path.Combine(folder.FullName, "tests", "Lineage.Graph.Cli.Tests");
            }
        }

        throw new InvalidOperationException($"No Lineage.Graph.sln above {AppContext.BaseDirectory}.");
    }
}
