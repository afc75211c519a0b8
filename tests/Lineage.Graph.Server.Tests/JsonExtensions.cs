using System.Text.Json;

namespace Lineage.Graph.Server.Tests;

/// <summary>Short reads of answers: <c>data.At("lineage.start.key")</c>, <c>nodes.Strings("entity.key")</c>.</summary>
public static class JsonExtensions
{
    /// <summary>The element at a dotted path of property names and array indexes (<c>paths.0.length</c>).</summary>
    public static JsonElement At(this JsonElement element, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var part in path.Split('.'))
        {
            element = int.TryParse(part, out var index) && element.ValueKind == JsonValueKind.Array
                ? element[index]
                : element.TryGetProperty(part, out var child) ? child : throw new KeyNotFoundException($"No '{part}' of '{path}' in {element.GetRawText()}");
        }

        return element;
    }

    public static string? Str(this JsonElement element, string path) => element.At(path).GetString();

    public static int Int(this JsonElement element, string path) => element.At(path).GetInt32();

    public static bool Bool(this JsonElement element, string path) => element.At(path).GetBoolean();

    public static bool IsNull(this JsonElement element, string path) => element.At(path).ValueKind == JsonValueKind.Null;

    /// <summary>The string at <paramref name="path"/> of each item of an array.</summary>
    public static List<string?> Strings(this JsonElement array, string path = "") =>
        [.. array.EnumerateArray().Select(item => path.Length == 0 ? item.GetString() : item.At(path).GetString())];

    public static List<JsonElement> Items(this JsonElement array) => [.. array.EnumerateArray()];
}
