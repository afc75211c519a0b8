using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// Parses a request body as JSON the same way on every endpoint: at most 64 levels deep, and a
/// member name given twice refused, since readers disagree on which of the two counts (System.Text.Json
/// keeps the last silently; GraphQL.NET's variables reader throws deep inside execution). OpenLineage
/// events are the exception on both counts: they may nest as deep as the mapper reads (its
/// MaxEventDepth), and a producer may repeat a member with its value, so the mapper judges repeats
/// event by event (Core's RepeatedMembers), and one bad event of a batch fails alone.
/// </summary>
internal static class JsonBody
{
    /// <summary>
    /// Whether a JSON body's declared charset is one this server reads: none, or UTF-8 (RFC 8259, 8.1,
    /// has JSON exchanged in UTF-8). A body declared in another charset is refused as such, rather than
    /// read as UTF-8 and refused for bytes it holds rightly in its own.
    /// </summary>
    public static bool IsUtf8(MediaTypeHeaderValue contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        // HTTP allows the parameter quoted (charset="utf-8"); the parsed value keeps the quotes.
        var charset = HeaderUtilities.RemoveQuotes(contentType.Charset).Value;
        return charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses <paramref name="body"/>; a failure names it as <paramref name="what"/> (a GET's variables are read alike).</summary>
    public static (JsonDocument? Json, HttpFailure? Failure) Parse(byte[] body, bool repeatsJudgedLater = false, int maxDepth = 64, string what = "The body")
    {
        try
        {
            return (JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = repeatsJudgedLater }), null);
        }
        catch (JsonException ex)
        {
            return (null, new HttpFailure(StatusCodes.Status400BadRequest, ServerErrorCodes.InvalidRequest, $"{what} is not valid JSON: {ex.Message}"));
        }
        catch (InvalidOperationException)
        {
            // Comparing names for duplicates reads them, and a name that is not well-formed text cannot be read.
            return (null, new HttpFailure(StatusCodes.Status400BadRequest, ServerErrorCodes.InvalidRequest,
                $"{what} holds a member name that is not well-formed Unicode text (invalid UTF-8 or an unpaired surrogate)."));
        }
    }
}
