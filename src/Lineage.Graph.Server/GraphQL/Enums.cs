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
        Description = "An edge's relation, which says which kinds it joins and which way. INPUT_TO, PRODUCED, EXECUTED_IN, CONFIGURED, DERIVES and DEPLOYED_AS are the lineage relations, which walks follow unless told otherwise; NEXT_VERSION, INSTANCE_OF and CHILD_OF are structure, followed only when asked for.";
        foreach (var value in Values)
        {
            value.Description = Describe((RelationKind)value.Value!);
        }
    }

    // A switch rather than a table, so that a new relation cannot go without a description.
    private static string Describe(RelationKind relation) => relation switch
    {
        RelationKind.InputTo => "A dataset, feature or model read by a run (with a role: training, validation, test or reference).",
        RelationKind.Produced => "A run wrote a dataset, feature or model.",
        RelationKind.ExecutedIn => "A code version ran as a run.",
        RelationKind.Configured => "A hyperparameter set configured a run.",
        RelationKind.Derives => "Declared lineage where no run is recorded, between any kinds but runs (a dataset to a feature, a base model to a fine-tuned one).",
        RelationKind.DeployedAs => "A model version serves as a deployment.",
        RelationKind.NextVersion => "A version to the next version of the same kind, namespace and name.",
        RelationKind.InstanceOf => "A run to its job.",
        RelationKind.ChildOf => "A run to its parent run.",
        _ => throw new ArgumentOutOfRangeException(nameof(relation), relation, null),
    };
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
