using System.Collections.Frozen;
using System.Globalization;
using Lineage.Graph.Core;

namespace Lineage.Graph.Neo4j;

/// <summary>
/// The Cypher the store sends: the files of <c>cypher/</c>, embedded in this assembly and loaded
/// by name. The only text the store writes into a statement is what Cypher cannot take as a
/// parameter: a walk's validated depth bound, its relationship types and a listing's label, names
/// of closed sets.
/// </summary>
internal static class CypherStatements
{
    private const string DepthPlaceholder = "{{maxDepth}}";
    private const string RelationsPlaceholder = "{{relations}}";
    private const string LabelPlaceholder = "{{label}}";
    private const string Prefix = "cypher/";

    private static readonly FrozenDictionary<string, string> All = Load();

    /// <summary>The schema statements, in the order of their file names (constraints before the indexes that rely on them).</summary>
    public static IReadOnlyList<(string Name, string Text)> Schema { get; } =
        [.. All.Where(s => s.Key.StartsWith("schema/", StringComparison.Ordinal)).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value))];

    /// <summary>A statement of <c>cypher/queries/</c> by its file name without extension.</summary>
    public static string Query(string name) =>
        All.TryGetValue("queries/" + name, out var text) ? text : throw new InvalidOperationException($"No statement cypher/queries/{name}.cypher is embedded.");

    /// <summary>A walk template with its depth bound and relationship types written in; the bound must already be checked against the cap.</summary>
    public static string Walk(string name, int maxDepth, IReadOnlyCollection<RelationKind> relations)
    {
        if (maxDepth is < 1 or > Neo4jLineageStore.MaxDepthCap)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, $"The depth bound must be 1 to {Neo4jLineageStore.MaxDepthCap}.");
        }

        return Typed(name, relations).Replace(DepthPlaceholder, maxDepth.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>
    /// A template with the relationship types of <paramref name="relations"/> written in as one
    /// alternation (<c>INPUT_TO|PRODUCED</c>), in name order, so that one set is one statement text and
    /// one plan in Neo4j's cache.
    /// </summary>
    public static string Typed(string name, IReadOnlyCollection<RelationKind> relations)
    {
        ArgumentNullException.ThrowIfNull(relations);
        if (relations.Count == 0 || relations.Any(r => !Enum.IsDefined(r)))
        {
            throw new ArgumentException("A walk follows at least one known relation.", nameof(relations));
        }

        var types = string.Join('|', relations.Distinct().Select(Relations.Name).Order(StringComparer.Ordinal));
        return Query(name).Replace(RelationsPlaceholder, types, StringComparison.Ordinal);
    }

    /// <summary>A template with the label of <paramref name="kind"/> written in, or <c>Entity</c> (every node's) for none.</summary>
    public static string Labelled(string name, EntityKind? kind)
    {
        if (kind is { } k && !Enum.IsDefined(k))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a known entity kind.");
        }

        return Query(name).Replace(LabelPlaceholder, kind?.ToString() ?? "Entity", StringComparison.Ordinal);
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
