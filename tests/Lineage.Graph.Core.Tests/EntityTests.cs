using System.Text;

namespace Lineage.Graph.Core.Tests;

/// <summary>Typed fields set in their stored form: decoded once, when first read, and otherwise the same entity.</summary>
public sealed class EntityTests
{
    private static readonly EntityKey Run = EntityKey.Create(EntityKind.Run, "airflow", "daily", "00000000-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset At = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private int _decodes;

    [Fact]
    public void Encoded_fields_are_decoded_when_first_read_and_only_once()
    {
        var entity = Encoded("""{"kind":"RUN","status":"COMPLETE"}""");
        Assert.Equal(0, _decodes);

        var first = entity.Fields;
        var second = entity.Fields;

        Assert.Equal(new RunFields { Status = "COMPLETE" }, first);
        Assert.Same(first, second);
        Assert.Equal(1, _decodes);
    }

    [Fact]
    public void An_entity_with_encoded_fields_equals_one_with_the_same_fields_decoded()
    {
        var decoded = new Entity { Key = Run, Fields = new RunFields { Status = "COMPLETE" }, RecordedAt = At, UpdatedAt = At };

        Assert.Equal(decoded, Encoded("""{"kind":"RUN","status":"COMPLETE"}"""));
        Assert.Equal(decoded.GetHashCode(), Encoded("""{"kind":"RUN","status":"COMPLETE"}""").GetHashCode());
        Assert.NotEqual(decoded, Encoded("""{"kind":"RUN","status":"FAIL"}"""));
        Assert.NotEqual(decoded, decoded with { Description = "other" });
    }

    [Fact]
    public void A_copy_keeps_the_fields_still_encoded_unless_it_sets_others()
    {
        var entity = Encoded("""{"kind":"RUN","status":"COMPLETE"}""");

        var copy = entity with { Description = "copied" };
        var replaced = entity with { Fields = new RunFields { Status = "FAIL" } };

        Assert.Equal(0, _decodes);
        Assert.Equal("COMPLETE", ((RunFields)copy.Fields!).Status);
        Assert.Equal("FAIL", ((RunFields)replaced.Fields!).Status);
        Assert.Equal(1, _decodes);
    }

    [Fact]
    public void Fields_a_decoder_finds_none_of_are_null()
    {
        var job = new Entity
        {
            Key = EntityKey.Create(EntityKind.Job, "airflow", "daily"),
            EncodedFields = new EncodedFields(Encoding.UTF8.GetBytes("{}"), (_, _) => null),
            RecordedAt = At,
            UpdatedAt = At,
        };

        Assert.Null(job.Fields);
    }

    [Fact]
    public async Task Readers_racing_the_first_decode_all_get_the_same_fields()
    {
        for (var round = 0; round < 200; round++)
        {
            var entity = Encoded("""{"kind":"RUN","status":"COMPLETE"}""");
            var copy = entity with { Description = "a copy made before the first read" };
            var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? entity : copy).Fields)));
            Assert.All(reads, fields => Assert.Same(reads[0], fields));
            Assert.Equal("COMPLETE", ((RunFields)reads[0]!).Status);
        }
    }

    [Fact]
    public void A_copy_made_before_the_first_read_equals_its_original_even_with_fields_compared_by_reference()
    {
        // A dataset's schema is a list, which records compare by reference: both must decode to one instance.
        var dataset = Encoded("""{"kind":"DATASET","schema":[{"name":"id","type":"int"}]}""") with
        {
            Key = EntityKey.Create(EntityKind.Dataset, "s3://lake", "events", "1"),
        };

        var copy = dataset with { };

        Assert.Equal(dataset, copy);
        Assert.Equal(dataset.GetHashCode(), copy.GetHashCode());
        Assert.Same(dataset.Fields, copy.Fields);
    }

    private Entity Encoded(string json) => new()
    {
        Key = Run,
        EncodedFields = new EncodedFields(Encoding.UTF8.GetBytes(json), (kind, utf8) =>
        {
            Interlocked.Increment(ref _decodes);
            return LineageJson.DeserializeFields(kind, Encoding.UTF8.GetString(utf8));
        }),
        RecordedAt = At,
        UpdatedAt = At,
    };
}
