namespace Lineage.Graph.Core;

/// <summary>
/// The stable error codes of the exception family. Clients match on these strings
/// (GraphQL <c>extensions.code</c>, CLI exit codes), so they never change once shipped.
/// </summary>
public static class ErrorCodes
{
    public const string NotFound = "NOT_FOUND";
    public const string InvalidKey = "INVALID_KEY";
    public const string InvalidRelation = "INVALID_RELATION";
    public const string InvalidInput = "INVALID_INPUT";
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string DepthLimit = "DEPTH_LIMIT";
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string EntityRetired = "ENTITY_RETIRED";
    public const string StoreUnavailable = "STORE_UNAVAILABLE";
    public const string ReadOnly = "READ_ONLY";
}
