using GraphQL.Types;

namespace Lineage.Graph.Server.GraphQL;

internal sealed class NeighbourType : ObjectGraphType<Neighbour>
{
    public NeighbourType()
    {
        Name = "Neighbour";
        Description = "An entity one hop away, with the relation that joins it.";
        Field<NonNullGraphType<EntityInterface>>("entity").Resolve(c => c.Source.Entity);
        Field<NonNullGraphType<RelationKindGraphType>>("relation").Resolve(c => c.Source.Edge.Relation);
        Field<StringGraphType>("role").Resolve(c => c.Source.Edge.Role);
        Field<NonNullGraphType<JsonGraphType>>("properties").Resolve(c => AnswerBudget.TakeJson(c, c.Source.Edge.Properties));
        Field<NonNullGraphType<DateTimeScalar>>("recordedAt").Resolve(c => c.Source.Edge.RecordedAt);
    }
}
