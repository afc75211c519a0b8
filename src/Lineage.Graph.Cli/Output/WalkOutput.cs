using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>The answer of <c>lineage KEY</c>: the walk's nodes and edges.</summary>
internal sealed class WalkOutput(WalkResult walk, Direction direction) : ICommandOutput
{
    private readonly GraphView _graph = GraphView.Of(walk, null);

    public LineageDrawing? Drawing => _graph.Drawing;

    public JsonNode ToJson() => new JsonObject
    {
        ["start"] = JsonViews.Ref(walk.Start.Key),
        ["direction"] = Wire.Name(direction),
        ["truncated"] = walk.Truncated,
        ["nodesVisited"] = walk.NodesVisited,
        ["edgesVisited"] = walk.EdgesVisited,
        ["nodes"] = JsonViews.Nodes(walk.Nodes),
        ["edges"] = JsonViews.Edges(walk.Edges),
    };

    public void WriteTable(TextWriter writer)
    {
        writer.WriteLine($"Lineage of {walk.Start.Key} ({Wire.Name(direction)}): {_graph.Summary()}");
        writer.WriteLine();
        _graph.WriteNodes(writer);
        if (_graph.Edges.Count > 0)
        {
            writer.WriteLine();
            _graph.WriteEdges(writer);
        }
    }
}
