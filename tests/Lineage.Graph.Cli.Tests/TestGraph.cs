using Lineage.Graph.Core;
using Lineage.Graph.Server.Hosting;
using Lineage.Graph.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Lineage.Graph.Cli.Tests;

/// <summary>
/// The graph the query tests read: the server's demo graph (raw events to a production
/// deployment, two model versions to diff) plus a dataset whose key needs escaping in every
/// output language, all written at one fixed instant so that outputs hold no varying times.
/// </summary>
public static class TestGraph
{
    public static readonly DateTimeOffset WrittenAt = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public const string RawEvents = "dataset:s3://acme-lake/raw:click_events@2026-06-02";
    public const string ModelV1 = "model:mlflow://registry:churn@1";
    public const string ModelV2 = "model:mlflow://registry:churn@2";
    public const string Deployment = "deployment:prod:churn-api@42";
    public const string Features = "feature:churn_features:days_since_last_session@v3";

    /// <summary>Quotes, spaces, markup characters, non-ASCII letters, and an escaped '@' in the version.</summary>
    public static readonly EntityKey Awkward = EntityKey.Create(EntityKind.Dataset, "file://share/Q3 reports", "<b>#1</b> \"final\" résumé\\v2.csv", "v1@rc");

    public static async Task WriteAsync(string path)
    {
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = path }, new TraversalLimits(), new FakeTimeProvider(WrittenAt));
        await DemoGraph.WriteAsync(store);
        await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = Awkward, Description = "A hand-made report", Tags = ["manual"], Fields = new DatasetFields { RowCount = 12 } }],
            Edges = [new EdgeInput(EntityKey.Parse(RawEvents), Awkward, RelationKind.Derives)],
        });
    }
}
