namespace Lineage.Graph.Core;

/// <summary>A store's state for <c>/healthz</c>: whether it answers, what it is, and a few figures.</summary>
public sealed record StoreHealth(StoreStatus Status, string Store, string Description, IReadOnlyDictionary<string, object> Data);
