namespace Lineage.Graph.Core.OpenLineage;

/// <summary>
/// An event's batch, with the member of the event each entity and edge came from
/// (<c>run</c>, <c>job</c>, <c>inputs[1]</c>, <c>run.facets.parent.run</c>, ...), in batch order.
/// </summary>
public sealed record MappedEvent(WriteBatch Batch, IReadOnlyList<string> EntitySources, IReadOnlyList<string> EdgeSources)
{
    /// <summary>
    /// The member of the event that a batch item as a store names it (<c>entities[3]</c>,
    /// <c>edges[0].to</c>) came from, or null for an item the batch does not have.
    /// </summary>
    public string? DescribeItem(string batchItem)
    {
        if (!WriteBatch.TryParseItem(batchItem, out var list, out var index))
        {
            return null;
        }

        var sources = list == "entities" ? EntitySources : EdgeSources;
        return index < sources.Count ? sources[index] : null;
    }
}
