namespace Lineage.Graph.Core;

/// <summary>A write to, or an edge from or to, an entity that has been retired.</summary>
public sealed class EntityRetiredException(string message, string? item = null)
    : LineageException(ErrorCodes.EntityRetired, message, item);
