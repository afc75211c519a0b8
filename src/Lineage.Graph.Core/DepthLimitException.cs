namespace Lineage.Graph.Core;

/// <summary>A walk depth outside 1 to the configured cap.</summary>
public sealed class DepthLimitException(string message, string? item = null)
    : LineageException(ErrorCodes.DepthLimit, message, item);
