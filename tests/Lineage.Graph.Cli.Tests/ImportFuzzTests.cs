using System.Text.Json.Nodes;
using Lineage.Graph.Tests.Shared;

namespace Lineage.Graph.Cli.Tests;

/// <summary>
/// Import files of valid items mangled at random (<see cref="JsonMangler"/>), one item a line, each
/// imported into an empty database file and, through a server, into another: both must answer the
/// same summary (every failure with its place, stable code and message), importing the file again must
/// answer the same on both, and a third time nothing may change (writes are idempotent). Seeded, so
/// that a failure repeats.
/// </summary>
public sealed class ImportFuzzTests : IDisposable
{
    private const int Files = 6;
    private const int ItemsPerFile = 40;

    private static readonly string[] Items =
    [
        """{"eventType": "START", "eventTime": "2026-06-02T10:00:00Z", "producer": "https://github.com/acme/pipelines", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent", "run": {"runId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "facets": {"executionParameters": {"parameters": [{"key": "learning_rate", "value": 0.05}]}}}, "job": {"namespace": "mlflow://acme", "name": "train", "facets": {"sourceCodeLocation": {"type": "git", "url": "https://github.com/acme/ml", "repoUrl": "git@github.com:acme/ml.git", "path": "train.py", "version": "abc1234"}}}, "inputs": [{"namespace": "s3://lake", "name": "features", "facets": {"version": {"datasetVersion": "v1"}}}], "outputs": [{"namespace": "s3://lake", "name": "churn", "facets": {"version": {"datasetVersion": "3"}, "datasetType": {"datasetType": "MODEL"}}}]}""",
        """{"eventType": "COMPLETE", "eventTime": "2026-06-02T11:00:00Z", "producer": "https://github.com/acme/pipelines", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent", "run": {"runId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "facets": {"parent": {"run": {"runId": "8d0f7780-8536-41ef-855c-f18a02a01bf8"}, "job": {"namespace": "airflow", "name": "dag"}}}}, "job": {"namespace": "mlflow://acme", "name": "train"}, "inputs": [], "outputs": [{"namespace": "s3://lake", "name": "churn", "facets": {"schema": {"fields": [{"name": "score", "type": "double"}]}}}]}""",
        """{"eventType": "COMPLETE", "eventTime": "2026-06-02T11:00:00Z", "producer": "test", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/DatasetEvent", "dataset": {"namespace": "s3://lake", "name": "raw/clicks", "facets": {"version": {"datasetVersion": "2026-06-02"}}}}""",
        """{"eventTime": "2026-06-02T12:00:00Z", "producer": "test", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/JobEvent", "job": {"namespace": "dbt", "name": "model.orders"}, "inputs": [{"namespace": "postgres://db:5432", "name": "shop.orders"}], "outputs": [{"namespace": "postgres://db:5432", "name": "shop.orders_clean"}]}""",
        """{"entities": [{"key": "dataset:s3://lake:clicks@2026-06-02", "description": "Clicks", "tags": ["raw"], "dataset": {"rowCount": 1200}}, {"key": "model:mlflow://registry:churn@3", "model": {"stage": "staging", "metrics": {"auc": 0.86}}}, {"hyperparameters": {"learning_rate": 0.03}}], "edges": [{"from": "dataset:s3://lake:clicks@2026-06-02", "to": "model:mlflow://registry:churn@3", "relation": "DERIVES"}]}""",
        """{"entities": [{"key": "run:jobs:train@00000000-0000-4000-8000-000000000001", "run": {"status": "COMPLETED", "startedAt": "2026-06-01T10:00:00Z", "endedAt": "2026-06-01T11:00:00Z"}, "properties": {"owner": {"team": "ml"}}}, {"key": "codeversion:https://github.com/acme/ml:train.py@abc1234", "codeVersion": {"dirty": false}}], "edges": [{"from": "codeversion:https://github.com/acme/ml:train.py@abc1234", "to": "run:jobs:train@00000000-0000-4000-8000-000000000001", "relation": "EXECUTED_IN"}, {"from": "dataset:s3://lake:clicks@2026-06-02", "to": "run:jobs:train@00000000-0000-4000-8000-000000000001", "relation": "INPUT_TO", "role": "training"}]}""",
    ];

    private readonly CliHost _embedded = new();
    private readonly CliHost _server = new();

    [Fact]
    public async Task Mangled_import_files_answer_alike_through_the_file_and_a_server_and_a_rerun_changes_nothing()
    {
        var random = new Random(20261129);
        for (var file = 0; file < Files; file++)
        {
            // Mostly mangled items, some left valid so that later items have something to build on.
            var lines = Enumerable.Range(0, ItemsPerFile)
                .Select(_ => Items[random.Next(Items.Length)])
                .Select(item => random.Next(4) == 0 ? item : JsonMangler.MangleJson(random, item).ReplaceLineEndings(" "));
            var name = $"fuzz-{file}.jsonl";
            var text = string.Join("\n", lines) + "\n";
            await File.WriteAllTextAsync(Path.Combine(_embedded.Folder, name), text);
            await File.WriteAllTextAsync(Path.Combine(_server.Folder, name), text);

            for (var run = 1; run <= 3; run++)
            {
                var throughFile = await ImportAsync(_embedded, CliHost.Embedded, name);
                var throughServer = await ImportAsync(_server, CliHost.Server, name);
                var context = $"file {file}, run {run}:\n{text}";

                Assert.True(throughFile.Exit is 0 or 7, $"{context}\nexit {throughFile.Exit}: {throughFile.Err}");
                Assert.True(throughFile.Exit == throughServer.Exit, $"{context}\nexit {throughFile.Exit} by the file, {throughServer.Exit} by the server:\n{throughServer.Err}");
                var (summary, served) = (Summary(throughFile.Out), Summary(throughServer.Out));
                Assert.True(summary == served, $"{context}\nby the file:\n{summary}\nby the server:\n{served}");
                if (run == 3)
                {
                    Assert.True((int)JsonNode.Parse(throughFile.Out)!["changed"]! == 0, $"{context}\nchanged on a third import:\n{summary}");
                }
            }
        }
    }

    /// <summary>The summary without the file's path, which differs between the two hosts.</summary>
    private static string Summary(string output)
    {
        var summary = JsonNode.Parse(output)!.AsObject();
        summary.Remove("file");
        return summary.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static Task<CliResult> ImportAsync(CliHost host, string source, string name) =>
        host.RunAsync(source, new CliEnvironment(), CliHost.WriterKey, "import", Path.Combine(host.Folder, name));

    public void Dispose()
    {
        _embedded.Dispose();
        _server.Dispose();
    }
}
