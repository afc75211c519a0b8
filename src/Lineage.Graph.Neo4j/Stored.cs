using Lineage.Graph.Core;

namespace Lineage.Graph.Neo4j;

/// <summary>An entity as read, with the revision of its node: how many writes have changed it.</summary>
internal sealed record Stored(Entity Entity, long Revision);
