using System.Buffers;
using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// Writes the JSON columns of rows (labels, properties, typed fields) as UTF-8 into one reused
/// buffer and binds them from there: the text <see cref="JsonSerializer"/> gives with the same
/// options, without a string per column (an ingest writes four to an entity, one to an edge) that
/// the binding then encodes again. Not thread-safe: one write uses one.
/// </summary>
internal sealed class JsonColumns
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1_024);

    // The writer options the serializer makes of LineageJson.Options when it writes a string
    // (its encoder, no indenting, its default depth), so that the bytes are the same.
    private readonly Utf8JsonWriter _writer;

    public JsonColumns() =>
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = LineageJson.Options.Encoder, MaxDepth = 64 });

    /// <summary>Tags or owners, as a JSON array of strings.</summary>
    public void BindLabels(RawStatement statement, int index, IReadOnlyList<string> labels)
    {
        if (labels.Count == 0)
        {
            statement.Bind(index, "[]"u8);
            return;
        }

        Start();
        _writer.WriteStartArray();
        foreach (var label in labels)
        {
            _writer.WriteStringValue(label);
        }

        _writer.WriteEndArray();
        Bind(statement, index);
    }

    public void BindProperties(RawStatement statement, int index, IReadOnlyDictionary<string, JsonElement> properties)
    {
        if (properties.Count == 0)
        {
            statement.Bind(index, "{}"u8);
            return;
        }

        Start();
        JsonSerializer.Serialize(_writer, properties, LineageJson.Options);
        Bind(statement, index);
    }

    /// <summary>Typed fields, or NULL for an entity without them.</summary>
    public void BindFields(RawStatement statement, int index, EntityFields? fields)
    {
        if (fields is null)
        {
            statement.Bind(index, (string?)null);
            return;
        }

        Start();
        JsonSerializer.Serialize(_writer, fields, fields.GetType(), LineageJson.Options);
        Bind(statement, index);
    }

    private void Start()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
    }

    private void Bind(RawStatement statement, int index)
    {
        _writer.Flush();
        statement.Bind(index, _buffer.WrittenSpan);
    }
}
