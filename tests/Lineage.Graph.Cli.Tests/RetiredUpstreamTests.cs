using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Provenance names the lineage that retirement took out of its closure, in a table and in JSON, from a file and through a server.</summary>
public sealed class RetiredUpstreamTests
{
    public static TheoryData<string> Sources() => [CliHost.Embedded, CliHost.Server];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Provenance_names_the_upstream_lineage_that_retirement_took_out_of_its_closure(string source)
    {
        // The training data is retired: the model's current closure loses it, and its verdict no longer sees it.
        var data = EntityKey.Parse("dataset:s3://lake:train@1");
        var train = EntityKey.Parse("run:jobs:train@00000000-0000-4000-8000-000000000001");
        var code = EntityKey.Parse("codeversion:https://github.com/acme/ml:train.py@abc1234");
        var model = EntityKey.Parse("model:registry:m@1");
        using var host = new CliHost(async path =>
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
            await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = path }, new TraversalLimits(), clock);
            await store.WriteAsync(new WriteBatch
            {
                Entities = [.. new[] { data, train, code, model }.Select(key => new EntityInput { Key = key })],
                Edges = [new(data, train, RelationKind.InputTo), new(code, train, RelationKind.ExecutedIn), new(train, model, RelationKind.Produced)],
            });
            clock.Advance(TimeSpan.FromHours(1));
            await store.RetireAsync(new RetireRequest { Entities = [data] });
        });

        var table = await host.RunAsync(source, "provenance", model.ToString(), "--format", "table");
        var json = await host.RunAsync(source, "provenance", model.ToString(), "--format", "json");
        var before = await host.RunAsync(source, "provenance", model.ToString(), "--format", "json", "--as-of", "2026-06-01T12:30:00Z");

        Assert.True(table.Exit == 0, table.Err);
        Assert.Contains("Reproducible: yes\nRetired upstream, not in this closure nor judged (1); ask with --as-of before a retirement to see it:\n"
            + $"  {data} -INPUT_TO-> {train}, retired 2026-06-01T13:00:00Z\n", table.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var retired = Assert.Single(JsonDocument.Parse(json.Out).RootElement.GetProperty("retiredUpstream").EnumerateArray());
        Assert.Equal((data.ToString(), train.ToString(), "INPUT_TO", "2026-06-01T13:00:00Z"),
            (retired.GetProperty("from").GetString(), retired.GetProperty("to").GetString(), retired.GetProperty("relation").GetString(), retired.GetProperty("retiredAt").GetString()));
        Assert.Empty(JsonDocument.Parse(before.Out).RootElement.GetProperty("retiredUpstream").EnumerateArray());
    }
}
