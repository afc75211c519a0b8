using System.Text.RegularExpressions;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Marquez;

/// <summary>
/// A Marquez node id, <c>dataset:{namespace}:{name}</c> or <c>job:{namespace}:{name}</c>.
/// Namespaces are OpenLineage namespaces such as <c>postgres://db.example.com:5432</c>, so the
/// id is split as Marquez splits it: on its two colons when it has two, otherwise on the first
/// two that start neither <c>//</c> (a scheme) nor a port number; the name is the rest, colons
/// and all.
/// </summary>
internal sealed partial record MarquezNodeId(MarquezNodeType Type, string Namespace, string Name)
{
    public string Value => $"{(Type == MarquezNodeType.Dataset ? "dataset" : "job")}:{Namespace}:{Name}";

    public static MarquezNodeId Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidInputException("Required: dataset:{namespace}:{name} or job:{namespace}:{name}.", "nodeId");
        }

        var type = value.StartsWith("dataset:", StringComparison.Ordinal) ? MarquezNodeType.Dataset
            : value.StartsWith("job:", StringComparison.Ordinal) ? MarquezNodeType.Job
            : throw new InvalidInputException($"'{value}' must start with 'dataset:' or 'job:'.", "nodeId");

        var rest = value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var parts = rest.Split(':');
        if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
        {
            // One colon left: it is the delimiter, even before a digit (a name such as 2024_orders).
            return new MarquezNodeId(type, parts[0], parts[1]);
        }

        // More colons: the namespace ends at the first that is no scheme and no port.
        var delimiter = Delimiter().Match(rest);
        if (!delimiter.Success || delimiter.Index == 0 || delimiter.Index == rest.Length - 1)
        {
            throw new InvalidInputException($"'{value}' needs a namespace and a name: {(type == MarquezNodeType.Dataset ? "dataset" : "job")}:{{namespace}}:{{name}}.", "nodeId");
        }

        return new MarquezNodeId(type, rest[..delimiter.Index], rest[(delimiter.Index + 1)..]);
    }

    public static MarquezNodeId Of(MarquezNodeType type, EntityKey key) => new(type, key.Namespace, key.Name);

    [GeneratedRegex(@":(?!//|\d)")]
    private static partial Regex Delimiter();
}
