using System.ComponentModel.DataAnnotations;

namespace Lineage.Graph.Server.Hosting;

/// <summary>The top of the <c>Lineage</c> configuration section: which store serves the graph.</summary>
public sealed class LineageOptions
{
    public const string Section = "Lineage";

    /// <summary>The store that serves the graph: <c>Sqlite</c> (embedded, the default) or <c>Neo4j</c> (section <c>Lineage:Neo4j</c>).</summary>
    [AllowedValues("Sqlite", "Neo4j", ErrorMessage = "must be Sqlite or Neo4j.")]
    public string Store { get; set; } = "Sqlite";
}
