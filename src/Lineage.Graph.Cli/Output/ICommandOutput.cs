using System.Text.Json.Nodes;

namespace Lineage.Graph.Cli.Output;

/// <summary>A command's answer, printable in every format it supports.</summary>
internal interface ICommandOutput
{
    /// <summary>The answer as the documented JSON that scripts parse.</summary>
    JsonNode ToJson();

    /// <summary>The answer for a person at a terminal.</summary>
    void WriteTable(TextWriter writer);

    /// <summary>The lineage graph to draw as DOT or Mermaid; null for answers that are not a graph.</summary>
    LineageDrawing? Drawing { get; }
}
