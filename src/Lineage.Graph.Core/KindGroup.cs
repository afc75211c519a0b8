namespace Lineage.Graph.Core;

/// <summary>The nodes of a closure that are of one kind, in node order.</summary>
public sealed record KindGroup(EntityKind Kind, IReadOnlyList<WalkNode> Nodes);
