using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>The answer of <c>paths FROM TO</c>: the shortest paths, each along the flow of data.</summary>
internal sealed class PathsOutput(PathsResult result) : ICommandOutput
{
    public LineageDrawing? Drawing => new(
        result.From.Key,
        [.. result.Paths.SelectMany(p => p.Entities).Select(e => e.Key).Append(result.To.Key).Distinct()],
        [.. result.Paths.SelectMany(p => p.Edges).DistinctBy(e => (e.From, e.To, e.Relation)).Order(Comparer<Edge>.Create(Edge.Compare))]);

    public JsonNode ToJson() => new JsonObject
    {
        ["from"] = JsonViews.Ref(result.From.Key),
        ["to"] = JsonViews.Ref(result.To.Key),
        ["direction"] = Wire.Name(result.Direction),
        ["truncated"] = result.Truncated,
        ["beyondDepth"] = result.BeyondDepth,
        ["paths"] = new JsonArray([.. result.Paths.Select(p => (JsonNode)new JsonObject
        {
            ["length"] = p.Edges.Count,
            ["entities"] = new JsonArray([.. p.Entities.Select(e => (JsonNode)JsonViews.Ref(e.Key))]),
            ["edges"] = JsonViews.Edges(p.Edges),
        })]),
    };

    public void WriteTable(TextWriter writer)
    {
        if (result.Paths.Count == 0)
        {
            // "within the depth" only when the depth cut the search: without more past it, the two are not connected.
            var where = result.Truncated ? " among the entities the walk could return (truncated)" : result.BeyondDepth ? " within the depth" : ": neither leads to the other under the relations followed";
            writer.WriteLine($"No path between {result.From.Key} and {result.To.Key}{where}.");
            if (result.BeyondDepth)
            {
                writer.WriteLine("(the walks stopped at --depth with more past it: a longer path may exist; raise --depth to know)");
            }

            return;
        }

        var count = result.Paths.Count == 1 ? "1 path" : $"{result.Paths.Count} paths";
        writer.WriteLine(result.Direction == Direction.Downstream
            ? $"{count} from {result.From.Key} down to {result.To.Key}:"
            : $"{count} from {result.To.Key} down to {result.From.Key} ({result.To.Key} feeds {result.From.Key}):");
        foreach (var path in result.Paths)
        {
            writer.WriteLine($"  {GraphView.PathText(path.Entities[0].Key, path.Edges)}");
        }

        if (result.Truncated)
        {
            writer.WriteLine("(truncated: a walk was cut by the limit before it reached the target, so a shorter path may lie beyond the cut)");
        }
    }
}
