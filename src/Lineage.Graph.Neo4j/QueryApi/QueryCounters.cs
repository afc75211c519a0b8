namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>How a statement changed the database, as Neo4j reports it when asked for counters.</summary>
public sealed record QueryCounters
{
    /// <summary>Whether any counter below is above zero.</summary>
    public bool ContainsUpdates { get; init; }

    /// <summary>Nodes created.</summary>
    public int NodesCreated { get; init; }

    /// <summary>Nodes deleted.</summary>
    public int NodesDeleted { get; init; }

    /// <summary>Properties set on nodes and relationships.</summary>
    public int PropertiesSet { get; init; }

    /// <summary>Relationships created.</summary>
    public int RelationshipsCreated { get; init; }

    /// <summary>Relationships deleted.</summary>
    public int RelationshipsDeleted { get; init; }

    /// <summary>Labels added to nodes.</summary>
    public int LabelsAdded { get; init; }

    /// <summary>Labels removed from nodes.</summary>
    public int LabelsRemoved { get; init; }

    /// <summary>Indexes created.</summary>
    public int IndexesAdded { get; init; }

    /// <summary>Indexes dropped.</summary>
    public int IndexesRemoved { get; init; }

    /// <summary>Constraints created.</summary>
    public int ConstraintsAdded { get; init; }

    /// <summary>Constraints dropped.</summary>
    public int ConstraintsRemoved { get; init; }

    /// <summary>Whether the statement changed the system database.</summary>
    public bool ContainsSystemUpdates { get; init; }

    /// <summary>Changes to the system database.</summary>
    public int SystemUpdates { get; init; }
}
