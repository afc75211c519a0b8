using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>
/// A dataset of an event: an input, an output, or the subject of a DatasetEvent.
/// </summary>
/// <param name="Namespace">Where it lives, in OpenLineage naming (<c>s3://bucket</c>, <c>postgres://host:5432</c>, <c>bigquery</c>).</param>
/// <param name="Name">Path or table.</param>
/// <param name="Facets">The dataset facets (<c>facets</c>).</param>
/// <param name="IoFacets">The facets of this read or write: <c>inputFacets</c> of an input, <c>outputFacets</c> of an output.</param>
/// <param name="Item">Where it sits in the event (<c>inputs[2]</c>, <c>outputs[0]</c>, <c>dataset</c>), for errors.</param>
public sealed record OpenLineageDataset(
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, JsonElement> Facets,
    IReadOnlyDictionary<string, JsonElement> IoFacets,
    string Item)
{
    /// <summary>The dataset facets marked <c>"_deleted": true</c>: what was stored of them is to be forgotten.</summary>
    public IReadOnlyList<string> DeletedFacets { get; init; } = [];

    /// <summary>The facets of this read or write marked <c>"_deleted": true</c>.</summary>
    public IReadOnlyList<string> DeletedIoFacets { get; init; } = [];
}
