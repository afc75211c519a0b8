namespace Lineage.Graph.Server.Tests;

/// <summary>The source tree the tests run from, for the files they check against (README.md, the schema snapshot, the browser scripts).</summary>
internal static class Repository
{
    /// <summary>The folder that holds <c>Lineage.Graph.sln</c>, found upwards from the build output.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Lineage.Graph.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Lineage.Graph.sln above {AppContext.BaseDirectory}: the tests run from the repository's build output.");
    }
}
