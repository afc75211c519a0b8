using System.Numerics;
using System.Text;
using Lineage.Graph.Core;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Sqlite;

/// <summary>Reads rows of <see cref="Schema.EntityColumns"/> into Core types, and of <see cref="Schema.EdgeColumns"/> into the index's.</summary>
internal static class Rows
{
    /// <summary>The entity of a row of <see cref="Schema.EntityColumns"/> that <paramref name="row"/> is on.</summary>
    public static Entity ReadEntity(RawStatement row)
    {
        var kind = (EntityKind)row.Int64(1);
        return new Entity
        {
            Key = EntityKey.FromStore(kind, SharedValues.String(row.Utf8(2)), SharedValues.String(row.Utf8(3)), row.NullableString(4), row.String(13)),
            Description = row.NullableString(5),
            Tags = SharedValues.Labels(row.Utf8(6)),
            Owners = SharedValues.Labels(row.Utf8(7)),
            Properties = SharedValues.Properties(row.Utf8(8)),
            EncodedFields = SharedValues.EncodedFields(row, 9),
            RecordedAt = Time(row.Int64(10)),
            UpdatedAt = Time(row.Int64(11)),
            RetiredAt = row.IsNull(12) ? null : Time(row.Int64(12)),
        };
    }

    /// <summary>
    /// Roughly what a decoded row costs beyond what its text and property maps hold: the objects, and the
    /// cache's slot and dictionary entry. Small rows are mostly this (a cached entity of the benchmark's graph
    /// costs about 730 B).
    /// </summary>
    public const long ObjectBytes = 512;

    // What a property decoded from its stored JSON holds beyond its text: a JsonDocument of its own
    // (LineageJson.DeserializeProperties reads each value as a JsonElement, which copies it into one), the
    // name's string and the map's entry. Measured at about 200 B by heap growth over 2,000 one-digit properties.
    private const long PropertyBytes = 200;

    // What a JsonDocument keeps for each token of its value beside the value's UTF-8: a row of its metadata.
    private const long TokenBytes = 12;

    // Typed fields are kept as stored until read, then decoded into records and strings (UTF-16) of about
    // three times that: a schema of 2,000 columns measured 77 KB stored, 233 KB once read. Counted as read,
    // since a reader selecting them decodes them in the cached copy.
    private const long FieldsPerStoredByte = 3;

    // A metric (a model's or a run's) decodes to a map entry and its name beyond three times its stored text:
    // 2,000 metrics measured 105 B each of heap against 64 B counted without this.
    private const long MetricBytes = 48;

    // A label (tag or owner) beside its characters: its string, its slot in the list, and its entry in the
    // table of shared strings. 512 labels of ten characters measured 98 B each.
    private const long LabelBytes = 80;

    /// <summary>
    /// What the cache counts <paramref name="entity"/>, read from the row <paramref name="row"/> is on, as
    /// weighing: an estimate of what the decoded copy holds, so that <see cref="SqliteStoreOptions.EntityCacheBytes"/>
    /// bounds memory rather than stored bytes (which understated it twentyfold for thousands of small properties).
    /// Strings are UTF-16, two bytes a character, and each label a string more; properties as
    /// <see cref="PropertiesBytes(int, ReadOnlySpan{byte})"/>; typed fields as <see cref="FieldsBytes"/>; and <see cref="ObjectBytes"/>. The two columns that may be large are read
    /// as bytes, without a string made of them.
    /// </summary>
    public static long EntityBytes(RawStatement row, Entity entity)
    {
        // The key is held as its text and as its parts (namespaces and names up to 256 bytes shared, counted all the same).
        var key = entity.Key;
        long chars = key.ToString().Length + key.Namespace.Length + key.Name.Length + (key.Version?.Length ?? 0) + (entity.Description?.Length ?? 0);
        for (var i = 0; i < entity.Tags.Count; i++)
        {
            chars += entity.Tags[i].Length;
        }

        for (var i = 0; i < entity.Owners.Count; i++)
        {
            chars += entity.Owners[i].Length;
        }

        return ObjectBytes + (2 * chars) + (LabelBytes * (entity.Tags.Count + entity.Owners.Count))
            + PropertiesBytes(entity.Properties.Count, row.Utf8(8)) + FieldsBytes(entity.Kind, row.Utf8(9));
    }

    /// <summary>
    /// Typed fields as once read: three times their stored bytes, and for the maps among them what each member
    /// costs beyond that: a hyperparameter value is a JsonDocument of its own (as a property), a metric an entry.
    /// </summary>
    private static long FieldsBytes(EntityKind kind, ReadOnlySpan<byte> json)
    {
        var bytes = FieldsPerStoredByte * json.Length;
        return kind switch
        {
            EntityKind.HyperparameterSet => bytes + (PropertyBytes * json.Count((byte)':')),
            EntityKind.Model or EntityKind.Run => bytes + (MetricBytes * Metrics(json)),
            _ => bytes,
        };
    }

    /// <summary>How many metrics the stored fields hold: the members of their <c>metrics</c> map, whose values are numbers.</summary>
    private static int Metrics(ReadOnlySpan<byte> json)
    {
        var at = json.IndexOf("\"metrics\":{"u8);
        if (at < 0)
        {
            return 0;
        }

        var map = json[(at + "\"metrics\":{"u8.Length)..];
        var end = map.IndexOf((byte)'}');
        return (end < 0 ? map : map[..end]).Count((byte)':');
    }

    /// <summary>
    /// An estimate of what a property map of <paramref name="count"/> properties decoded from <paramref name="utf8Json"/>
    /// holds: <see cref="PropertyBytes"/> for each property, twice the text (the values' UTF-8, and the names as
    /// strings; string values measured twice their length too), and <see cref="TokenBytes"/> for each token, counted
    /// from the separators and brackets of the text (a string holding them is counted high, never low). Within 0.8
    /// to 1.04 times the heap growth measured for thousands of small properties, a long array of numbers, a deeply
    /// nested document and long strings.
    /// </summary>
    public static long PropertiesBytes(int count, ReadOnlySpan<byte> utf8Json) => PropertiesBytes(count, utf8Json, utf8Json.Length);

    /// <summary><see cref="PropertiesBytes(int, ReadOnlySpan{byte})"/> of JSON read as a string, by its UTF-8 length (CJK text is three bytes a character).</summary>
    public static long PropertiesBytes(int count, string json) => PropertiesBytes(count, json.AsSpan(), Encoding.UTF8.GetByteCount(json));

    private static long PropertiesBytes<T>(int count, ReadOnlySpan<T> json, long utf8Length)
        where T : IBinaryInteger<T>
    {
        if (count == 0)
        {
            return 0;
        }

        long tokens = json.Count(T.CreateTruncating(':')) + json.Count(T.CreateTruncating(','))
            + (2 * (json.Count(T.CreateTruncating('{')) + json.Count(T.CreateTruncating('['))));
        return (count * PropertyBytes) + (2 * utf8Length) + (TokenBytes * tokens);
    }

    public static EdgeRow ReadEdge(SqliteDataReader reader) => new(
        checked((int)reader.GetInt64(0)), checked((int)reader.GetInt64(1)), checked((int)reader.GetInt64(2)),
        (RelationKind)reader.GetInt32(3), reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5),
        reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetBoolean(7));

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static long Ticks(DateTimeOffset time) => time.UtcTicks;

    /// <summary>Whether an entity existed at an instant (UTC ticks): recorded by then, and not retired by then.</summary>
    public static bool AliveAt(Entity entity, long at) => entity.RecordedAt.UtcTicks <= at && (entity.RetiredAt is not { } retired || retired.UtcTicks > at);

    /// <summary>The instant a walk or read looks at, in the index's terms.</summary>
    public static long At(DateTimeOffset? asOf) => asOf is { } time ? time.UtcTicks : AdjacencyIndex.Now;
}
