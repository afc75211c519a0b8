using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>The answer of <c>get KEY</c>: one entity with every field.</summary>
internal sealed class EntityOutput(Entity entity) : ICommandOutput
{
    public LineageDrawing? Drawing => null;

    public JsonNode ToJson() => JsonViews.Entity(entity);

    public void WriteTable(TextWriter writer)
    {
        var table = new TextTable("FIELD", "VALUE");
        foreach (var (name, value) in JsonViews.Entity(entity))
        {
            if (value is not null)
            {
                table.Add(name, value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value.ToJsonString());
            }
        }

        table.Write(writer);
    }
}
