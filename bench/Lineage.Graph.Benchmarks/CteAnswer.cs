using Lineage.Graph.Core;

namespace Lineage.Graph.Benchmarks;

/// <summary>A walk's answer as the recursive CTE gives it: what <see cref="WalkResult"/> holds, less the counts of what the walk touched.</summary>
internal sealed record CteAnswer(Entity Start, List<WalkNode> Nodes, List<Edge> Edges);
