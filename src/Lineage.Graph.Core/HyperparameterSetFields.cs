using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>The values of a hyperparameter set; the set's name is the hash of these values (<see cref="HyperparameterSets"/>).</summary>
public sealed record HyperparameterSetFields : EntityFields
{
    public override EntityKind Kind => EntityKind.HyperparameterSet;

    public required IReadOnlyDictionary<string, JsonElement> Values { get; init; }
}
