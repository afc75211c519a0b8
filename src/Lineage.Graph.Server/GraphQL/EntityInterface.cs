using GraphQL.Types;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

internal sealed class EntityInterface : InterfaceGraphType<Entity>
{
    public EntityInterface()
    {
        Name = "Entity";
        Description = "What every dataset, feature, code version, hyperparameter set, model, run, job and deployment has.";
        EntityFieldSet.AddCommon(this, withResolvers: false);
        EntityTypeResolver.Install(this);
    }
}
