using Lineage.Graph.Core;
using Lineage.Graph.Server.Hosting;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// The error body of the REST endpoints (<c>/api/v1/…</c>): <c>{"code", "message", "field"}</c>,
/// with the same stable codes as GraphQL's <c>extensions.code</c>.
/// </summary>
internal static class ApiErrors
{
    public static IResult Of(HttpFailure failure) => Of(failure.Status, failure.Code, failure.Message);

    public static IResult Of(int status, string code, string message, string? field = null) =>
        Results.Json(new ApiError(code, message, field), statusCode: status);

    public static IResult Of(LineageException exception) =>
        Of(StatusOf(exception.Code), exception.Code, exception.Message, exception.Item);

    /// <summary>The HTTP status of a Core error code: the caller's fault (4xx) unless the store cannot answer.</summary>
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.EntityRetired => StatusCodes.Status409Conflict,
        ErrorCodes.StoreUnavailable => StatusCodes.Status503ServiceUnavailable,

        // Not 503: a store opened read-only refuses every write for good, and emitters retry a 5xx.
        ErrorCodes.ReadOnly => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>401 for a caller who sent no key or an unknown one, 403 for a key whose role is too low.</summary>
    public static IResult? Refuse(Caller? caller, Role needed, HttpContext context)
    {
        if (caller is not null && caller.Role >= needed)
        {
            return null;
        }

        var role = needed.ToString().ToLowerInvariant();
        if (caller is null || caller.Anonymous)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Of(StatusCodes.Status401Unauthorized, ServerErrorCodes.Unauthenticated, caller is null
                ? ApiKeyAuthenticator.Refusal(context.Request)
                : $"This endpoint needs an API key with the {role} role ('Authorization: Bearer <key>' or 'X-Api-Key').");
        }

        return Of(StatusCodes.Status403Forbidden, ServerErrorCodes.Forbidden,
            $"This endpoint needs the {role} role; the key '{caller.Name}' has {caller.Role.ToString().ToLowerInvariant()}.");
    }

    private sealed record ApiError(string Code, string Message, string? Field);
}
