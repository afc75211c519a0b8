using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Store.Contract;

/// <summary>
/// A small, realistic ML pipeline: raw events are cleaned by an ETL run, a feature pipeline
/// builds a feature from the clean events, a training run reads the feature, labels and the
/// clean events (as validation data) with its code and hyperparameters and produces a model,
/// which is deployed and read by an evaluation run.
/// </summary>
/// <remarks>
/// <code>
/// RawEvents -INPUT_TO-> EtlRun -PRODUCED-> CleanEvents -INPUT_TO-> FeatureRun -PRODUCED-> TxnCount
/// EtlCode -EXECUTED_IN-> EtlRun, EtlRun -INSTANCE_OF-> EtlJob (structural)
/// FeatureCode -EXECUTED_IN-> FeatureRun
/// TxnCount, Labels, CleanEvents -INPUT_TO-> TrainRun; TrainCode -EXECUTED_IN-> TrainRun; Hyperparameters -CONFIGURED-> TrainRun
/// TrainRun -PRODUCED-> Model -DEPLOYED_AS-> Deployment; Model -INPUT_TO-> EvalRun
/// </code>
/// </remarks>
public sealed class MlGraph
{
    public static readonly IReadOnlyDictionary<string, JsonElement> HyperparameterValues =
        Graphs.Map(("learning_rate", "0.01"), ("max_depth", "6"), ("objective", "\"binary:logistic\""));

    public EntityKey RawEvents { get; } = EntityKey.Create(EntityKind.Dataset, "s3://lake/raw", "events", "2026-01-01");

    public EntityKey EtlCode { get; } = EntityKey.Create(EntityKind.CodeVersion, "https://github.com/acme/pipelines", "etl/clean.py", "3f2c1a9");

    public EntityKey EtlJob { get; } = EntityKey.Create(EntityKind.Job, "acme.etl", "clean_events");

    public EntityKey EtlRun { get; } = EntityKey.Create(EntityKind.Run, "acme.etl", "clean_events", Graphs.RunId(1));

    public EntityKey CleanEvents { get; } = EntityKey.Create(EntityKind.Dataset, "s3://lake/clean", "events", "2026-01-01");

    public EntityKey FeatureCode { get; } = EntityKey.Create(EntityKind.CodeVersion, "https://github.com/acme/pipelines", "features/build.py", "3f2c1a9");

    public EntityKey FeatureRun { get; } = EntityKey.Create(EntityKind.Run, "acme.features", "build_fraud_features", Graphs.RunId(2));

    public EntityKey TxnCount { get; } = EntityKey.Create(EntityKind.Feature, "fraud_features", "txn_count_7d", "v1");

    public EntityKey Labels { get; } = EntityKey.Create(EntityKind.Dataset, "postgres://db:5432", "fraud.public.labels", "2026-01-01");

    public EntityKey TrainCode { get; } = EntityKey.Create(EntityKind.CodeVersion, "https://github.com/acme/models", "train.py", "9b8e7d6");

    public EntityKey Hyperparameters { get; } = HyperparameterSets.KeyFor(HyperparameterValues);

    public EntityKey TrainRun { get; } = EntityKey.Create(EntityKind.Run, "acme.training", "train_fraud", Graphs.RunId(3));

    public EntityKey Model { get; } = EntityKey.Create(EntityKind.Model, "mlflow://registry", "fraud-detector", "1");

    public EntityKey Deployment { get; } = EntityKey.Create(EntityKind.Deployment, "prod", "fraud-api", "rev-1");

    public EntityKey EvalRun { get; } = EntityKey.Create(EntityKind.Run, "acme.eval", "evaluate_fraud", Graphs.RunId(4));

    public IReadOnlyList<EntityInput> Entities =>
    [
        new()
        {
            Key = RawEvents,
            Description = "Raw click and payment events",
            Tags = ["raw", "pii"],
            Owners = ["data-platform"],
            Fields = new DatasetFields { RowCount = 1_000_000, Uri = "s3://lake/raw/events/2026-01-01" },
        },
        new() { Key = EtlCode, Fields = new CodeVersionFields { Branch = "main", Dirty = false } },
        new() { Key = EtlJob, Description = "Nightly cleaning of the events" },
        new() { Key = EtlRun, Fields = new RunFields { RunType = RunType.Etl, Status = "COMPLETE" } },
        new()
        {
            Key = CleanEvents,
            Description = "Deduplicated events",
            Tags = ["clean"],
            Fields = new DatasetFields { Schema = [new("event_id", "string"), new("amount", "double")], RowCount = 990_000 },
        },
        new() { Key = FeatureCode, Fields = new CodeVersionFields { Branch = "main" } },
        new() { Key = FeatureRun, Fields = new RunFields { RunType = RunType.FeaturePipeline, Status = "COMPLETE" } },
        new() { Key = TxnCount, Fields = new FeatureFields { DataType = "int", Transformation = "count(txn) over 7d" } },
        new() { Key = Labels, Description = "Chargeback labels", Tags = ["labels"] },
        new() { Key = TrainCode, Fields = new CodeVersionFields { Branch = "main", Tag = "v1.0.0", Dirty = false } },
        HyperparameterSets.InputFor(HyperparameterValues),
        new() { Key = TrainRun, Fields = new RunFields { RunType = RunType.Training, Status = "COMPLETE" } },
        new()
        {
            Key = Model,
            Description = "Fraud detector",
            Tags = ["fraud"],
            Fields = new ModelFields { Framework = "xgboost", Stage = "production", Metrics = new Dictionary<string, double> { ["auc"] = 0.75 } },
        },
        new() { Key = Deployment, Fields = new DeploymentFields { Status = "ACTIVE" } },
        new()
        {
            Key = EvalRun,
            Fields = new RunFields { RunType = RunType.Evaluation, Status = "COMPLETE", Metrics = new Dictionary<string, double> { ["precision"] = 0.5 } },
        },
    ];

    public IReadOnlyList<EdgeInput> Edges =>
    [
        new(RawEvents, EtlRun, RelationKind.InputTo),
        new(EtlCode, EtlRun, RelationKind.ExecutedIn),
        new(EtlRun, EtlJob, RelationKind.InstanceOf),
        new(EtlRun, CleanEvents, RelationKind.Produced),
        new(CleanEvents, FeatureRun, RelationKind.InputTo),
        new(FeatureCode, FeatureRun, RelationKind.ExecutedIn),
        new(FeatureRun, TxnCount, RelationKind.Produced),
        new(TxnCount, TrainRun, RelationKind.InputTo) { Role = "training" },
        new(Labels, TrainRun, RelationKind.InputTo) { Role = "training" },
        new(CleanEvents, TrainRun, RelationKind.InputTo) { Role = "validation" },
        new(TrainCode, TrainRun, RelationKind.ExecutedIn),
        new(Hyperparameters, TrainRun, RelationKind.Configured),
        new(TrainRun, Model, RelationKind.Produced),
        new(Model, Deployment, RelationKind.DeployedAs),
        new(Model, EvalRun, RelationKind.InputTo) { Role = "test" },
    ];

    public WriteBatch Batch => new() { Entities = Entities, Edges = Edges };
}
