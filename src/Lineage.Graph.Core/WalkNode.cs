namespace Lineage.Graph.Core;

/// <summary>A node of a walk's answer and its shortest hop distance from the start.</summary>
public sealed record WalkNode(Entity Entity, int Depth);
