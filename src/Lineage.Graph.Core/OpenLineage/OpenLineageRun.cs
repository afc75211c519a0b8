using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>The <c>run</c> of a RunEvent: its id and its facets, each kept as the JSON the producer sent.</summary>
public sealed record OpenLineageRun(Guid RunId, IReadOnlyDictionary<string, JsonElement> Facets)
{
    /// <summary>The facets marked <c>"_deleted": true</c>: what was stored of them is to be forgotten.</summary>
    public IReadOnlyList<string> DeletedFacets { get; init; } = [];

    /// <summary>The run id as the event gave it, when that was not a UUID and <see cref="RunId"/> was derived from it.</summary>
    public string? GivenRunId { get; init; }
}
