using System.Globalization;
using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite.TestWriter;

/// <summary>The batches the writer process writes, and how a test recognises them whole.</summary>
public static class DurabilityBatch
{
    public const string Namespace = "durability";

    public const int Size = 25;

    public static EntityKey Key(int batch, int item) =>
        EntityKey.Create(EntityKind.Dataset, Namespace, $"b{batch:D6}-e{item:D2}", "v1");

    /// <summary>The batch an entity of these batches belongs to, read from its name.</summary>
    public static int BatchOf(EntityKey key) => int.Parse(key.Name.AsSpan(1, 6), CultureInfo.InvariantCulture);

    public static WriteBatch Create(int batch) => new()
    {
        Entities = [.. Enumerable.Range(0, Size).Select(item => new EntityInput
        {
            Key = Key(batch, item),
            Description = new string('x', 2_000),
            Properties = new Dictionary<string, JsonElement>
            {
                ["batch"] = JsonSerializer.SerializeToElement(batch.ToString(CultureInfo.InvariantCulture)),
            },
        })],
        Edges = [.. Enumerable.Range(0, Size - 1).Select(item => new EdgeInput(Key(batch, item), Key(batch, item + 1), RelationKind.Derives))],
    };
}
