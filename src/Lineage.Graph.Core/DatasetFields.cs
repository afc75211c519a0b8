namespace Lineage.Graph.Core;

public sealed record DatasetFields : EntityFields
{
    public override EntityKind Kind => EntityKind.Dataset;

    public IReadOnlyList<SchemaField>? Schema { get; init; }

    public long? RowCount { get; init; }

    public string? ContentHash { get; init; }

    public string? Uri { get; init; }
}
