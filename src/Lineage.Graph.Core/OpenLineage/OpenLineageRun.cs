using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>The <c>run</c> of a RunEvent: its id and its facets, each kept as the JSON the producer sent.</summary>
public sealed record OpenLineageRun(Guid RunId, IReadOnlyDictionary<string, JsonElement> Facets);
