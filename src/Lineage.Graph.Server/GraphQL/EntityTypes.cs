using GraphQL;
using GraphQL.Types;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>One object type per entity kind: the common fields and the kind's typed fields.</summary>
internal abstract class EntityType<TFields> : ObjectGraphType<Entity>
    where TFields : EntityFields
{
    protected EntityType(EntityKind kind, string description)
    {
        Name = kind.ToString();
        Description = description;
        Interface<NodeInterface>();
        Interface<EntityInterface>();
        IsTypeOf = value => value is Entity entity && entity.Kind == kind;
        EntityFieldSet.AddCommon(this, withResolvers: true);
    }

    protected static TFields? Typed(IResolveFieldContext<Entity> context) => context.Source.Fields as TFields;
}

internal sealed class DatasetEntityType : EntityType<DatasetFields>
{
    public DatasetEntityType()
        : base(EntityKind.Dataset, "A dataset version: namespace is where it lives, name its path or table, version its data version.")
    {
        Field<ListGraphType<NonNullGraphType<SchemaFieldType>>>("schema").Resolve(c => AnswerBudget.TakeJson(c, Typed(c)?.Schema));
        Field<LongGraphType>("rowCount").Resolve(c => Typed(c)?.RowCount);
        Field<StringGraphType>("contentHash").Resolve(c => Typed(c)?.ContentHash);
        Field<StringGraphType>("uri").Resolve(c => Typed(c)?.Uri);
    }
}

internal sealed class FeatureEntityType : EntityType<FeatureFields>
{
    public FeatureEntityType()
        : base(EntityKind.Feature, "A feature: namespace is its group or view, version its definition version.")
    {
        Field<StringGraphType>("dataType").Resolve(c => Typed(c)?.DataType);
        Field<StringGraphType>("transformation").Resolve(c => Typed(c)?.Transformation);
    }
}

internal sealed class CodeVersionEntityType : EntityType<CodeVersionFields>
{
    public CodeVersionEntityType()
        : base(EntityKind.CodeVersion, "Code that ran: namespace is the repository, name the path or entry point, version the commit.")
    {
        Field<NonNullGraphType<StringGraphType>>("repository").Resolve(c => c.Source.Namespace);
        Field<StringGraphType>("commit").Resolve(c => c.Source.Version);
        Field<StringGraphType>("branch").Resolve(c => Typed(c)?.Branch);
        Field<StringGraphType>("tag").Resolve(c => Typed(c)?.Tag);
        Field<BooleanGraphType>("dirty")
            .Description("Whether the working tree had changes not in the commit, as the last write to this code version said; each run's own answer is the dirty property of its EXECUTED_IN edge, which provenance judges it by.")
            .Resolve(c => Typed(c)?.Dirty);
    }
}

internal sealed class HyperparameterSetEntityType : EntityType<HyperparameterSetFields>
{
    public HyperparameterSetEntityType()
        : base(EntityKind.HyperparameterSet, "A set of hyperparameter values, named by the SHA-256 of their canonical JSON.")
    {
        Field<NonNullGraphType<JsonGraphType>>("values").Resolve(c => Typed(c)?.Values is { } values ? AnswerBudget.TakeJson(c, values) : new Dictionary<string, object>());
    }
}

internal sealed class ModelEntityType : EntityType<ModelFields>
{
    public ModelEntityType()
        : base(EntityKind.Model, "A model version: namespace is the registry or project, version the model version.")
    {
        Field<StringGraphType>("framework").Resolve(c => Typed(c)?.Framework);
        Field<StringGraphType>("stage").Resolve(c => Typed(c)?.Stage);
        Field<JsonGraphType>("metrics").Resolve(c => AnswerBudget.TakeJson(c, Typed(c)?.Metrics));
        Field<StringGraphType>("artifactUri").Resolve(c => Typed(c)?.ArtifactUri);
    }
}

internal sealed class RunEntityType : EntityType<RunFields>
{
    public RunEntityType()
        : base(EntityKind.Run, "One execution of a job: namespace and name are the job's, version is the run id.")
    {
        Field<NonNullGraphType<IdGraphType>>("runId").Resolve(c => c.Source.Version);
        Field<RunTypeGraphType>("runType").Resolve(c => Typed(c)?.RunType);
        Field<StringGraphType>("status").Description(RunFieldsInputType.RunStatusDescription).Resolve(c => Typed(c)?.Status);
        Field<DateTimeScalar>("startedAt").Resolve(c => Typed(c)?.StartedAt);
        Field<DateTimeScalar>("endedAt").Resolve(c => Typed(c)?.EndedAt);
        Field<JsonGraphType>("metrics").Resolve(c => AnswerBudget.TakeJson(c, Typed(c)?.Metrics));
        Field<EntityInterface>("job").Description("The job this run is an instance of (INSTANCE_OF).")
            .Resolve(c => EntityFieldSet.OneHop(c, Direction.Downstream, RelationKind.InstanceOf));
        Field<EntityInterface>("parent").Description("The run this run is a child of (CHILD_OF).")
            .Resolve(c => EntityFieldSet.OneHop(c, Direction.Downstream, RelationKind.ChildOf));
    }
}

internal sealed class JobEntityType : EntityType<EntityFields>
{
    public JobEntityType()
        : base(EntityKind.Job, "The recurring definition that runs are instances of.")
    {
    }
}

internal sealed class DeploymentEntityType : EntityType<DeploymentFields>
{
    public DeploymentEntityType()
        : base(EntityKind.Deployment, "A model version serving somewhere: namespace is the environment, name the service, version the revision.")
    {
        Field<StringGraphType>("status").Resolve(c => Typed(c)?.Status);
        Field<DateTimeScalar>("deployedAt").Resolve(c => Typed(c)?.DeployedAt);
    }
}

internal sealed class SchemaFieldType : ObjectGraphType<SchemaField>
{
    public SchemaFieldType()
    {
        Name = "SchemaField";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("type").Resolve(c => c.Source.Type);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
    }
}
