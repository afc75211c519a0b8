using GraphQL.Types;

namespace Lineage.Graph.Server.GraphQL;

// Input objects are read as dictionaries by MutationInputs, which turns them into Core types
// and names the item of any bad value.

internal sealed class EntityInputType : InputObjectGraphType
{
    public EntityInputType()
    {
        Name = "EntityInput";
        Description = "An entity to upsert. Members left out keep what is stored; properties merge by top-level name, less those removeProperties names. " +
            "Give at most one of the typed-field inputs, the one of the key's kind.";
        Field<StringGraphType>("key").Description("kind:namespace:name@version. May be left out for a hyperparameter set, whose key is the hash of its values.");
        Field<StringGraphType>("description");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("owners");
        Field<JsonGraphType>("properties").Description("A JSON object.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("removeProperties")
            .Description("Top-level property names to remove from what is stored; a name that is not stored changes nothing (unless properties give an observedAt, which makes the removal remembered, with its time, in propertyObservedAt). A name may not also be in properties.");
        Field<DatasetFieldsInputType>("dataset");
        Field<FeatureFieldsInputType>("feature");
        Field<CodeVersionFieldsInputType>("codeVersion");
        Field<JsonGraphType>("hyperparameters").Description("A hyperparameter set's values, as a JSON object. Left out, a hyperparameter set's key names a stored set, whose description, tags or properties this updates.");
        Field<ModelFieldsInputType>("model");
        Field<RunFieldsInputType>("run");
        Field<DeploymentFieldsInputType>("deployment");
    }
}

internal sealed class SchemaFieldInputType : InputObjectGraphType
{
    public SchemaFieldInputType()
    {
        Name = "SchemaFieldInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("type");
        Field<StringGraphType>("description");
    }
}

internal sealed class DatasetFieldsInputType : InputObjectGraphType
{
    public DatasetFieldsInputType()
    {
        Name = "DatasetFieldsInput";
        Field<ListGraphType<NonNullGraphType<SchemaFieldInputType>>>("schema");
        Field<LongGraphType>("rowCount");
        Field<StringGraphType>("contentHash");
        Field<StringGraphType>("uri");
    }
}

internal sealed class FeatureFieldsInputType : InputObjectGraphType
{
    public FeatureFieldsInputType()
    {
        Name = "FeatureFieldsInput";
        Field<StringGraphType>("dataType");
        Field<StringGraphType>("transformation");
    }
}

internal sealed class CodeVersionFieldsInputType : InputObjectGraphType
{
    public CodeVersionFieldsInputType()
    {
        Name = "CodeVersionFieldsInput";
        Field<StringGraphType>("branch");
        Field<StringGraphType>("tag");
        Field<BooleanGraphType>("dirty").Description("Whether the working tree had changes not in the commit; recordRun also writes it on the run's EXECUTED_IN edge, as that run's own.");
    }
}

internal sealed class ModelFieldsInputType : InputObjectGraphType
{
    public ModelFieldsInputType()
    {
        Name = "ModelFieldsInput";
        Field<StringGraphType>("framework");
        Field<StringGraphType>("stage");
        Field<JsonGraphType>("metrics").Description("A JSON object of metric name to number.");
        Field<StringGraphType>("artifactUri");
    }
}

internal sealed class RunFieldsInputType : InputObjectGraphType
{
    /// <summary>How a run's status moves, for the field and its input alike.</summary>
    public const string RunStatusDescription =
        "START, RUNNING, COMPLETE, ABORT, FAIL or a producer's own (ranked with RUNNING), in any case. A status only moves on: "
        + "START, then RUNNING, then an end state (FAIL over ABORT over COMPLETE); a write that would move it back is ignored, so events "
        + "that arrive out of order end in the same state. diff prefers an evaluation job's latest COMPLETE run.";

    public RunFieldsInputType()
    {
        Name = "RunFieldsInput";
        Field<RunTypeGraphType>("runType");
        Field<StringGraphType>("status").Description(RunStatusDescription);
        Field<DateTimeScalar>("startedAt");
        Field<DateTimeScalar>("endedAt");
        Field<JsonGraphType>("metrics").Description("A JSON object of metric name to number.");
    }
}

internal sealed class DeploymentFieldsInputType : InputObjectGraphType
{
    public DeploymentFieldsInputType()
    {
        Name = "DeploymentFieldsInput";
        Field<StringGraphType>("status");
        Field<DateTimeScalar>("deployedAt");
    }
}

internal sealed class EdgeInputType : InputObjectGraphType
{
    public EdgeInputType()
    {
        Name = "EdgeInput";
        Description = "An edge to write; writing one that is current already changes nothing.";
        Field<NonNullGraphType<StringGraphType>>("from");
        Field<NonNullGraphType<StringGraphType>>("to");
        Field<NonNullGraphType<RelationKindGraphType>>("relation");
        Field<StringGraphType>("role").Description("INPUT_TO only: training, validation, test or reference.");
        Field<JsonGraphType>("properties").Description("A JSON object, such as column-level mappings.");
    }
}

internal sealed class EdgeRefInputType : InputObjectGraphType
{
    public EdgeRefInputType()
    {
        Name = "EdgeRefInput";
        Field<NonNullGraphType<StringGraphType>>("from");
        Field<NonNullGraphType<StringGraphType>>("to");
        Field<NonNullGraphType<RelationKindGraphType>>("relation");
    }
}

internal sealed class RecordEntitiesInputType : InputObjectGraphType
{
    public RecordEntitiesInputType()
    {
        Name = "RecordEntitiesInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInputType>>>>("entities");
        Field<ListGraphType<NonNullGraphType<EdgeInputType>>>("edges").Description("Edges between entities of this batch or stored ones.");
    }
}

internal sealed class RunInputInputType : InputObjectGraphType
{
    public RunInputInputType()
    {
        Name = "RunInputInput";
        Field<NonNullGraphType<StringGraphType>>("key");
        Field<StringGraphType>("role").Description("training, validation, test or reference.");
    }
}

internal sealed class RecordRunInputType : InputObjectGraphType
{
    public RecordRunInputType()
    {
        Name = "RecordRunInput";
        Description = "A run and everything around it, in one atomic write. Entities it names that are not stored yet are created.";
        Field<NonNullGraphType<StringGraphType>>("jobNamespace");
        Field<NonNullGraphType<StringGraphType>>("jobName");
        Field<NonNullGraphType<IdGraphType>>("runId").Description("A UUID.");
        Field<StringGraphType>("description");
        Field<JsonGraphType>("properties");
        Field<RunFieldsInputType>("run").Description("The run's typed fields.");
        Field<ListGraphType<NonNullGraphType<RunInputInputType>>>("inputs");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("outputs");
        Field<StringGraphType>("codeVersion").Description("Key of the code version that ran.");
        Field<CodeVersionFieldsInputType>("codeVersionFields");
        Field<JsonGraphType>("hyperparameters").Description("The hyperparameter values, a JSON object.");
        Field<StringGraphType>("parentRun").Description("Key of the parent run.");
    }
}

internal sealed class LinkInputType : InputObjectGraphType
{
    public LinkInputType()
    {
        Name = "LinkInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeInputType>>>>("edges");
    }
}

internal sealed class RetireInputType : InputObjectGraphType
{
    public RetireInputType()
    {
        Name = "RetireInput";
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("keys").Description("Entities to retire, with their current edges.");
        Field<ListGraphType<NonNullGraphType<EdgeRefInputType>>>("edges");
    }
}

internal sealed class PurgeInputType : InputObjectGraphType
{
    public PurgeInputType()
    {
        Name = "PurgeInput";
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("keys").Description("Entities to delete, with all their edges.");
        Field<ListGraphType<NonNullGraphType<EdgeRefInputType>>>("edges").Description("Edges to delete, every version of each.");
    }
}
