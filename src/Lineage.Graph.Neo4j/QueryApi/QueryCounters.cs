namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// How a statement changed the database, as Neo4j reports it when asked for counters: the one
/// counter the store reads (a write's new edges). Neo4j sends a dozen more, which are not read.
/// </summary>
public sealed record QueryCounters
{
    /// <summary>Relationships created.</summary>
    public int RelationshipsCreated { get; init; }
}
