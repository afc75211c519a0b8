using System.Text.Json;

namespace Lineage.Graph.Core.OpenLineage;

/// <summary>The <c>job</c> of a RunEvent or JobEvent: namespace, name and facets as sent.</summary>
public sealed record OpenLineageJob(string Namespace, string Name, IReadOnlyDictionary<string, JsonElement> Facets);
