namespace Lineage.Graph.Core;

/// <summary>A paging cursor that this store did not hand out.</summary>
public sealed class InvalidCursorException(string message, string? item = null)
    : LineageException(ErrorCodes.InvalidCursor, message, item);
