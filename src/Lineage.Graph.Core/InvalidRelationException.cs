namespace Lineage.Graph.Core;

/// <summary>An edge whose endpoints are of kinds its relation cannot join.</summary>
public sealed class InvalidRelationException(string message, string? item = null)
    : LineageException(ErrorCodes.InvalidRelation, message, item);
