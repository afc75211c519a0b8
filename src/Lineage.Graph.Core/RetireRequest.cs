namespace Lineage.Graph.Core;

/// <summary>
/// Entities and edges to retire, atomically. Retiring an entity retires its current edges too.
/// Retiring what is already retired changes nothing.
/// </summary>
public sealed record RetireRequest
{
    public IReadOnlyList<EntityKey> Entities { get; init; } = [];

    public IReadOnlyList<EdgeRef> Edges { get; init; } = [];
}
