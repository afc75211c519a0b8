using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// Splits an import file into items: a JSON array (each element an item), one JSON document
/// (a single batch or event, pretty-printed or not), or JSON lines (each non-blank line an
/// item). A line that is not JSON is an item that failed; the others still go in.
/// </summary>
internal static class ImportFile
{
    public static IReadOnlyList<ImportItem> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (body.Length == 0)
        {
            return [];
        }

        try
        {
            var whole = JsonSerializer.Deserialize<JsonElement>(body);
            return whole.ValueKind == JsonValueKind.Array
                ? [.. whole.EnumerateArray().Select((item, i) => new ImportItem($"item {i + 1}", item))]
                : [new ImportItem("item 1", whole)];
        }
        catch (JsonException ex) when (body[0] == '[')
        {
            throw new InvalidInputException($"The file starts a JSON array but is not valid JSON: {ex.Message}");
        }
        catch (JsonException)
        {
            // More than one document: JSON lines, read line by line below.
        }

        var items = new List<ImportItem>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                items.Add(new ImportItem($"line {i + 1}", JsonSerializer.Deserialize<JsonElement>(line)));
            }
            catch (JsonException ex)
            {
                items.Add(new ImportItem($"line {i + 1}", default, $"Not valid JSON: {ex.Message}"));
            }
        }

        return items;
    }
}
