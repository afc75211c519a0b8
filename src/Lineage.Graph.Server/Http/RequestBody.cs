using System.Text.Json;

namespace Lineage.Graph.Server.Http;

/// <summary>One GraphQL request as sent, or why it is malformed.</summary>
internal sealed record RequestBody(string? Query, string? OperationName, string? Variables, string? Error)
{
    /// <summary>
    /// The operation to run; an empty name is no name, as GraphQL.NET reads it (it then runs the only
    /// operation). Kept as "" it named none of the document's, and the checks made on the operation
    /// chosen (no mutation over GET, no subscription) were made on none: a GET ran a mutation.
    /// </summary>
    public string? OperationName { get; init; } = string.IsNullOrEmpty(OperationName) ? null : OperationName;

    public static RequestBody From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new RequestBody(null, null, null, "Each request must be a JSON object.");
        }

        // Read each string once here, where a malformed one can be refused as the request's fault.
        if (Core.JsonText.FindMalformed(element, "") is { } malformed)
        {
            return new RequestBody(null, null, null, $"'{malformed}' is not well-formed Unicode text (invalid UTF-8 or an unpaired surrogate).");
        }

        if (!element.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
        {
            return new RequestBody(null, null, null, "'query' must be a string holding a GraphQL document.");
        }

        string? operationName = null;
        if (element.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                return new RequestBody(null, null, null, "'operationName' must be a string or null.");
            }

            operationName = name.GetString();
        }

        string? variables = null;
        if (element.TryGetProperty("variables", out var vars) && vars.ValueKind != JsonValueKind.Null)
        {
            if (vars.ValueKind != JsonValueKind.Object)
            {
                return new RequestBody(null, null, null, "'variables' must be a JSON object or null.");
            }

            variables = vars.GetRawText();
        }

        // GraphQL over HTTP has extensions a map; the server reads none, but one of another type is a malformed request.
        if (element.TryGetProperty("extensions", out var extensions) && extensions.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return new RequestBody(null, null, null, "'extensions' must be a JSON object or null.");
        }

        return new RequestBody(query.GetString(), operationName, variables, null);
    }
}
