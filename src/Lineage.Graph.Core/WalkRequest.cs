namespace Lineage.Graph.Core;

/// <summary>One traversal (lineage-model.md, "Traversal"). Null members take the server's defaults.</summary>
public sealed record WalkRequest
{
    public required EntityKey Start { get; init; }

    public Direction Direction { get; init; } = Direction.Downstream;

    /// <summary>Hops from the start, 1 to the server's cap.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Relations that may be followed; null means the lineage relations.</summary>
    public IReadOnlyList<RelationKind>? Relations { get; init; }

    /// <summary>Kinds returned; the walk still passes through every kind. Null means all.</summary>
    public IReadOnlyList<EntityKind>? Kinds { get; init; }

    /// <summary>Walk the graph as it stood at this instant.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The most nodes returned, 1 to the server's cap.</summary>
    public int? Limit { get; init; }
}
