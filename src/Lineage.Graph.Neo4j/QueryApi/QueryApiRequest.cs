using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>Writes the body of <c>POST /db/{database}/query/v2</c>.</summary>
internal static class QueryApiRequest
{
    // Default (not web) settings: dictionary keys and property names of parameter values go out
    // exactly as written, since Cypher refers to them by those names.
    private static readonly JsonSerializerOptions ParameterOptions = new(JsonSerializerDefaults.General);

    /// <summary>The UTF-8 JSON body, made once per call so every retry resends the same bytes.</summary>
    public static byte[] Serialize(
        string statement, IReadOnlyDictionary<string, object?>? parameters, AccessMode mode, bool includeCounters, IReadOnlyCollection<string>? bookmarks)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("statement", statement);
            if (parameters is not null)
            {
                writer.WritePropertyName("parameters");
                JsonSerializer.Serialize(writer, parameters, ParameterOptions);
            }

            writer.WriteString("accessMode", mode == AccessMode.Read ? "Read" : "Write");
            writer.WriteBoolean("includeCounters", includeCounters);
            if (bookmarks is { Count: > 0 })
            {
                writer.WriteStartArray("bookmarks");
                foreach (var bookmark in bookmarks)
                {
                    writer.WriteStringValue(bookmark);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <paramref name="body"/> with <c>maxExecutionTime</c> (whole seconds, at least 1) as its first member:
    /// Neo4j ends the transaction past it, so that a statement this client has given up on (its overall
    /// timeout) does not run on, nor a write commit after the caller was told it failed.
    /// </summary>
    public static byte[] WithTimeLimit(byte[] body, int seconds)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        var member = Encoding.UTF8.GetBytes($"{{\"maxExecutionTime\":{seconds.ToString(CultureInfo.InvariantCulture)},");
        return [.. member, .. body.AsSpan(1)];
    }
}
