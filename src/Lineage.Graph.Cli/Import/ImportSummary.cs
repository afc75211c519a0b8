using System.Text.Json.Nodes;
using Lineage.Graph.Cli.Output;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// What an import did. An item <c>changed</c> the graph when its batch created or updated
/// anything; a re-run of the same file reports every stored item as unchanged.
/// </summary>
internal sealed class ImportSummary : ICommandOutput
{
    public required string File { get; init; }

    public int Items { get; set; }

    public int Changed { get; set; }

    public int Unchanged { get; set; }

    public int EntitiesCreated { get; set; }

    public int EntitiesUpdated { get; set; }

    public int EntitiesUnchanged { get; set; }

    public int EdgesCreated { get; set; }

    public int EdgesUnchanged { get; set; }

    public List<ImportFailure> Failures { get; } = [];

    /// <summary>The item at which a failure of the store or the server (not of the item) stopped the import; null when it ran to the end.</summary>
    public ImportFailure? Stopped { get; set; }

    /// <summary>How many items were written or failed: all of them, or those before the item the import stopped at.</summary>
    private int Done => Changed + Unchanged + Failures.Count;

    public LineageDrawing? Drawing => null;

    public JsonNode ToJson() => new JsonObject
    {
        ["file"] = File,
        ["items"] = Items,
        ["changed"] = Changed,
        ["unchanged"] = Unchanged,
        ["failed"] = Failures.Count,
        ["entitiesCreated"] = EntitiesCreated,
        ["entitiesUpdated"] = EntitiesUpdated,
        ["entitiesUnchanged"] = EntitiesUnchanged,
        ["edgesCreated"] = EdgesCreated,
        ["edgesUnchanged"] = EdgesUnchanged,
        ["failures"] = new JsonArray([.. Failures.Select(Json)]),
        ["stopped"] = Stopped is null ? null : Json(Stopped),
    };

    private static JsonNode Json(ImportFailure failure) => new JsonObject
    {
        ["position"] = failure.Position,
        ["code"] = failure.Code,
        ["message"] = failure.Message,
    };

    public void WriteTable(TextWriter writer)
    {
        writer.WriteLine($"{Texts.OneLine(File)}: {Items} {(Items == 1 ? "item" : "items")}, {Changed} changed the graph, {Unchanged} already stored, {Failures.Count} failed");
        writer.WriteLine($"entities: {EntitiesCreated} created, {EntitiesUpdated} updated, {EntitiesUnchanged} unchanged; edges: {EdgesCreated} created, {EdgesUnchanged} unchanged");
        foreach (var failure in Failures)
        {
            writer.WriteLine($"failed: {failure.Position}: {failure.Code}: {Texts.OneLine(failure.Message)}");
        }

        if (Stopped is not null)
        {
            writer.WriteLine($"stopped at {Stopped.Position}: {Stopped.Code}: {Texts.OneLine(Stopped.Message)}");
            writer.WriteLine($"{Done} {(Done == 1 ? "item" : "items")} came before it: {Changed + Unchanged} went in and {Failures.Count} failed; run the same import again to go on (stored items come back unchanged)");
        }
    }
}
