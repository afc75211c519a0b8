using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Hosting;

/// <summary>
/// A small, realistic graph for a first look (<c>--seed-demo</c>): raw click events in two
/// versions, an ETL run, a feature pipeline, two training runs of a churn model with different
/// hyperparameters and code, an evaluation of each, and a production deployment. Writing it
/// again changes nothing.
/// </summary>
public static class DemoGraph
{
    public static readonly EntityKey RawEvents = EntityKey.Parse("dataset:s3://acme-lake/raw:click_events@2026-06-01");
    public static readonly EntityKey RawEventsNext = EntityKey.Parse("dataset:s3://acme-lake/raw:click_events@2026-06-02");
    public static readonly EntityKey Sessions = EntityKey.Parse("dataset:postgres://warehouse:5432:analytics.sessions@2026-06-02");
    public static readonly EntityKey Features = EntityKey.Parse("feature:churn_features:days_since_last_session@v3");
    public static readonly EntityKey ModelV1 = EntityKey.Parse("model:mlflow://registry:churn@1");
    public static readonly EntityKey ModelV2 = EntityKey.Parse("model:mlflow://registry:churn@2");
    public static readonly EntityKey Deployment = EntityKey.Parse("deployment:prod:churn-api@42");

    public static async Task WriteAsync(ILineageStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var repository = "https://github.com/acme/churn";
        await store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                new EntityInput { Key = RawEvents, Description = "Raw click events from the web app", Tags = ["raw", "pii"], Owners = ["data-platform"], Fields = new DatasetFields { RowCount = 1_250_000, Uri = "s3://acme-lake/raw/click_events/2026-06-01" } },
                new EntityInput { Key = RawEventsNext, Description = "Raw click events from the web app", Tags = ["raw", "pii"], Owners = ["data-platform"], Fields = new DatasetFields { RowCount = 1_310_442, Uri = "s3://acme-lake/raw/click_events/2026-06-02" } },
                new EntityInput { Key = Sessions, Description = "Sessionised clicks", Owners = ["analytics"], Fields = new DatasetFields { Schema = [new("user_id", "BIGINT"), new("session_start", "TIMESTAMP"), new("clicks", "INT")] } },
                new EntityInput { Key = Features, Description = "Days since a user's last session", Fields = new FeatureFields { DataType = "INT", Transformation = "datediff(now(), max(session_start))" } },
                new EntityInput { Key = Deployment, Description = "Churn scoring API", Fields = new DeploymentFields { Status = "SERVING", DeployedAt = new DateTimeOffset(2026, 6, 3, 9, 0, 0, TimeSpan.Zero) } },
            ],
            Edges = [new EdgeInput(RawEvents, RawEventsNext, RelationKind.NextVersion)],
        }, cancellationToken).ConfigureAwait(false);

        await store.WriteAsync(Run("airflow://acme", "etl.sessionise", "6f1c7a52-1b0e-4c4e-9a55-2b8d0c3f0a01", RunType.Etl,
            [new RunInput(RawEventsNext)], [Sessions], EntityKey.Create(EntityKind.CodeVersion, "https://github.com/acme/etl", "dags/sessionise.py", "a41f9c3")).ToBatch(), cancellationToken).ConfigureAwait(false);
        await store.WriteAsync(Run("feast://acme", "churn_features", "0d3e8f61-7f3a-4c55-8b0e-9e7f4a2b1c02", RunType.FeaturePipeline,
            [new RunInput(Sessions)], [Features], EntityKey.Create(EntityKind.CodeVersion, repository, "features/churn.py", "5be2d10")).ToBatch(), cancellationToken).ConfigureAwait(false);
        await store.WriteAsync((Run("mlflow://acme", "train_churn", "1a2b3c4d-0000-4000-8000-000000000001", RunType.Training,
            [new RunInput(Features, "training"), new RunInput(RawEvents, "validation")], [ModelV1], EntityKey.Create(EntityKind.CodeVersion, repository, "train.py", "5be2d10"))
            with
        { Hyperparameters = Values(("learning_rate", 0.1), ("max_depth", 6)) }).ToBatch(), cancellationToken).ConfigureAwait(false);
        await store.WriteAsync((Run("mlflow://acme", "train_churn", "1a2b3c4d-0000-4000-8000-000000000002", RunType.Training,
            [new RunInput(Features, "training"), new RunInput(RawEventsNext, "validation")], [ModelV2], EntityKey.Create(EntityKind.CodeVersion, repository, "train.py", "c9d0e1f"))
            with
        { Hyperparameters = Values(("learning_rate", 0.05), ("max_depth", 8)) }).ToBatch(), cancellationToken).ConfigureAwait(false);

        await store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                new EntityInput { Key = ModelV1, Fields = new ModelFields { Framework = "xgboost", Stage = "archived", Metrics = new Dictionary<string, double> { ["auc"] = 0.81 } } },
                new EntityInput { Key = ModelV2, Fields = new ModelFields { Framework = "xgboost", Stage = "production", Metrics = new Dictionary<string, double> { ["auc"] = 0.84 } } },
            ],
            Edges = [new EdgeInput(ModelV1, ModelV2, RelationKind.NextVersion), new EdgeInput(ModelV2, Deployment, RelationKind.DeployedAs)],
        }, cancellationToken).ConfigureAwait(false);

        foreach (var (model, runId, auc) in new[] { (ModelV1, "2b000000-0000-4000-8000-000000000001", 0.80), (ModelV2, "2b000000-0000-4000-8000-000000000002", 0.835) })
        {
            await store.WriteAsync((Run("mlflow://acme", "evaluate_churn", runId, RunType.Evaluation, [new RunInput(model, "test")], [], null)
                with
            { Fields = new RunFields { RunType = RunType.Evaluation, Status = "COMPLETE", Metrics = new Dictionary<string, double> { ["auc"] = auc } } }).ToBatch(),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static RunRecord Run(string jobNamespace, string job, string runId, RunType type, IReadOnlyList<RunInput> inputs, IReadOnlyList<EntityKey> outputs, EntityKey? code) => new()
    {
        JobNamespace = jobNamespace,
        JobName = job,
        RunId = Guid.Parse(runId),
        Fields = new RunFields { RunType = type, Status = "COMPLETE" },
        Inputs = inputs,
        Outputs = outputs,
        CodeVersion = code,
    };

    private static Dictionary<string, JsonElement> Values(params (string Name, double Value)[] values) =>
        values.ToDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));
}
