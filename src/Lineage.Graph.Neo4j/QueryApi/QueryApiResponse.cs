using System.Net;
using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// Reads one Query API answer. The HTTP status does not say whether a failure is transient
/// (transient errors arrive as 400, and errors met while streaming arrive in a 202 body after
/// the data), so the whole body is read and <c>errors[].code</c> decides; the status only
/// matters when the body carries no Neo4j error.
/// </summary>
internal static class QueryApiResponse
{
    private static readonly JsonSerializerOptions CounterOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The result, or one of: <see cref="Neo4jException"/> (a Neo4j error code, or 401/403
    /// without one); <see cref="HttpRequestException"/> with the status (502, 503, 504 from a
    /// proxy, which are worth retrying); <see cref="StoreUnavailableException"/> (an answer
    /// that is not the Query API's, which retrying will not change).
    /// </summary>
    public static async Task<QueryResult> ReadAsync(HttpResponseMessage response, Uri queryUri, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        JsonDocument? document = null;
        JsonException? malformed = null;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                malformed = e;
            }
        }

        using (document)
        {
            if (document is not null && FirstError(document.RootElement) is { } error)
            {
                throw new Neo4jException(error.Code, error.Message, status);
            }

            switch (status)
            {
                case HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout:
                    throw new HttpRequestException($"Neo4j at {queryUri} answered HTTP {(int)status} ({response.ReasonPhrase}).", null, status);
                case HttpStatusCode.Unauthorized:
                    throw new Neo4jException(Neo4jErrors.Unauthorized, "Neo4j rejected the credentials (HTTP 401 without an error body).", status);
                case HttpStatusCode.Forbidden:
                    throw new Neo4jException(Neo4jErrors.Forbidden, "Neo4j refused the request (HTTP 403 without an error body).", status);
                case < HttpStatusCode.OK or >= HttpStatusCode.MultipleChoices:
                    throw new StoreUnavailableException(
                        $"Neo4j at {queryUri} answered HTTP {(int)status} ({response.ReasonPhrase}) without a Query API error; " +
                        "check that the URL points at Neo4j 5.26 or later with the Query API enabled.");
            }

            if (document is null)
            {
                throw new StoreUnavailableException(
                    $"Neo4j at {queryUri} answered HTTP {(int)status} with a body that is not JSON: {malformed?.Message}", malformed);
            }

            return ReadResult(document.RootElement, queryUri);
        }
    }

    private static (string Code, string Message)? FirstError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("errors", out var errors)
            || errors.ValueKind != JsonValueKind.Array
            || errors.GetArrayLength() == 0)
        {
            return null;
        }

        var first = errors[0];
        if (first.ValueKind != JsonValueKind.Object)
        {
            return ("Neo.DatabaseError.General.UnknownError", first.ToString());
        }

        var code = first.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var message = first.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return (string.IsNullOrEmpty(code) ? "Neo.DatabaseError.General.UnknownError" : code, message ?? "(no message)");
    }

    private static QueryResult ReadResult(JsonElement root, Uri queryUri)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("data", out var data)
            || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("fields", out var fields)
            || fields.ValueKind != JsonValueKind.Array
            || !data.TryGetProperty("values", out var values)
            || values.ValueKind != JsonValueKind.Array)
        {
            throw NotQueryApi(queryUri, "no data.fields and data.values arrays");
        }

        var names = new string[fields.GetArrayLength()];
        var i = 0;
        foreach (var field in fields.EnumerateArray())
        {
            names[i++] = field.ValueKind == JsonValueKind.String ? field.GetString()! : throw NotQueryApi(queryUri, "a field name that is not a string");
        }

        // One clone keeps every row valid after the document is disposed.
        var rows = new List<JsonElement[]>(values.GetArrayLength());
        foreach (var row in values.Clone().EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != names.Length)
            {
                throw NotQueryApi(queryUri, $"a row that is not an array of {names.Length} values");
            }

            rows.Add([.. row.EnumerateArray()]);
        }

        QueryCounters? counters = null;
        if (root.TryGetProperty("counters", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            counters = c.Deserialize<QueryCounters>(CounterOptions);
        }

        var bookmarks = new List<string>();
        if (root.TryGetProperty("bookmarks", out var b) && b.ValueKind == JsonValueKind.Array)
        {
            foreach (var bookmark in b.EnumerateArray())
            {
                if (bookmark.ValueKind == JsonValueKind.String)
                {
                    bookmarks.Add(bookmark.GetString()!);
                }
            }
        }

        return new QueryResult(names, rows, counters, bookmarks);
    }

    private static StoreUnavailableException NotQueryApi(Uri queryUri, string what) =>
        new($"Neo4j at {queryUri} answered with {what}; this is not a Query API response.");
}
