using Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;
using static Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Scenario;

namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios;

/// <summary>
/// A training run with hyperparameters and a git code location that produces a model version
/// (<see cref="TrainingEvents"/>), read back edge by edge through GraphQL, its provenance verdict,
/// and Marquez's lineage.
/// </summary>
public sealed class TrainingScenarioTests(TrainingScenarioServer server) : IClassFixture<TrainingScenarioServer>
{
    private const string Job = "job:ml-platform:churn.train_xgboost";
    private const string Run = "run:ml-platform:churn.train_xgboost@9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private const string TrainingSet = "dataset:s3://acme-features:churn/training_set@2026-06-01";
    private const string ValidationSet = "dataset:s3://acme-features:churn/validation_set@2026-06-01";
    private const string Model = "model:mlflow://mlflow.acme.internal:churn-classifier@7";
    private const string Commit = "3f2c9a1e8b7d6c5f4a3b2c1d0e9f8a7b6c5d4e3f";

    // The repository is git@github.com:acme/churn-model.git: its @ is percent-encoded, its : kept (keys split at the last : before the version's @).
    private const string Code = "codeversion:git%40github.com:acme/churn-model.git:train/train_xgboost.py@" + Commit;

    // sha256 of {"learning_rate":0.05,"max_depth":6,"n_estimators":400,"objective":"binary:logistic"}, the values' canonical JSON; the name's : is encoded.
    private const string Parameters = "hyperparameterset:hyperparameters:sha256%3Aa3a69c20c38c9f18a9f5da43da694c0b127c793b2c958a3d9c690bd73fa2d7f1";

    [Fact]
    public async Task The_graph_holds_exactly_the_run_its_code_parameters_inputs_and_model()
    {
        using var reader = server.Reader();

        Assert.Equal(Sorted([Job, Run, TrainingSet, ValidationSet, Model, Code, Parameters]), await EntitiesAsync(reader));
        Assert.Equal(
            Sorted(
            [
                Edge(Run, "INSTANCE_OF", Job),
                Edge(Code, "EXECUTED_IN", Run),
                Edge(Parameters, "CONFIGURED", Run),
                Edge(TrainingSet, "INPUT_TO", Run),
                Edge(ValidationSet, "INPUT_TO", Run),
                Edge(Run, "PRODUCED", Model),
            ]),
            await EdgesAsync(reader));
    }

    [Fact]
    public async Task The_model_is_reproducible_and_its_provenance_is_the_whole_run()
    {
        using var reader = server.Reader();

        var data = await reader.QueryAsync("""
            query($key: String!) { provenance(key: $key) {
              reproducible truncated issues { code message } byKind { kind count }
              graph { nodes { depth entity { key } } edges { fromKey relation toKey } } } }
            """, new { key = Model });

        var report = data.At("provenance");
        Assert.True(report.Bool("reproducible"), report.At("issues").GetRawText());
        Assert.Equal(0, report.At("issues").GetArrayLength());
        Assert.False(report.Bool("truncated"));
        Assert.Equal(
            ["CODE_VERSION 1", "DATASET 2", "HYPERPARAMETER_SET 1", "RUN 1"],
            report.At("byKind").Items().Select(g => $"{g.Str("kind")} {g.Int("count")}").Order(StringComparer.Ordinal));
        Assert.Equal([$"1 {Run}", $"2 {Code}", $"2 {TrainingSet}", $"2 {ValidationSet}", $"2 {Parameters}"], report.At("graph.nodes").Items().Select(n => $"{n.Int("depth")} {n.Str("entity.key")}"));
        Assert.Equal(
            Sorted(
            [
                Edge(Run, "PRODUCED", Model),
                Edge(TrainingSet, "INPUT_TO", Run),
                Edge(ValidationSet, "INPUT_TO", Run),
                Edge(Code, "EXECUTED_IN", Run),
                Edge(Parameters, "CONFIGURED", Run),
            ]),
            Sorted(report.At("graph.edges").Items().Select(e => Edge(e.Str("fromKey")!, e.Str("relation")!, e.Str("toKey")!))));
    }

    [Fact]
    public async Task The_hyperparameters_are_the_execution_parameters_by_key()
    {
        using var reader = server.Reader();

        var set = await EntityAsync(reader, Parameters, "... on HyperparameterSet { values downstream { relation entity { key } } }");

        var values = set.At("values");
        Assert.Equal(["learning_rate", "max_depth", "n_estimators", "objective"], values.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0.05, values.GetProperty("learning_rate").GetDouble());
        Assert.Equal(6, values.GetProperty("max_depth").GetInt32());
        Assert.Equal(400, values.GetProperty("n_estimators").GetInt32());
        Assert.Equal("binary:logistic", values.GetProperty("objective").GetString());
        Assert.Equal([$"CONFIGURED {Run}"], set.At("downstream").Items().Select(n => $"{n.Str("relation")} {n.Str("entity.key")}"));
    }

    [Fact]
    public async Task The_code_version_is_the_commit_of_the_source_code_location()
    {
        using var reader = server.Reader();

        var code = await EntityAsync(reader, Code, "... on CodeVersion { repository name commit branch tag }");
        var job = await EntityAsync(reader, Job, "description properties");

        Assert.Equal(("git@github.com:acme/churn-model.git", "train/train_xgboost.py", Commit, "main"), (code.Str("repository"), code.Str("name"), code.Str("commit"), code.Str("branch")));
        Assert.True(code.IsNull("tag"));
        Assert.Equal("Trains the churn classifier on the weekly feature snapshot.", job.Str("description"));
        Assert.Equal("TRAINING", job.At("properties").GetProperty("facets.jobType").Str("jobType"));
        Assert.Equal(Commit, job.At("properties").GetProperty("facets.sourceCodeLocation").Str("version"));
    }

    [Fact]
    public async Task The_run_and_the_model_keep_their_times_and_facets()
    {
        using var reader = server.Reader();

        var run = await EntityAsync(reader, Run, "... on Run { status startedAt endedAt job { key } properties }");
        var model = await EntityAsync(reader, Model, "description version ... on Model { properties }");
        var training = await EntityAsync(reader, TrainingSet, "version ... on Dataset { schema { name } }");

        // +02:00 on the wire; the instants are what count.
        Assert.Equal(("COMPLETE", Job), (run.Str("status"), run.Str("job.key")));
        Assert.Equal(new DateTimeOffset(2026, 6, 3, 7, 0, 0, TimeSpan.Zero), run.At("startedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 6, 3, 7, 42, 10, 750, TimeSpan.Zero), run.At("endedAt").GetDateTimeOffset());
        Assert.Equal("xgboost", run.At("properties").GetProperty("facets.processing_engine").Str("name"));
        Assert.False(run.At("properties").TryGetProperty("facets.executionParameters", out _));

        Assert.Equal(("7", "XGBoost classifier predicting 90-day customer churn."), (model.Str("version"), model.Str("description")));
        Assert.Equal("mlflow", model.At("properties").GetProperty("facets.storage").Str("storageLayer"));
        Assert.Equal(1843200, model.At("properties").GetProperty("outputFacets.outputStatistics").At("size").GetInt64());
        Assert.False(model.At("properties").TryGetProperty("facets.datasetType", out _));

        Assert.Equal("2026-06-01", training.Str("version"));
        Assert.Equal(["customer_id", "days_since_last_order", "orders_90d", "churned"], training.At("schema").Strings("name"));
    }

    [Fact]
    public async Task Marquez_answers_the_model_as_a_dataset_without_its_version_in_the_id()
    {
        using var reader = server.Reader();
        const string ModelNode = "dataset:mlflow://mlflow.acme.internal:churn-classifier";
        const string TrainingNode = "dataset:s3://acme-features:churn/training_set";
        const string ValidationNode = "dataset:s3://acme-features:churn/validation_set";
        string[] expected =
        [
            $"{ModelNode} DATASET in[{Job}] out[]",
            $"{TrainingNode} DATASET in[] out[{Job}]",
            $"{ValidationNode} DATASET in[] out[{Job}]",
            $"{Job} JOB in[{TrainingNode}, {ValidationNode}] out[{ModelNode}]",
        ];

        var byModel = await MarquezAsync(reader, ModelNode, 2);
        var byJob = await MarquezAsync(reader, Job, 0);

        Assert.Equal(expected, Describe(byModel));
        Assert.Equal(expected, Describe(byJob));
        var model = Node(byModel, ModelNode).GetProperty("data");
        Assert.Equal(("Model", "7", "XGBoost classifier predicting 90-day customer churn."), (model.Str("kind"), model.Str("currentVersion"), model.Str("description")));
        var training = Node(byModel, TrainingNode).GetProperty("data");
        Assert.Equal(("Dataset", "2026-06-01"), (training.Str("kind"), training.Str("currentVersion")));
        var job = Node(byJob, Job).GetProperty("data");
        Assert.Equal(("COMPLETED", 2_530_750L), (job.Str("latestRun.state"), job.At("latestRun.durationMs").GetInt64()));
        Assert.Equal("Trains the churn classifier on the weekly feature snapshot.", job.Str("description"));
    }

    [Fact]
    public async Task Replaying_the_events_in_either_order_leaves_the_graph_as_it_was()
    {
        // A server of its own, so that a replay that moved anything could not disturb the other tests of this class.
        using var fresh = new TrainingScenarioServer();
        await fresh.InitializeAsync();
        using var reader = fresh.Reader();
        using var writer = fresh.Writer();
        var before = await SnapshotAsync(reader, (Job, 0));

        var events = EventList(TrainingEvents.Json);
        await PostEachAsync(writer, events);
        Assert.Equal(before, await SnapshotAsync(reader, (Job, 0)));

        events.Reverse();
        await PostEachAsync(writer, events);
        Assert.Equal(before, await SnapshotAsync(reader, (Job, 0)));
    }
}

/// <summary>The training scenario, each event on its own.</summary>
public sealed class TrainingScenarioServer : ScenarioServer
{
    public override Task SendAsync(GraphQLClient writer) => PostEachAsync(writer, EventList(TrainingEvents.Json));
}
