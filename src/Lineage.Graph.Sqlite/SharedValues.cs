using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// Decodes the parts of entity rows that many entities share, keeping one copy of each: the
/// namespaces and names of keys, label lists, small property maps, the short strings of typed
/// fields (a column's name and type, a run's status) and a dataset's schema columns. Decoded
/// entities live on in the entity cache, where these copies were most of an entity's memory
/// (1.5–1.7 KB each on the benchmark's graph, see README).
/// </summary>
/// <remarks>
/// Each kind of value has a fixed table, indexed by hash, that keeps the value last seen at each
/// place: a lookup finds the same value or replaces it. Nothing grows, nothing is locked (an entry
/// is replaced whole), and a miss only costs the copy that would have been made anyway. Everything
/// handed out is immutable or read-only, so sharing it is safe.
/// </remarks>
internal static class SharedValues
{
    // Longer texts are rarely shared (URIs, descriptions, hashes), and comparing them costs more.
    private const int MaxSharedLength = 256;

    private static readonly Table<string, string> Strings = new(1 << 14);
    private static readonly Table<string, string[]> LabelLists = new(1 << 10);
    private static readonly Table<string, IReadOnlyDictionary<string, JsonElement>> PropertyMaps = new(1 << 12);
    private static readonly Table<SchemaField, SchemaField> SchemaFields = new(1 << 14);
    private static readonly Utf8Strings FieldStrings = new(1 << 14);
    private static readonly Utf8Strings KeyStrings = new(1 << 14);

    private static readonly JsonSerializerOptions FieldOptions = new(LineageJson.Options) { Converters = { new SharedStringConverter() } };

    private static readonly Func<EntityKind, byte[], EntityFields?> FieldsDecoder = Fields;

    /// <summary>The shared copy of a string equal to <paramref name="value"/>.</summary>
    public static string String(string value) => value.Length > MaxSharedLength ? value : Strings.Get(value, static v => v);

    /// <summary>The shared copy of the string of these UTF-8 bytes, made only when it is new.</summary>
    public static string String(ReadOnlySpan<byte> utf8) => utf8.Length > MaxSharedLength ? Encoding.UTF8.GetString(utf8) : KeyStrings.Get(utf8);

    /// <summary>A label list (tags, owners) from its JSON form.</summary>
    public static string[] Labels(string json) =>
        json == "[]" ? [] : LabelLists.Get(json, static j => [.. (JsonSerializer.Deserialize<string[]>(j) ?? []).Select(String)]);

    /// <summary>A label list from its UTF-8 JSON form; most entities have none, and "[]" makes no string.</summary>
    public static string[] Labels(ReadOnlySpan<byte> utf8Json) => utf8Json.SequenceEqual("[]"u8) ? [] : Labels(Encoding.UTF8.GetString(utf8Json));

    /// <summary>A property map from its UTF-8 JSON form; most entities have none, and "{}" makes no string.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Properties(ReadOnlySpan<byte> utf8Json) =>
        utf8Json.IsEmpty || utf8Json.SequenceEqual("{}"u8) ? LineageJson.EmptyProperties : Properties(Encoding.UTF8.GetString(utf8Json));

    /// <summary>A property map from its JSON form; a map of the same text is handed out once.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Properties(string? json) =>
        string.IsNullOrEmpty(json) || json == "{}" || json.Length > MaxSharedLength
            ? LineageJson.DeserializeProperties(json)
            : PropertyMaps.Get(json, static j => LineageJson.DeserializeProperties(j));

    /// <summary>
    /// A fields column as it is stored, UTF-8 JSON read without a string made of it, for
    /// <see cref="Fields"/> to decode if the fields are read (<see cref="EncodedFields"/> says why).
    /// </summary>
    public static EncodedFields? EncodedFields(RawStatement row, int column) =>
        row.IsNull(column) ? null : new EncodedFields(row.Utf8(column).ToArray(), FieldsDecoder);

    /// <summary>A kind's typed fields from their UTF-8 JSON form, with their short strings and schema columns shared.</summary>
    public static EntityFields? Fields(EntityKind kind, byte[] utf8Json)
    {
        if (LineageJson.FieldsType(kind) is not { } type)
        {
            return null;
        }

        var fields = (EntityFields?)JsonSerializer.Deserialize(utf8Json, type, FieldOptions);
        return fields is DatasetFields { Schema: { Count: > 0 } schema } dataset
            ? dataset with { Schema = [.. schema.Select(c => SchemaFields.Get(c, static f => f))] }
            : fields;
    }

    /// <summary>A fixed table of the values last seen, by key hash.</summary>
    private sealed class Table<TKey, TValue>(int size)
        where TKey : notnull
        where TValue : class
    {
        private readonly Entry?[] _entries = new Entry?[size];

        public TValue Get(TKey key, Func<TKey, TValue> create)
        {
            var slot = key.GetHashCode() & (_entries.Length - 1);
            if (Volatile.Read(ref _entries[slot]) is { } entry && EqualityComparer<TKey>.Default.Equals(entry.Key, key))
            {
                return entry.Value;
            }

            var value = create(key);
            Volatile.Write(ref _entries[slot], new Entry(key, value));
            return value;
        }

        private sealed record Entry(TKey Key, TValue Value);
    }

    /// <summary>Short strings by their UTF-8 bytes, so that a string read from JSON is made only when it is new.</summary>
    private sealed class Utf8Strings(int size)
    {
        private readonly Entry?[] _entries = new Entry?[size];

        public string Get(ReadOnlySpan<byte> utf8)
        {
            var hash = new HashCode();
            hash.AddBytes(utf8);
            var slot = hash.ToHashCode() & (_entries.Length - 1);
            if (Volatile.Read(ref _entries[slot]) is { } entry && entry.Utf8.AsSpan().SequenceEqual(utf8))
            {
                return entry.Value;
            }

            var value = Encoding.UTF8.GetString(utf8);
            Volatile.Write(ref _entries[slot], new Entry(utf8.ToArray(), value));
            return value;
        }

        private sealed record Entry(byte[] Utf8, string Value);
    }

    /// <summary>Reads the strings of typed fields through <see cref="FieldStrings"/>; writes them as usual.</summary>
    private sealed class SharedStringConverter : JsonConverter<string>
    {
        // Without escapes and split buffers, the bytes are the string's; others take the usual way.
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= 64
                ? FieldStrings.Get(reader.ValueSpan)
                : reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
