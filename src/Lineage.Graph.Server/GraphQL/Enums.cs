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
    public RelationKindGraphType() => Name = "RelationKind";
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
