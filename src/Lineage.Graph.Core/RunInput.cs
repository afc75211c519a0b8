namespace Lineage.Graph.Core;

/// <summary>An entity a run read, and in which role (training, validation, test, reference).</summary>
public sealed record RunInput(EntityKey Key, string? Role = null);
