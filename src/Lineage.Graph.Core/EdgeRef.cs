namespace Lineage.Graph.Core;

/// <summary>Names an edge by its identity, for retiring it, and as a walk's edge in <see cref="WalkKeys"/>.</summary>
public sealed record EdgeRef(EntityKey From, EntityKey To, RelationKind Relation)
{
    /// <summary>Edges in the model's order, as <see cref="Edge.Compare"/> orders them.</summary>
    public static int Compare(EdgeRef a, EdgeRef b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(a.From, a.To, a.Relation, b.From, b.To, b.Relation);
    }

    /// <summary>By from, to, then the relation's name.</summary>
    internal static int Compare(EntityKey aFrom, EntityKey aTo, RelationKind aRelation, EntityKey bFrom, EntityKey bTo, RelationKind bRelation)
    {
        var order = aFrom.CompareTo(bFrom);
        if (order == 0)
        {
            order = aTo.CompareTo(bTo);
        }

        return order != 0 ? order : string.CompareOrdinal(Relations.Name(aRelation), Relations.Name(bRelation));
    }
}
