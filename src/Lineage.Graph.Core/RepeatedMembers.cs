using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// Member names given twice in one JSON object. A producer that repeats a member with the same value
/// says nothing twice (OpenLineage's Spark integration 1.53 writes the <c>processing_engine</c> facet
/// twice), so the two are read as one. A name repeated with different values is refused: which of them
/// counts would be a guess, and readers differ (System.Text.Json keeps the last, others the first).
/// </summary>
public static class RepeatedMembers
{
    /// <summary>At least as deep as any reader of the values given here allows (<see cref="OpenLineage.OpenLineageMapper.MaxEventDepth"/>).</summary>
    private const int CopyDepth = 1_024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true, MaxDepth = CopyDepth };

    /// <summary>
    /// <paramref name="value"/> itself when no member name repeats, else a copy with each repeat
    /// left out; throws <see cref="InvalidInputException"/> naming the member (<c>run.facets.x</c>,
    /// below <paramref name="path"/>) when a repeat has another value.
    /// </summary>
    public static JsonElement Collapse(JsonElement value, string path)
    {
        if (!Repeats(value, path))
        {
            return value;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteOnce(writer, value);
        }

        // The copy nests as deeply as the value, which its own reader bounded already (an event may nest
        // 512 levels): read back at the default bound of 64, a deep event with a repeat threw here.
        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = CopyDepth });
        return document.RootElement.Clone();
    }

    /// <summary>Whether some member name repeats with the value it had; throws for one that repeats with another.</summary>
    private static bool Repeats(JsonElement value, string path)
    {
        var repeats = false;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                Dictionary<string, JsonElement>? seen = null;
                foreach (var member in value.EnumerateObject())
                {
                    seen ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    if (seen.TryGetValue(member.Name, out var first))
                    {
                        if (!JsonElement.DeepEquals(first, member.Value))
                        {
                            throw new InvalidInputException(
                                $"'{member.Name}' is given twice with different values; which one counts would be a guess.", Below(path, member.Name));
                        }

                        repeats = true;
                        continue;
                    }

                    seen[member.Name] = member.Value;
                    if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        repeats |= Repeats(member.Value, Below(path, member.Name));
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    repeats |= Repeats(item, $"{path}[{index++}]");
                }

                break;
        }

        return repeats;
    }

    private static string Below(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void WriteOnce(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var written = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in value.EnumerateObject().Where(m => written.Add(m.Name)))
                {
                    writer.WritePropertyName(member.Name);
                    WriteOnce(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteOnce(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
