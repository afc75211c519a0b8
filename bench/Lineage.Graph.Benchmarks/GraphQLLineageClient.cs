using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The <c>lineage</c> query as a client sends it: POST /graphql with the key as a variable, the
/// Reader key as a bearer token, and the whole answer read, as an impact view would need it.
/// </summary>
internal sealed class GraphQLLineageClient(HttpClient http, string apiKey)
{
    private const string Query = """
        query Impact($key: String!, $maxDepth: Int!, $limit: Int!) {
          lineage(key: $key, direction: DOWNSTREAM, maxDepth: $maxDepth, limit: $limit) {
            truncated
            nodesVisited
            nodes { depth entity { key kind } }
            edges { fromKey toKey relation }
          }
        }
        """;

    private static readonly Uri Endpoint = new("graphql", UriKind.Relative);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue GraphQLResponse = new("application/graphql-response+json");

    /// <summary>The request body for an impact walk from <paramref name="start"/>; built before the clock runs.</summary>
    public static byte[] Body(EntityKey start, int maxDepth, int limit)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", Query);
            writer.WriteStartObject("variables");
            writer.WriteString("key", start.ToString());
            writer.WriteNumber("maxDepth", maxDepth);
            writer.WriteNumber("limit", limit);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Sends one query; the time runs from sending to the last byte of the answer read, not parsed.</summary>
    public async Task<(double Milliseconds, HttpStatusCode Status, byte[] Answer)> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Add(GraphQLResponse);
        var began = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (Stopwatch.GetElapsedTime(began).TotalMilliseconds, response.StatusCode, answer);
    }

    /// <summary>What an answer holds, or why it is not a clean answer (a status, GraphQL errors, no data).</summary>
    public static (int Nodes, int Edges, bool Truncated, string? Error) Read(HttpStatusCode status, byte[] answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            var root = json.RootElement;
            if (root.TryGetProperty("errors", out var errors))
            {
                return (0, 0, false, $"HTTP {(int)status}, errors: {Shorten(errors.GetRawText())}");
            }

            if (status != HttpStatusCode.OK || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("lineage", out var lineage) || lineage.ValueKind != JsonValueKind.Object)
            {
                return (0, 0, false, $"HTTP {(int)status}: {Shorten(root.GetRawText())}");
            }

            return (lineage.GetProperty("nodes").GetArrayLength(), lineage.GetProperty("edges").GetArrayLength(), lineage.GetProperty("truncated").GetBoolean(), null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (0, 0, false, $"HTTP {(int)status}, not a lineage answer ({ex.Message}): {Shorten(System.Text.Encoding.UTF8.GetString(answer))}");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
