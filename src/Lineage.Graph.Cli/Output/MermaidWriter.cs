using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>
/// A Mermaid flowchart, as GitHub renders in a <c>```mermaid</c> block: nodes <c>n0</c>, <c>n1</c>,
/// ... (keys are not valid Mermaid ids) labelled with kind and key, one class per kind for its
/// fill, the start drawn thick; edges labelled with their relation (and role). Labels are quoted,
/// and the characters Mermaid would read as markup are written as its entity codes.
/// </summary>
internal static class MermaidWriter
{
    public static void Write(LineageDrawing drawing, TextWriter writer)
    {
        var ids = drawing.AllNodes.Select((key, i) => (key, id: $"n{i}")).ToDictionary(p => p.key, p => p.id);
        writer.WriteLine("flowchart LR");
        foreach (var key in drawing.AllNodes)
        {
            writer.WriteLine($"  {ids[key]}[\"{Escape(Wire.Name(key.Kind))}<br/>{Escape(key.ToString())}\"]");
        }

        foreach (var edge in drawing.Edges)
        {
            var label = Relations.Name(edge.Relation) + (edge.Role is null ? "" : $" ({edge.Role})");
            writer.WriteLine($"  {ids[edge.From]} -->|\"{Escape(label)}\"| {ids[edge.To]}");
        }

        foreach (var kind in drawing.AllNodes.Select(k => k.Kind).Distinct().Order())
        {
            var members = drawing.AllNodes.Where(k => k.Kind == kind).Select(k => ids[k]);
            writer.WriteLine($"  classDef {Class(kind)} fill:{KindStyle.Fill(kind)},stroke:#555");
            writer.WriteLine($"  class {string.Join(",", members)} {Class(kind)}");
        }

        if (drawing.Start is not null)
        {
            writer.WriteLine($"  style {ids[drawing.Start]} stroke-width:3px");
        }
    }

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '#' => "#35;",
                '"' => "#quot;",
                '<' => "#lt;",
                '>' => "#gt;",
                '&' => "#amp;",
                '|' => "#124;",
                '`' => "#96;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static string Class(EntityKind kind) => "kind_" + EntityKinds.KeyPrefix(kind);
}
