using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>The <c>job</c> of a RunEvent or JobEvent: namespace, name and facets as sent.</summary>
public sealed record OpenLineageJob(string Namespace, string Name, IReadOnlyDictionary<string, JsonElement> Facets)
{
    /// <summary>The facets marked <c>"_deleted": true</c>: what was stored of them is to be forgotten.</summary>
    public IReadOnlyList<string> DeletedFacets { get; init; } = [];
}
