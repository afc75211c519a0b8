namespace Lineage.Graph.Core;

/// <summary>An entity or edge that the request names does not exist (or did not exist at asOf).</summary>
public sealed class NotFoundException(string message, string? item = null)
    : LineageException(ErrorCodes.NotFound, message, item);
