namespace Lineage.Graph.Core;

/// <summary>A request or batch item that is malformed in any other way.</summary>
public sealed class InvalidInputException(string message, string? item = null)
    : LineageException(ErrorCodes.InvalidInput, message, item);
