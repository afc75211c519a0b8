using GraphQL.Types;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

// Enum values are UPPER_CASE on the wire (GraphQL.NET's constant case): CODE_VERSION, INPUT_TO, DOWNSTREAM.

internal sealed class EntityKindGraphType : EnumerationGraphType<EntityKind>
{
    public EntityKindGraphType() => Name = "EntityKind";
}

internal sealed class RelationKindGraphType : EnumerationGraphType<RelationKind>
{
    public RelationKindGraphType()
    {
        Name = "RelationKind";
        Description = "An edge's relation, which says which kinds it joins and which way. The first six are the lineage relations, which walks follow unless told otherwise; NEXT_VERSION, INSTANCE_OF and CHILD_OF are structure, followed only when asked for.";
        string[] descriptions =
        [
            "A dataset, feature or model read by a run (with a role: training, validation, test or reference).",
            "A run wrote a dataset, feature or model.",
            "A code version ran as a run.",
            "A hyperparameter set configured a run.",
            "Declared lineage where no run is recorded, between any kinds but runs (a dataset to a feature, a base model to a fine-tuned one).",
            "A model version serves as a deployment.",
            "A version to the next version of the same kind, namespace and name.",
            "A run to its job.",
            "A run to its parent run.",
        ];
        foreach (var value in Values)
        {
            value.Description = descriptions[(int)(RelationKind)value.Value!];
        }
    }
}

internal sealed class DirectionGraphType : EnumerationGraphType<Direction>
{
    public DirectionGraphType() => Name = "Direction";
}

internal sealed class RunTypeGraphType : EnumerationGraphType<RunType>
{
    public RunTypeGraphType() => Name = "RunType";
}

internal sealed class ChangeKindGraphType : EnumerationGraphType<ChangeKind>
{
    public ChangeKindGraphType() => Name = "ChangeKind";
}
