namespace Lineage.Graph.Server.Http;

/// <summary>Codes the HTTP layer adds to Core's (<see cref="Core.ErrorCodes"/>), in <c>extensions.code</c>.</summary>
internal static class ServerErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string BatchTooLarge = "BATCH_TOO_LARGE";
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string DocumentTooDeep = "DOCUMENT_TOO_DEEP";
    public const string OperationNotSupported = "OPERATION_NOT_SUPPORTED";

    /// <summary>GraphQL.NET's own codes for a request that selects no operation of its document, answered before authorization.</summary>
    public const string NoOperation = "NO_OPERATION";
    public const string NoOperationName = "NO_OPERATION_NAME";
    public const string InvalidOperationName = "INVALID_OPERATION_NAME";

    /// <summary>GraphQL.NET's own code for a document over the complexity limit, used too for one that repeats introspection.</summary>
    public const string Complexity = "COMPLEXITY";
    public const string Timeout = "TIMEOUT";
    public const string ErrorsLeftOut = "ERRORS_LEFT_OUT";
    public const string Internal = "INTERNAL_SERVER_ERROR";
}
