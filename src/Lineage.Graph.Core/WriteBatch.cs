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
    /// Why the item after this batch's last one was refused before the batch reached a store (its
    /// key did not parse, say), when whoever refused it kept the items before it. The model's error
    /// names a batch's first bad item, and only the store can tell whether one of these is bad
    /// against what it holds (a retired entity, a missing edge end). A store checks these items as
    /// for a write, throws the first of their errors, and otherwise throws this one (<see cref="ThrowIfRefused"/>);
    /// it writes nothing either way.
    /// </summary>
    public LineageException? Refused { get; init; }

    /// <summary>
    /// Checks everything that can be checked without the store, and returns the batch with
    /// roles normalised. Throws for the first bad item, naming it (<c>entities[2]</c>), or for
    /// <see cref="Refused"/> when the items before it are good.
    /// </summary>
    public WriteBatch Validate()
    {
        var validated = ValidateUntilRefused();
        validated.ThrowIfRefused();
        return validated;
    }

    /// <summary>
    /// <see cref="Validate"/> for a store: an item that fails these checks is not thrown at once, but
    /// the batch comes back cut before it, with its error as <see cref="Refused"/>, so that the store
    /// can still name an earlier item that fails against what it holds. Throws only for the batch as a
    /// whole (its size).
    /// </summary>
    public WriteBatch ValidateUntilRefused()
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
            try
            {
                EntityValidation.Check(Entities[i], new ItemName("entities", i));
            }
            catch (LineageException ex) when (!ex.IsStoreRefusal)
            {
                return this with { Entities = [.. Entities.Take(i)], Edges = [], Refused = ex };
            }
        }

        var edges = new List<EdgeInput>(Edges.Count);
        for (var i = 0; i < Edges.Count; i++)
        {
            try
            {
                edges.Add(EntityValidation.Check(Edges[i], new ItemName("edges", i)));
            }
            catch (LineageException ex) when (!ex.IsStoreRefusal)
            {
                return this with { Edges = edges, Refused = ex };
            }
        }

        return this with { Edges = edges };
    }

    /// <summary>Throws <see cref="Refused"/>, if there is one: for a store, once these items have passed its checks and before it writes.</summary>
    public void ThrowIfRefused()
    {
        if (Refused is { } refused)
        {
            throw refused;
        }
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
