using System.Net;
using Lineage.Graph.Core;
using static Lineage.Graph.Server.Tests.OpenLineage.OpenLineageEvents;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary>
/// Datasets and jobs whose Marquez ids hold colons beyond the two that split them, written through
/// the OpenLineage endpoint (<see cref="MarquezNodeIdLineageTests"/>): a pipeline of two jobs, with
/// ports in namespaces and names that start with a digit or hold a colon, two pairs of datasets
/// whose ids are the same text, and a job whose id has a reading with a name too long for a key.
/// </summary>
public sealed class MarquezNodeIdServer : ServerFixture, IAsyncLifetime
{
    /// <summary>A job name one short of the longest a key allows, in the namespace <c>a:b</c>.</summary>
    public static readonly string LongJobName = new('x', EntityKey.MaxPartLength - 1);

    // A job whose key is just within 4,096 bytes: moving a ":0" of the namespace into the name adds
    // two bytes (':' is escaped in names), so its fourth other reading makes no valid key.
    public static readonly (string Namespace, string Name) NearlyTooLongJob =
        (new string('@', 500) + string.Concat(Enumerable.Repeat(":0", 100)), new string('@', 795));

    public async Task InitializeAsync()
    {
        using var writer = Writer();
        var events = new[]
        {
            Run("airflow://prod:8080", "9am:load", "2a000000-0000-4000-8000-000000000001", ("postgres://db:5432", "2024_orders"), ("s3://bucket", "path/to:file")),
            Run("spark://10.0.0.5:7077", "0", "2b000000-0000-4000-8000-000000000001", ("s3://bucket", "path/to:file"), ("kafka://b1:9092,b2:9092", "9:topic")),
            Dataset("s3://lake", "a:b"),
            Dataset("s3://lake:a", "b"),
            Dataset("pg://h", "5432:7"),
            Dataset("pg://h:5432", "7"),
            $$"""{ "eventTime": "2026-06-01T00:00:00Z", "job": { "namespace": "a:b", "name": "{{LongJobName}}" } }""",
            $$"""{ "eventTime": "2026-06-01T00:00:00Z", "job": { "namespace": "{{NearlyTooLongJob.Namespace}}", "name": "{{NearlyTooLongJob.Name}}" } }""",
        };
        var response = await writer.SendAsync(HttpMethod.Post, "/api/v1/lineage/batch", Json("[" + string.Join(",", events) + "]"));
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Run(string ns, string job, string runId, (string Ns, string Name) input, (string Ns, string Name) output) => $$"""
        { "eventType": "COMPLETE", "eventTime": "2026-06-01T03:00:00Z",
          "run": { "runId": "{{runId}}" }, "job": { "namespace": "{{ns}}", "name": "{{job}}" },
          "inputs": [ { "namespace": "{{input.Ns}}", "name": "{{input.Name}}" } ],
          "outputs": [ { "namespace": "{{output.Ns}}", "name": "{{output.Name}}" } ] }
        """;

    private static string Dataset(string ns, string name) =>
        $$"""{ "eventTime": "2026-06-01T00:00:00Z", "dataset": { "namespace": "{{ns}}", "name": "{{name}}" } }""";
}
