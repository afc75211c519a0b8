using System.Text;
using System.Text.Json;
using Lineage.Graph.Core;
using Microsoft.Extensions.Time.Testing;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>
/// Decoding with shared copies: what many rows hold is handed out once, and every value decodes
/// to what the plain deserializer gives, escapes, long strings and other scripts included.
/// </summary>
/// <remarks>
/// The tables are process-wide and keep the value last seen at each place, so a test decoding at
/// the same time (the contract suites) could replace a copy between two lookups of one of these
/// tests: they run alone.
/// </remarks>
[Collection(nameof(SharedValuesCollection))]
public sealed class SharedValuesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-shared-").FullName;

    [Fact]
    public void Text_read_in_place_as_UTF8_decodes_as_its_string_and_short_text_is_one_copy()
    {
        var first = SharedValues.String("s3://lake/raw"u8);
        var longText = new string('n', 300) + "é";

        Assert.Equal("s3://lake/raw", first);
        Assert.Same(first, SharedValues.String(Utf8("s3://lake/raw")));
        Assert.Equal("名前 🚀 \"q\"", SharedValues.String(Utf8("名前 🚀 \"q\"")));
        Assert.Equal(longText, SharedValues.String(Utf8(longText)));
        Assert.Equal("", SharedValues.String(ReadOnlySpan<byte>.Empty));
        Assert.Empty(SharedValues.Labels("[]"u8));
        Assert.Equal(["a", "é"], SharedValues.Labels(Utf8("""["a","é"]""")));
        Assert.Same(LineageJson.EmptyProperties, SharedValues.Properties("{}"u8));
        Assert.Same(LineageJson.EmptyProperties, SharedValues.Properties(ReadOnlySpan<byte>.Empty));
        Assert.Equal("\"ü\"", SharedValues.Properties(Utf8("""{"k":"ü"}"""))["k"].GetRawText());
    }

    [Fact]
    public void Equal_labels_and_small_property_maps_are_one_copy()
    {
        Assert.Same(SharedValues.Labels("""["data-platform@acme.io"]"""), SharedValues.Labels("""["data-platform@acme.io"]"""));
        Assert.Same(SharedValues.Properties("""{"format":"parquet"}"""), SharedValues.Properties("""{"format":"parquet"}"""));
        Assert.Same(SharedValues.String(new string('n', 3)), SharedValues.String(new string('n', 3)));
        Assert.Empty(SharedValues.Labels("[]"));
    }

    [Fact]
    public void Schemas_share_their_columns_and_the_columns_their_strings()
    {
        const string Json = """{"kind":"DATASET","schema":[{"name":"user_id","type":"int64"},{"name":"ts","type":"timestamp"}],"rowCount":1}""";

        var first = (DatasetFields)SharedValues.Fields(EntityKind.Dataset, Utf8(Json))!;
        var second = (DatasetFields)SharedValues.Fields(EntityKind.Dataset, Utf8(Json.Replace("\"rowCount\":1", "\"rowCount\":2", StringComparison.Ordinal)))!;

        Assert.Same(first.Schema![0], second.Schema![0]);
        Assert.Same(first.Schema[1], second.Schema[1]);
        Assert.Equal((1L, 2L), (first.RowCount, second.RowCount));
        var run = (RunFields)SharedValues.Fields(EntityKind.Run, Utf8("""{"kind":"RUN","status":"COMPLETE"}"""))!;
        Assert.Same(run.Status, ((RunFields)SharedValues.Fields(EntityKind.Run, Utf8("""{"kind":"RUN","status":"COMPLETE","runType":"ETL"}"""))!).Status);
    }

    [Theory]
    [InlineData("""{"kind":"DATASET","schema":[{"name":"caf\u00e9 \"quoted\"","type":"string","description":"\ud83d\ude80 a\\nb"}],"uri":"s3://x"}""")]
    [InlineData("""{"kind":"DATASET","schema":[{"name":"ÄRGER","type":"数据"}],"contentHash":"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123"}""")]
    [InlineData("""{"kind":"DATASET","schema":[{"Name":"a","TYPE":"int","extra":{"x":[1,{"y":null}]},"description":null},{"name":"b"},{"type":"t"}],"rowCount":3}""")]
    [InlineData("""{"kind":"DATASET","schema":[],"uri":"s3://x"}""")]
    [InlineData("""{"kind":"RUN","status":"FAILED","metrics":{"auc":0.5}}""")]
    [InlineData("""{"kind":"MODEL","framework":"sklearn","stage":"production","metrics":{"loss":0.1},"artifactUri":"s3://m"}""")]
    public void Fields_decode_as_the_plain_deserializer_decodes_them(string json)
    {
        var kind = JsonDocument.Parse(json).RootElement.GetProperty("kind").GetString() switch
        {
            "RUN" => EntityKind.Run,
            "MODEL" => EntityKind.Model,
            _ => EntityKind.Dataset,
        };

        var plain = LineageJson.SerializeFields(LineageJson.DeserializeFields(kind, json));

        // Twice: the second decode finds the first one's strings and columns in the tables.
        Assert.Equal(plain, LineageJson.SerializeFields(SharedValues.Fields(kind, Utf8(json))));
        Assert.Equal(plain, LineageJson.SerializeFields(SharedValues.Fields(kind, Utf8(json))));
    }

    [Fact]
    public async Task Entities_read_back_share_what_they_have_in_common_and_keep_what_they_do_not()
    {
        var options = new SqliteStoreOptions { Path = Path.Combine(_folder, "lineage.db") };
        await using (var store = SqliteLineageStore.Open(options, new TraversalLimits(), new FakeTimeProvider()))
        {
            await store.WriteAsync(new WriteBatch
            {
                Entities =
                [
                    new EntityInput { Key = EntityKey.Parse("dataset:s3://lake:a@1"), Owners = ["team@acme.io"], Properties = Map("""{"format":"parquet"}""") },
                    new EntityInput { Key = EntityKey.Parse("dataset:s3://lake:a@2"), Owners = ["team@acme.io"], Properties = Map("""{"format":"parquet"}""") },
                    new EntityInput { Key = EntityKey.Parse("dataset:s3://lake:b@1"), Owners = ["other@acme.io"], Properties = Map("""{"format":"csv"}""") },
                ],
            });
        }

        // A new store reads every row from the file.
        await using var reopened = SqliteLineageStore.Open(options, new TraversalLimits(), new FakeTimeProvider());
        var read = await reopened.GetManyAsync([EntityKey.Parse("dataset:s3://lake:a@1"), EntityKey.Parse("dataset:s3://lake:a@2"), EntityKey.Parse("dataset:s3://lake:b@1")]);
        var (a1, a2, b1) = (read[EntityKey.Parse("dataset:s3://lake:a@1")], read[EntityKey.Parse("dataset:s3://lake:a@2")], read[EntityKey.Parse("dataset:s3://lake:b@1")]);

        Assert.Same(a1.Owners, a2.Owners);
        Assert.Same(a1.Properties, a2.Properties);
        Assert.Same(a1.Namespace, b1.Namespace);
        Assert.Same(a1.Name, a2.Name);
        Assert.Equal(["other@acme.io"], b1.Owners);
        Assert.Equal("\"csv\"", b1.Properties["format"].GetRawText());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, JsonElement> Map(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}

/// <summary>The tests of <see cref="SharedValuesTests"/>, run with no other test class at the same time.</summary>
[CollectionDefinition(nameof(SharedValuesCollection), DisableParallelization = true)]
public sealed class SharedValuesCollection;
