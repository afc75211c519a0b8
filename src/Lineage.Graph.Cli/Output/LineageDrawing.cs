using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>What DOT and Mermaid draw: entities with their kinds, the start marked, and the edges between them.</summary>
internal sealed record LineageDrawing(EntityKey? Start, IReadOnlyList<EntityKey> Nodes, IReadOnlyList<Edge> Edges)
{
    /// <summary>The start first, then the other nodes in the answer's order, each once.</summary>
    public IReadOnlyList<EntityKey> AllNodes { get; } = [.. (Start is null ? Nodes : Nodes.Prepend(Start)).Distinct()];
}
