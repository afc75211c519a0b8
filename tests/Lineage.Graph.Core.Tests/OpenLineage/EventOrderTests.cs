using System.Text.Json;
using Lineage.Graph.Core.OpenLineage;

namespace Lineage.Graph.Core.Tests.OpenLineage;

/// <summary>
/// The events of one run give the same graph in any order (lineage-model.md: replays are
/// harmless and order does not matter), over random events: facets given, changed and marked
/// deleted on the run, the job and a dataset, with schemas, row counts and descriptions.
/// </summary>
public sealed class EventOrderTests
{
    private static readonly string[] Facets = ["a", "b", "c"];

    [Fact]
    public void Two_random_events_of_one_run_give_the_same_entities_in_either_order()
    {
        var random = new Random(20261127);
        for (var round = 0; round < 500; round++)
        {
            var first = RandomEvent(random, hour: 1);
            var second = RandomEvent(random, hour: 2);

            var forward = Apply(first, second);
            var backward = Apply(second, first);

            Assert.True(forward.SequenceEqual(backward), $"Round {round}:\n{first}\n{second}\n{string.Join("\n", forward)}\n---\n{string.Join("\n", backward)}");
        }
    }

    [Fact]
    public void Three_random_events_of_one_run_give_the_same_entities_in_every_order()
    {
        var random = new Random(20261128);
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        for (var round = 0; round < 300; round++)
        {
            string[] events = [RandomEvent(random, hour: 1), RandomEvent(random, hour: 2), RandomEvent(random, hour: 3)];

            var answers = orders.Select(order => string.Join("\n", Apply([.. order.Select(i => events[i])]))).Distinct().ToList();

            Assert.True(answers.Count == 1, $"Round {round}:\n{string.Join("\n", events)}\n{string.Join("\n---\n", answers)}");
        }
    }

    private static string RandomEvent(Random random, int hour)
    {
        string FacetsOf(string owner) => string.Join(", ", Facets.Where(_ => random.Next(3) > 0).Select(name => random.Next(4) switch
        {
            0 => $"\"{name}\": {{ \"_deleted\": true }}",
            _ => $"\"{name}\": {{ \"v\": \"{owner}{name}{random.Next(3)}\" }}",
        }));
        var type = new[] { "START", "RUNNING", "COMPLETE", "FAIL", "OTHER" }[random.Next(5)];
        var dataset = new List<string>();
        if (random.Next(2) == 0)
        {
            dataset.Add($"\"schema\": {{ \"fields\": [ {{ \"name\": \"col{random.Next(3)}\" }} ] }}");
        }

        if (random.Next(2) == 0)
        {
            dataset.Add($"\"documentation\": {{ \"description\": \"d{random.Next(3)}\" }}");
        }

        if (FacetsOf("d") is { Length: > 0 } custom)
        {
            dataset.Add(custom);
        }

        var rows = random.Next(2) == 0 ? "" : $", \"outputFacets\": {{ \"outputStatistics\": {{ \"rowCount\": {random.Next(3)} }} }}";
        return $$"""
            { "eventType": "{{type}}", "eventTime": "2026-06-01T0{{hour}}:00:00Z",
              "run": { "runId": "0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11", "facets": { {{FacetsOf("r")}} } },
              "job": { "namespace": "n", "name": "j", "facets": { {{FacetsOf("j")}} } },
              "outputs": [ { "namespace": "s3://a", "name": "t", "facets": { {{string.Join(", ", dataset)}} } {{rows}} } ] }
            """;
    }

    private static List<string> Apply(params string[] events) =>
        [.. Entities(events).Select(e => $"{e.Key} {e.Description} {LineageJson.Canonical(e.Properties)} {(e.Fields is null ? "" : LineageJson.SerializeFields(e.Fields))}")];

    private static IEnumerable<Entity> Entities(string[] events)
    {
        var entities = new SortedDictionary<string, Entity>(StringComparer.Ordinal);
        var now = new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero);
        foreach (var json in events)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var input in OpenLineageMapper.ToBatch(document.RootElement).Validate().Entities)
            {
                entities[input.Key.ToString()] = EntityMerge.Apply(entities.GetValueOrDefault(input.Key.ToString()), input, now).Entity;
            }
        }

        return entities.Values;
    }
}
