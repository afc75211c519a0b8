using System.Collections.Frozen;
using System.Globalization;

namespace Lineage.Graph.Neo4j;

/// <summary>
/// The Cypher the store sends: the files of <c>cypher/</c>, embedded in this assembly and loaded
/// by name. The only text the store writes into a statement is a walk's validated depth bound,
/// which Cypher cannot take as a parameter.
/// </summary>
internal static class CypherStatements
{
    private const string DepthPlaceholder = "{{maxDepth}}";
    private const string Prefix = "cypher/";

    private static readonly FrozenDictionary<string, string> All = Load();

    /// <summary>The schema statements, in the order of their file names (constraints before the indexes that rely on them).</summary>
    public static IReadOnlyList<(string Name, string Text)> Schema { get; } =
        [.. All.Where(s => s.Key.StartsWith("schema/", StringComparison.Ordinal)).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value))];

    /// <summary>A statement of <c>cypher/queries/</c> by its file name without extension.</summary>
    public static string Query(string name) =>
        All.TryGetValue("queries/" + name, out var text) ? text : throw new InvalidOperationException($"No statement cypher/queries/{name}.cypher is embedded.");

    /// <summary>A walk template with its depth bound written in; the bound must already be checked against the cap.</summary>
    public static string Walk(string name, int maxDepth)
    {
        if (maxDepth is < 1 or > Neo4jLineageStore.MaxDepthCap)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, $"The depth bound must be 1 to {Neo4jLineageStore.MaxDepthCap}.");
        }

        return Query(name).Replace(DepthPlaceholder, maxDepth.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static FrozenDictionary<string, string> Load()
    {
        var assembly = typeof(CypherStatements).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".cypher", StringComparison.Ordinal))
            .ToFrozenDictionary(
                n => n[Prefix.Length..^".cypher".Length],
                n =>
                {
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                    return reader.ReadToEnd();
                },
                StringComparer.Ordinal);
    }
}
