using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>One hyperparameter in two closures.</summary>
public sealed record ValueChange(string Name, ChangeKind Change, JsonElement? A, JsonElement? B);
