using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Lineage.Graph.Core.Tests;

/// <summary>
/// Text that cannot be stored as given (invalid UTF-8, unpaired surrogates), values nested too
/// deeply and infinite metrics are refused as the item's fault, before any store sees them.
/// </summary>
public sealed class MalformedTextTests
{
    private const string Unpaired = "x\ud800y";

    private static readonly EntityKey Dataset = EntityKey.Parse("dataset:s3://lake:events@v1");

    [Theory]
    [InlineData("""{"a":"x\ud800y"}""", "a")]
    [InlineData("""{"a":{"b":[1,"\udc00"]}}""", "a.b[1]")]
    [InlineData("""{"ok":"\ud83d\ude00","a\ud800":1}""", "(member 1)")]
    [InlineData("""["fine",{"c":"\ud800"}]""", "[1].c")]
    public void Malformed_text_is_found_by_where_it_is(string json, string where)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(where, JsonText.FindMalformed(document.RootElement, ""));
        Assert.Equal(where.StartsWith('[') ? $"event{where}" : $"event.{where}", JsonText.FindMalformed(document.RootElement, "event"));
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_found()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("""{"job":{"name":"a"""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("""b"}}""")];
        using var document = JsonDocument.Parse(bytes);

        Assert.Equal("job.name", JsonText.FindMalformed(document.RootElement, ""));
    }

    [Fact]
    public void Well_formed_text_passes_and_nothing_is_reported()
    {
        using var document = JsonDocument.Parse("""{"emoji":"\ud83d\ude00","nested":[{"k":"日本語"}],"n":1e5,"t":true,"z":null}""");

        Assert.Null(JsonText.FindMalformed(document.RootElement, ""));
    }

    [Fact]
    public void Unpaired_surrogates_in_entity_text_are_refused()
    {
        Refused(new EntityInput { Key = Dataset, Description = Unpaired });
        Refused(new EntityInput { Key = Dataset, Tags = ["ok", Unpaired] });
        Refused(new EntityInput { Key = Dataset, Owners = [Unpaired] });
        Refused(new EntityInput { Key = Dataset, Properties = new Dictionary<string, JsonElement> { [Unpaired] = JsonSerializer.SerializeToElement(1) } });
    }

    [Fact]
    public void Malformed_text_inside_a_property_value_is_refused_naming_the_property()
    {
        using var document = JsonDocument.Parse("""{"deep":{"list":["\ud800"]}}""");
        var properties = new Dictionary<string, JsonElement> { ["facet"] = document.RootElement.Clone() };

        var error = Refused(new EntityInput { Key = Dataset, Properties = properties });

        Assert.Contains("properties.facet.deep.list[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_values_nest_at_most_the_documented_depth()
    {
        new WriteBatch { Entities = [new EntityInput { Key = Dataset, Properties = new Dictionary<string, JsonElement> { ["p"] = Nested(JsonText.MaxPropertyDepth) } }] }.Validate();

        var error = Refused(new EntityInput { Key = Dataset, Properties = new Dictionary<string, JsonElement> { ["p"] = Nested(JsonText.MaxPropertyDepth + 1) } });
        Assert.Contains("properties.p", error.Message, StringComparison.Ordinal);

        var edge = new EdgeInput(Dataset, EntityKey.Parse("run:airflow:etl@3f2504e0-4f89-11d3-9a0c-0305e82c3301"), RelationKind.InputTo)
        {
            Properties = new Dictionary<string, JsonElement> { ["p"] = Nested(JsonText.MaxPropertyDepth + 1) },
        };
        Assert.Equal("edges[0]", Assert.Throws<InvalidInputException>(() => new WriteBatch { Edges = [edge] }.Validate()).Item);
    }

    [Fact]
    public void Infinite_metrics_are_refused()
    {
        var model = EntityKey.Parse("model:mlflow:churn@1");
        Refused(new EntityInput { Key = model, Fields = new ModelFields { Metrics = new Dictionary<string, double> { ["auc"] = double.PositiveInfinity } } });
        Refused(new EntityInput { Key = model, Fields = new ModelFields { Metrics = new Dictionary<string, double> { ["auc"] = double.NaN } } });
    }

    [Fact]
    public void Hyperparameter_values_are_checked_like_properties()
    {
        using var document = JsonDocument.Parse("""{"v":"\ud800"}""");
        var values = new Dictionary<string, JsonElement> { ["lr"] = document.RootElement.GetProperty("v").Clone() };

        Refused(new EntityInput
        {
            Key = EntityKey.Create(EntityKind.HyperparameterSet, HyperparameterSets.Namespace, "sha256:00"),
            Fields = new HyperparameterSetFields { Values = values },
        });
    }

    [Theory]
    [InlineData("", "A hyperparameter needs a name.")]
    [InlineData("learning\nrate", "The name of a hyperparameter is at most 1024 characters, without control characters; 'learning rate' has 13 characters, control characters among them.")]
    [InlineData("nul\0", "The name of a hyperparameter is at most 1024 characters, without control characters; 'nul\\u0000' has 4 characters, control characters among them.")]
    public void Hyperparameter_names_are_checked_like_property_names(string name, string message)
    {
        var values = new Dictionary<string, JsonElement> { [name] = JsonSerializer.SerializeToElement(0.1) };

        Assert.Equal("entities[1]: " + message, Refused(HyperparameterSets.InputFor(values)).Message);
        Assert.Equal(
            $"entities[1]: The name of a property is at most 1024 characters, without control characters; '{new string('p', 60)}...' has 1025 characters.",
            Refused(new EntityInput { Key = Dataset, Properties = new Dictionary<string, JsonElement> { [new string('p', 1_025)] = JsonSerializer.SerializeToElement(1) } }).Message);
        Assert.Equal(
            $"entities[1]: The name of a hyperparameter is at most 1024 characters, without control characters; '{new string('h', 60)}...' has 1025 characters.",
            Refused(HyperparameterSets.InputFor(new Dictionary<string, JsonElement> { [new string('h', 1_025)] = JsonSerializer.SerializeToElement(1) })).Message);
    }

    /// <summary>
    /// Every text member of every typed-fields record, found by reflection, so that a field added
    /// later without a check fails here: each is set alone to an unpaired surrogate and must be refused.
    /// </summary>
    [Fact]
    public void Every_text_member_of_every_typed_fields_record_is_checked()
    {
        var checkedMembers = 0;
        foreach (var kind in Enum.GetValues<EntityKind>())
        {
            if (LineageJson.FieldsType(kind) is not { } type || kind == EntityKind.HyperparameterSet)
            {
                continue;
            }

            var key = kind == EntityKind.Run ? EntityKey.Parse("run:airflow:etl@3f2504e0-4f89-11d3-9a0c-0305e82c3301") : EntityKey.Create(kind, "ns", "name", "v1");
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var fields = (EntityFields)Activator.CreateInstance(type)!;
                object? value = property.PropertyType == typeof(string) ? Unpaired
                    : property.PropertyType == typeof(IReadOnlyList<SchemaField>) ? new[] { new SchemaField("ok", "string", Unpaired) }
                    : property.PropertyType == typeof(IReadOnlyDictionary<string, double>) ? new Dictionary<string, double> { [Unpaired] = 1 }
                    : null;
                if (value is null)
                {
                    continue;
                }

                property.SetValue(fields, value);
                var error = Assert.Throws<InvalidInputException>(() => new WriteBatch { Entities = [new EntityInput { Key = key, Fields = fields }] }.Validate());
                Assert.Equal("entities[0]", error.Item);
                checkedMembers++;
            }
        }

        // Dataset: contentHash, uri, schema; Feature 2; CodeVersion 2; Model: framework, stage, artifactUri, metrics; Run: status, metrics; Deployment 1.
        Assert.Equal(14, checkedMembers);
    }

    private static InvalidInputException Refused(EntityInput entity)
    {
        var error = Assert.Throws<InvalidInputException>(() => new WriteBatch { Entities = [new EntityInput { Key = Dataset }, entity] }.Validate());
        Assert.Equal("entities[1]", error.Item);
        return error;
    }

    private static JsonElement Nested(int depth)
    {
        var json = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            json.Append(i % 2 == 0 ? "{\"a\":" : "[");
        }

        json.Append('1');
        for (var i = depth - 1; i >= 0; i--)
        {
            json.Append(i % 2 == 0 ? '}' : ']');
        }

        using var document = JsonDocument.Parse(json.ToString(), new JsonDocumentOptions { MaxDepth = 128 });
        return document.RootElement.Clone();
    }
}
