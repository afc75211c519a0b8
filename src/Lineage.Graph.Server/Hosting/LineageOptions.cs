using System.ComponentModel.DataAnnotations;

namespace Lineage.Graph.Server.Hosting;

/// <summary>The top of the <c>Lineage</c> configuration section: which store serves the graph.</summary>
public sealed class LineageOptions
{
    public const string Section = "Lineage";

    /// <summary>The store that serves the graph: <c>Sqlite</c>, the embedded default (a Neo4j store is planned).</summary>
    [AllowedValues("Sqlite")]
    public string Store { get; set; } = "Sqlite";
}
