using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>The answer of <c>get KEY</c>: one entity with every field.</summary>
internal sealed class EntityOutput(Entity entity) : ICommandOutput
{
    /// <summary>Lists and objects as compact JSON with their text as written (<c>Zoë</c>, not <c>Zo\u00EB</c>), as the JSON output prints it.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public LineageDrawing? Drawing => null;

    public JsonNode ToJson() => JsonViews.Entity(entity);

    public void WriteTable(TextWriter writer)
    {
        var table = new TextTable("FIELD", "VALUE");
        foreach (var (name, value) in JsonViews.Entity(entity))
        {
            if (value is not null)
            {
                table.Add(name, value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value.ToJsonString(Readable));
            }
        }

        table.Write(writer);
    }
}
