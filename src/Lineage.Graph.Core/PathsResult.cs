namespace Lineage.Graph.Core;

/// <summary>
/// The shortest paths between two entities. <see cref="Direction"/> says which way they run:
/// <c>Downstream</c> when <c>to</c> is fed by <c>from</c>, <c>Upstream</c> when <c>to</c> feeds
/// <c>from</c> (the paths then start at <c>to</c>). No paths and not truncated: not connected
/// within the depth. Truncated: a walk was cut by the limit before it reached <c>to</c>, so a
/// path (or a shorter one than those given) may lie beyond the cut. <see cref="BeyondDepth"/>: no
/// path was found, and the walks met entities at the depth bound that lead further, so a longer path
/// may exist past it.
/// </summary>
public sealed record PathsResult(Entity From, Entity To, Direction Direction, IReadOnlyList<LineagePath> Paths, bool Truncated)
{
    /// <summary>No path within the depth, and the walks stopped at the depth bound with more past it: raise the depth to know.</summary>
    public bool BeyondDepth { get; init; }
}
