using GraphQL.Types;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

internal sealed class NodeInterface : InterfaceGraphType<Entity>
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "Relay's Node: anything with a global id, fetched again with node(id:).";
        Field<NonNullGraphType<IdGraphType>>("id");
        EntityTypeResolver.Install(this);
    }
}
