using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// A walk answer in a few bytes, so that the store's and the CTE's answers can be checked equal
/// (each list whole and in order) without keeping thousands of answers alive while other walks are
/// timed: the memory figures taken between the walks would count them.
/// </summary>
internal readonly record struct AnswerDigest(string Nodes, string Edges, int NodeCount, int EdgeCount)
{
    public static AnswerDigest Of(IReadOnlyList<WalkNode> nodes, IReadOnlyList<Edge> edges)
    {
        var text = new StringBuilder();
        foreach (var node in nodes)
        {
            var entity = node.Entity;
            text.Append(CultureInfo.InvariantCulture, $"{entity.Key}\n{node.Depth} {entity.RecordedAt.UtcTicks} {entity.UpdatedAt.UtcTicks}\n");
        }

        var nodeHash = Hash(text);
        text.Clear();
        foreach (var edge in edges)
        {
            text.Append(CultureInfo.InvariantCulture, $"{edge.From}\n{edge.To}\n{Relations.Name(edge.Relation)} {edge.Role} {edge.RecordedAt.UtcTicks} {edge.RetiredAt?.UtcTicks}\n");
            text.Append(JsonSerializer.Serialize(edge.Properties)).Append('\n');
        }

        return new AnswerDigest(nodeHash, Hash(text), nodes.Count, edges.Count);
    }

    private static string Hash(StringBuilder text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
}
