namespace Lineage.Graph.Core;

/// <summary>The kinds of edge. Lineage relations point along the flow of data; the last three are structural.</summary>
public enum RelationKind
{
    InputTo,
    Produced,
    ExecutedIn,
    Configured,
    Derives,
    DeployedAs,
    NextVersion,
    InstanceOf,
    ChildOf,
}
