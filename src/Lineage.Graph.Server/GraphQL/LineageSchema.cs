using GraphQL;
using GraphQL.Introspection;
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

        // The October 2021 specification's introspection, which IDEs ask for: __Directive.isRepeatable.
        // DeprecationOfInputValues stays off: GraphQL.NET 8 would then take args(includeDeprecated:) on
        // __Field but not on __Directive, and an IDE that sees the one asks for both and fails; this
        // schema deprecates no argument or input field anyway.
        Features.RepeatableDirectives = true;

        // GraphQL.NET's default filter answers isRepeatable when asked but leaves it out of
        // __Directive's fields, so an IDE that probes for it first never asks. This filter lists
        // every field the introspection types have; the applied-directive types it would also show
        // do not exist here, as Features.AppliedDirectives stays off.
        Filter = new ExperimentalIntrospectionFeaturesSchemaFilter();

        // Introspection is bounded by the schema, not by the data, so it does not count against the
        // complexity limit: an IDE's full introspection costs hundreds of thousands of points under
        // the default list multiplier. IntrospectionDepthRule stops the cyclic walks that this frees.
        this.WithIntrospectionComplexityImpact(0);
    }

    /// <summary>Adds <c>__Type.specifiedByURL</c> (October 2021), which GraphQL.NET 8 does not have.</summary>
    protected override void OnBeforeInitializeType(IGraphType graphType)
    {
        if (graphType is __Type type)
        {
            // None of this schema's scalars follows a published scalar specification, so the URL is always null.
            type.Field<StringGraphType>("specifiedByURL")
                .Description("A URL to the specification of a custom scalar's behaviour; null for other types.")
                .Resolve(_ => null);
        }
    }
}
