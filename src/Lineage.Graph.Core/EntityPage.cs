namespace Lineage.Graph.Core;

/// <summary>One page of a listing; <see cref="TotalCount"/> counts every match, not just this page.</summary>
public sealed record EntityPage(IReadOnlyList<Entity> Items, string? EndCursor, bool HasNextPage, int TotalCount);
