using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>The answer of <c>search TEXT</c>: the first page of matching entities, in key order.</summary>
internal sealed class SearchOutput(EntityPage page) : ICommandOutput
{
    public LineageDrawing? Drawing => null;

    public JsonNode ToJson() => new JsonObject
    {
        ["totalCount"] = page.TotalCount,
        ["hasNextPage"] = page.HasNextPage,
        ["entities"] = new JsonArray([.. page.Items.Select(e => (JsonNode)JsonViews.Entity(e))]),
    };

    public void WriteTable(TextWriter writer)
    {
        var table = new TextTable("KIND", "KEY", "DESCRIPTION");
        foreach (var entity in page.Items)
        {
            table.Add(Wire.Name(entity.Kind), entity.Key.ToString(), entity.Description ?? "");
        }

        table.Write(writer);
        writer.WriteLine($"{page.Items.Count} of {page.TotalCount} shown");
    }
}
