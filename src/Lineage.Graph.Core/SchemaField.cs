namespace Lineage.Graph.Core;

/// <summary>One column of a dataset's schema.</summary>
public sealed record SchemaField(string Name, string? Type = null, string? Description = null);
