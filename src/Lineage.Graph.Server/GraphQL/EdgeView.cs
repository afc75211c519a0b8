using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>An edge with both its entities, taken from the answer it belongs to (so asOf answers show entities since retired).</summary>
internal sealed class EdgeView(Edge edge, Func<EntityKey, Entity> entityOf)
{
    public Edge Edge => edge;

    public Entity From => entityOf(edge.From);

    public Entity To => entityOf(edge.To);

    public static List<EdgeView> Of(WalkResult walk)
    {
        // Most queries ask for the ends' keys only, so the answer's entities are indexed by key when
        // an end's entity is first asked for, not for every walk.
        var byKey = new Lazy<Dictionary<EntityKey, Entity>>(() => ByKey(walk.Nodes.Select(n => n.Entity).Prepend(walk.Start)));
        return [.. walk.Edges.Select(e => new EdgeView(e, key => byKey.Value[key]))];
    }

    public static List<EdgeView> Of(LineagePath path)
    {
        var byKey = ByKey(path.Entities);
        return [.. path.Edges.Select(e => new EdgeView(e, key => byKey[key]))];
    }

    private static Dictionary<EntityKey, Entity> ByKey(IEnumerable<Entity> entities)
    {
        var byKey = new Dictionary<EntityKey, Entity>();
        foreach (var entity in entities)
        {
            byKey.TryAdd(entity.Key, entity);
        }

        return byKey;
    }
}
