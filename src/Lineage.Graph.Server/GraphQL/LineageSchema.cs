using GraphQL.Types;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>The schema: a singleton, built once at start.</summary>
public sealed class LineageSchema : Schema
{
    public LineageSchema(IServiceProvider services)
        : base(services)
    {
        Description = "Lineage.Graph: ML lineage as a graph. What made this model? What breaks if this dataset changes?";
        Query = services.GetRequiredService<LineageQuery>();
        Mutation = services.GetRequiredService<LineageMutation>();
        RegisterType(typeof(DatasetEntityType));
        RegisterType(typeof(FeatureEntityType));
        RegisterType(typeof(CodeVersionEntityType));
        RegisterType(typeof(HyperparameterSetEntityType));
        RegisterType(typeof(ModelEntityType));
        RegisterType(typeof(RunEntityType));
        RegisterType(typeof(JobEntityType));
        RegisterType(typeof(DeploymentEntityType));
    }
}
