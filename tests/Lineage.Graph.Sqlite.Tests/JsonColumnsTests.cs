using System.Text.Json;
using Lineage.Graph.Core;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>
/// The store writes its JSON columns through one reused UTF-8 writer; what it stores must be the
/// text the serializers give (which the other store writes, and every reader of the file expects).
/// </summary>
public sealed class JsonColumnsTests : IDisposable
{
    // Text a JSON writer escapes or encodes in each of its ways: quotes and backslashes, HTML-unsafe
    // characters, a control character, accented and CJK letters, a character outside the BMP.
    private const string Hostile = "q\"uote\\ <a href='x'>&amp;</a> \u0001 café 中文 🚀";

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly RawStatement _select;

    public JsonColumnsTests()
    {
        _connection.Open();
        _select = new RawStatement(_connection, "SELECT ?1");
    }

    public static TheoryData<string> Labels => [
        "[]",
        "[\"one\"]",
        JsonSerializer.Serialize(new[] { Hostile, "second", Hostile + Hostile }),
    ];

    public static TheoryData<string> Properties => [
        "{}",
        "{\"a\":1}",
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            [Hostile] = Hostile,
            ["number"] = 0.1 + 0.2,
            ["big"] = 1e300,
            ["nested"] = new Dictionary<string, object> { ["list"] = new object[] { 1, "two", true, new[] { 3.5 } } },
            ["null"] = null!,
        }),
    ];

    public static TheoryData<EntityKind, string> Fields => new()
    {
        { EntityKind.Dataset, $$$"""{"schema":[{"name":{{{Quoted(Hostile)}}},"type":"string","description":"d"},{"name":"id"}],"rowCount":9007199254740993,"uri":"s3://b/é"}""" },
        { EntityKind.Run, $$$"""{"runType":"TRAINING","status":"COMPLETE","startedAt":"2026-06-01T12:00:00.1234567+02:00","metrics":{"auc":0.30000000000000004,"tiny":5e-324}}""" },
        { EntityKind.Model, $$$"""{"framework":{{{Quoted(Hostile)}}},"metrics":{"loss":1.5}}""" },
        { EntityKind.HyperparameterSet, $$$"""{"values":{"lr":0.001,"layers":[64,64],"name":{{{Quoted(Hostile)}}}}}""" },
        { EntityKind.CodeVersion, """{"branch":"main","dirty":true}""" },
        { EntityKind.Deployment, """{"status":"LIVE","deployedAt":"2026-06-01T12:00:00Z"}""" },
        { EntityKind.Feature, """{"dataType":"float"}""" },
        { EntityKind.Dataset, "{}" },
    };

    [Theory]
    [MemberData(nameof(Labels))]
    public void Labels_are_stored_as_the_serializer_writes_them(string json)
    {
        var labels = JsonSerializer.Deserialize<List<string>>(json)!;
        Assert.Equal(JsonSerializer.Serialize(labels), Bound(columns => columns.BindLabels(_select, 1, labels)));
    }

    [Theory]
    [MemberData(nameof(Properties))]
    public void Properties_are_stored_as_LineageJson_writes_them(string json)
    {
        var properties = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        Assert.Equal(LineageJson.SerializeProperties(properties), Bound(columns => columns.BindProperties(_select, 1, properties)));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Typed_fields_are_stored_as_LineageJson_writes_them(EntityKind kind, string json)
    {
        var fields = LineageJson.DeserializeFields(kind, json);
        Assert.NotNull(fields);
        Assert.Equal(LineageJson.SerializeFields(fields), Bound(columns => columns.BindFields(_select, 1, fields)));
    }

    [Fact]
    public void No_fields_are_stored_as_NULL_and_one_writer_serves_many_columns_in_turn()
    {
        var columns = new JsonColumns();
        using var select = new RawStatement(_connection, "SELECT ?1, ?2, ?3, ?4");
        var long_ = new Dictionary<string, JsonElement> { ["text"] = JsonSerializer.SerializeToElement(new string('x', 5_000)) };
        columns.BindProperties(select, 1, long_);
        columns.BindFields(select, 2, null);
        columns.BindLabels(select, 3, ["short"]);
        columns.BindProperties(select, 4, new Dictionary<string, JsonElement> { ["n"] = JsonSerializer.SerializeToElement(1) });
        Assert.True(select.Read());
        Assert.Equal(LineageJson.SerializeProperties(long_), select.String(0));
        Assert.True(select.IsNull(1));
        Assert.Equal("[\"short\"]", select.String(2));
        Assert.Equal("{\"n\":1}", select.String(3));
        select.Reset();
    }

    public void Dispose()
    {
        _select.Dispose();
        _connection.Dispose();
    }

    private static string Quoted(string text) => JsonSerializer.Serialize(text);

    private string Bound(Action<JsonColumns> bind)
    {
        bind(new JsonColumns());
        Assert.True(_select.Read());
        var text = _select.String(0);
        _select.Reset();
        return text;
    }
}
