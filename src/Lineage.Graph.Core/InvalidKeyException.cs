namespace Lineage.Graph.Core;

/// <summary>A key that does not parse, or whose parts break the rules of its kind.</summary>
public sealed class InvalidKeyException(string message, string? item = null)
    : LineageException(ErrorCodes.InvalidKey, message, item);
