using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>
/// Graphviz DOT: one box per entity labelled with its kind and key, filled by kind, the start
/// drawn bold; edges labelled with their relation (and role). Every identifier is a quoted
/// string, so keys with <c>:</c>, <c>/</c>, <c>@</c>, spaces and any Unicode need only
/// <c>\</c> and <c>"</c> escaped.
/// </summary>
internal static class DotWriter
{
    public static void Write(LineageDrawing drawing, TextWriter writer)
    {
        writer.WriteLine("digraph lineage {");
        writer.WriteLine("  rankdir=LR;");
        writer.WriteLine("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];");
        writer.WriteLine("  edge [fontname=\"Helvetica\", fontsize=10];");
        foreach (var key in drawing.AllNodes)
        {
            var bold = key == drawing.Start ? ", penwidth=2" : "";
            writer.WriteLine($"  {Quote(key.ToString())} [label={Quote(Wire.Name(key.Kind) + "\n" + key)}, fillcolor=\"{KindStyle.Fill(key.Kind)}\"{bold}];");
        }

        foreach (var edge in drawing.Edges)
        {
            var label = Relations.Name(edge.Relation) + (edge.Role is null ? "" : $"\n({edge.Role})");
            writer.WriteLine($"  {Quote(edge.From.ToString())} -> {Quote(edge.To.ToString())} [label={Quote(label)}];");
        }

        writer.WriteLine("}");
    }

    /// <summary>A DOT quoted string; a line break becomes DOT's centred-line escape.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
