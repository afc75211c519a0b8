using System.Text.Json;

namespace Lineage.Graph.Core.Tests;

/// <summary>
/// Timed writes of one entity give the same entity in every order (lineage-model.md: order does
/// not matter), over random inputs that set and clear every part the merge decides on its own:
/// properties, the description, tags, owners and a run's typed fields (statuses of a producer's
/// own among them, and empty records), with times that tie and one instant written two ways.
/// </summary>
public sealed class MergeOrderTests
{
    private static readonly EntityKey RunKey = EntityKey.Parse("run:airflow:etl.load@0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f");
    private static readonly DateTimeOffset Now = new(2026, 6, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Four_random_timed_writes_give_the_same_entity_in_every_order_and_replaying_any_changes_nothing()
    {
        var random = new Random(20261127);
        var orders = Permutations([0, 1, 2, 3]).ToList();
        for (var round = 0; round < 300; round++)
        {
            EntityInput[] inputs = [.. Enumerable.Range(0, 4).Select(_ => RandomInput(random))];

            // Sometimes an untimed write (a GraphQL upsert) made the entity before any timed one.
            var untimed = RandomInput(random);
            Entity? start = random.Next(3) == 0
                ? EntityMerge.Apply(null, untimed with { Properties = untimed.Properties!.Where(p => p.Key != EntityMerge.ObservedAtProperty).ToDictionary() }, Now).Entity
                : null;
            var ends = orders.Select(order => order.Aggregate(start, (entity, i) => EntityMerge.Apply(entity, inputs[i], Now).Entity)!).ToList();

            var answers = ends.Select(Describe).Distinct().ToList();
            Assert.True(answers.Count == 1, $"Round {round}:\n{string.Join("\n", inputs.Select(Show))}\n{string.Join("\n---\n", answers)}");
            var replayed = inputs.FirstOrDefault(input => EntityMerge.Apply(ends[0], input, Now.AddHours(1)).Changed);
            Assert.True(replayed is null, $"Round {round}: replaying {(replayed is null ? "" : Show(replayed))} changed\n{answers[0]}");
        }
    }

    [Fact]
    public void A_write_applied_twice_changes_nothing_the_second_time()
    {
        var random = new Random(20261128);
        for (var round = 0; round < 300; round++)
        {
            var entity = EntityMerge.Apply(null, RandomInput(random), Now).Entity;
            var input = RandomInput(random);
            entity = EntityMerge.Apply(entity, input, Now).Entity;

            Assert.False(EntityMerge.Apply(entity, input, Now.AddHours(1)).Changed, $"Round {round}: {input}");
        }
    }

    private static EntityInput RandomInput(Random random)
    {
        string? Pick(params string?[] choices) => choices[random.Next(choices.Length)];
        DateTimeOffset? Time() => random.Next(3) == 0 ? null : new DateTimeOffset(2026, 6, 1, random.Next(1, 4), 0, 0, TimeSpan.Zero);
        IReadOnlyList<string>? Labels() => random.Next(5) switch
        {
            0 => null,
            1 => [],
            2 => ["a"],
            3 => ["b", "c"],
            _ => ["c", "b"],
        };

        // One instant may be written with another offset.
        var hour = random.Next(1, 4);
        var properties = new Dictionary<string, JsonElement>
        {
            [EntityMerge.ObservedAtProperty] = JsonSerializer.SerializeToElement(random.Next(2) == 0 ? $"2026-06-01T0{hour}:00:00Z" : $"2026-06-01T0{hour + 2}:00:00+02:00"),
        };
        var removed = new List<string>();
        foreach (var name in new[] { "p", "q" })
        {
            switch (random.Next(3))
            {
                case 0:
                    removed.Add(name);
                    break;
                case 1:
                    properties[name] = JsonSerializer.SerializeToElement(random.Next(3));
                    break;
            }
        }

        return new EntityInput
        {
            Key = RunKey,
            Description = Pick(null, "d1", "d2"),
            Tags = Labels(),
            Owners = Labels(),
            Properties = properties,
            RemoveProperties = removed.Count == 0 ? null : removed,
            // An empty record, and statuses of a producer's own (MLflow's) beside OpenLineage's.
            Fields = random.Next(5) switch
            {
                0 => null,
                1 => new RunFields(),
                _ => new RunFields
                {
                    Status = Pick(null, "START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "SCHEDULED", "FINISHED"),
                    StartedAt = Time(),
                    EndedAt = Time(),
                    RunType = random.Next(3) == 0 ? null : (RunType)random.Next(2),
                },
            },
        };
    }

    private static string Show(EntityInput input) =>
        $"{input.Description} [{string.Join(",", input.Tags ?? ["-"])}] [{string.Join(",", input.Owners ?? ["-"])}] {LineageJson.Canonical(input.Properties!)} -{string.Join(",", input.RemoveProperties ?? [])} {LineageJson.SerializeFields(input.Fields)}";

    private static string Describe(Entity entity) =>
        $"{entity.Description} [{string.Join(",", entity.Tags)}] [{string.Join(",", entity.Owners)}] {LineageJson.Canonical(entity.Properties)} {LineageJson.SerializeFields(entity.Fields)}";

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length <= 1 ? [items] : items.SelectMany(item => Permutations([.. items.Where(i => i != item)]).Select(rest => (int[])[item, .. rest]));
}
