using System.Text.RegularExpressions;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Marquez;

/// <summary>A Marquez node id, <c>dataset:{namespace}:{name}</c> or <c>job:{namespace}:{name}</c>.</summary>
/// <remarks>
/// Namespace and name are joined by a colon, and both may hold colons (<c>postgres://db:5432</c>,
/// <c>path/to:file</c>), so one id can have several readings and no rule on the text alone finds
/// every node: Marquez's own (the first colon that starts neither <c>//</c> nor a digit) misses
/// <c>postgres://db:5432</c> with <c>2024_orders</c>. So <see cref="Parse"/> gives every reading
/// and <see cref="MarquezLineage"/> takes the first that names a recorded node. Marquez's reading
/// is first, so that an id written for Marquez means what it meant there; the others follow from
/// the rightmost colon leftwards, since a colon Marquez skips is more often a port's, which belongs
/// to the namespace, than the start of a name. The order is fixed, so that when two readings are
/// both recorded the same one is answered every time (the id cannot tell them apart; the other is
/// then reachable only through GraphQL).
/// </remarks>
internal sealed partial record MarquezNodeId(MarquezNodeType Type, string Namespace, string Name)
{
    /// <summary>The most readings of one id that are tried, Marquez's first.</summary>
    public const int MaxReadings = 16;

    public string Value => $"{(Type == MarquezNodeType.Dataset ? "dataset" : "job")}:{Namespace}:{Name}";

    /// <summary>Every reading of an id as a namespace and a name, in the order they are tried.</summary>
    public static IReadOnlyList<MarquezNodeId> Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidInputException("Required: dataset:{namespace}:{name} or job:{namespace}:{name}.", "nodeId");
        }

        var type = value.StartsWith("dataset:", StringComparison.Ordinal) ? MarquezNodeType.Dataset
            : value.StartsWith("job:", StringComparison.Ordinal) ? MarquezNodeType.Job
            : throw new InvalidInputException($"'{Texts.Shorten(value)}' must start with 'dataset:' or 'job:'.", "nodeId");

        var rest = value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var marquez = MarquezDelimiter().Match(rest) is { Success: true } match ? match.Index : -1;
        var colons = Enumerable.Range(0, rest.Length).Reverse().Where(i => rest[i] == ':' && i != marquez);
        var splits = (marquez >= 0 ? colons.Prepend(marquez) : colons).Where(i => i > 0 && i < rest.Length - 1).ToList();
        if (splits.Count == 0)
        {
            throw new InvalidInputException($"'{Texts.Shorten(value)}' needs a namespace and a name: {(type == MarquezNodeType.Dataset ? "dataset" : "job")}:{{namespace}}:{{name}}.", "nodeId");
        }

        var readings = splits
            // A part longer than a key allows names nothing recorded (EntityKey.Create refuses it), and
            // leaving such readings out bounds how many a long id has.
            .Where(i => !Texts.IsLongerThan(rest.AsSpan(0, i), EntityKey.MaxPartLength) && !Texts.IsLongerThan(rest.AsSpan(i + 1), EntityKey.MaxPartLength))
            // Each reading may cost a listing; a real id has a few colons, and an id of a thousand
            // would otherwise cost a thousand store calls.
            .Take(MaxReadings)
            .Select(i => new MarquezNodeId(type, rest[..i], rest[(i + 1)..]))
            .ToList();
        if (readings.Count == 0)
        {
            // As GraphQL refuses a key with a part that long.
            throw new InvalidKeyException($"'{Texts.Shorten(value)}' has no reading as a namespace and a name of at most {EntityKey.MaxPartLength} characters each.", "nodeId");
        }

        // A reading whose parts no key allows (a NUL, a line break) names nothing recorded; when no reading
        // is left the id is refused as GraphQL refuses such a key, rather than answered as not found.
        var valid = new List<MarquezNodeId>(readings.Count);
        InvalidKeyException? refused = null;
        foreach (var reading in readings)
        {
            try
            {
                EntityKey.Create(reading.Kind, reading.Namespace, reading.Name);
                valid.Add(reading);
            }
            catch (InvalidKeyException ex)
            {
                refused ??= ex;
            }
        }

        return valid.Count > 0 ? valid : throw new InvalidKeyException(refused!.Message, "nodeId");
    }

    /// <summary>The kind of entity a reading's key names: models and features are datasets to Marquez, and are found by listing.</summary>
    public EntityKind Kind => Type == MarquezNodeType.Dataset ? EntityKind.Dataset : EntityKind.Job;


    public static MarquezNodeId Of(MarquezNodeType type, EntityKey key) => new(type, key.Namespace, key.Name);

    [GeneratedRegex(@":(?!//|\d)")]
    private static partial Regex MarquezDelimiter();
}
