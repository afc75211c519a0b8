namespace Lineage.Graph.Core;

/// <summary>A page size or walk limit outside 1 to the configured cap.</summary>
public sealed class LimitExceededException(string message, string? item = null)
    : LineageException(ErrorCodes.LimitExceeded, message, item);
