namespace Lineage.Graph.Core;

/// <summary>
/// A unit of writing: all of it is stored or none of it. Edges may name entities of the same
/// batch or entities already stored.
/// </summary>
public sealed record WriteBatch
{
    /// <summary>The most entities and edges one batch may hold together.</summary>
    public const int MaxItems = 100_000;

    public IReadOnlyList<EntityInput> Entities { get; init; } = [];

    public IReadOnlyList<EdgeInput> Edges { get; init; } = [];

    /// <summary>
    /// Checks everything that can be checked without the store, and returns the batch with
    /// roles normalised. Throws for the first bad item, naming it (<c>entities[2]</c>).
    /// </summary>
    public WriteBatch Validate()
    {
        ArgumentNullException.ThrowIfNull(Entities);
        ArgumentNullException.ThrowIfNull(Edges);
        if (Entities.Count + Edges.Count > MaxItems)
        {
            throw new LimitExceededException(
                $"A batch holds at most {MaxItems} entities and edges together; this one has {Entities.Count + Edges.Count}. Split it.");
        }

        for (var i = 0; i < Entities.Count; i++)
        {
            EntityValidation.Check(Entities[i], new ItemName("entities", i));
        }

        var edges = new EdgeInput[Edges.Count];
        for (var i = 0; i < Edges.Count; i++)
        {
            edges[i] = EntityValidation.Check(Edges[i], new ItemName("edges", i));
        }

        return this with { Edges = edges };
    }

    /// <summary>
    /// Reads an item as stores name it (<c>entities[3]</c>, <c>edges[0].to</c>) into its list
    /// (<c>entities</c> or <c>edges</c>) and position; false for any other text.
    /// </summary>
    public static bool TryParseItem(string item, out string list, out int index)
    {
        ArgumentNullException.ThrowIfNull(item);
        var open = item.IndexOf('[', StringComparison.Ordinal);
        var close = item.IndexOf(']', StringComparison.Ordinal);
        list = open > 0 ? item[..open] : "";
        index = -1;
        return open > 0 && close > open && list is "entities" or "edges"
            && int.TryParse(item.AsSpan(open + 1, close - open - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index);
    }
}
