using System.Numerics;
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

    /// <summary>
    /// What the cache counts <paramref name="entity"/>, read from the row <paramref name="row"/> is on, as
    /// weighing: an estimate of what the decoded copy holds, so that <see cref="SqliteStoreOptions.EntityCacheBytes"/>
    /// bounds memory rather than stored bytes (which understated it twentyfold for thousands of small properties).
    /// Strings are UTF-16, two bytes a character; properties as <see cref="PropertiesBytes{T}"/>; typed fields
    /// three times their stored bytes; and <see cref="ObjectBytes"/>. The two columns that may be large are read
    /// as bytes, without a string made of them.
    /// </summary>
    public static long EntityBytes(RawStatement row, Entity entity)
    {
        long chars = entity.Key.ToString().Length + (entity.Description?.Length ?? 0);
        for (var i = 0; i < entity.Tags.Count; i++)
        {
            chars += entity.Tags[i].Length;
        }

        for (var i = 0; i < entity.Owners.Count; i++)
        {
            chars += entity.Owners[i].Length;
        }

        return ObjectBytes + (2 * chars) + PropertiesBytes(entity.Properties.Count, row.Utf8(8)) + (FieldsPerStoredByte * row.Utf8(9).Length);
    }

    /// <summary>
    /// An estimate of what a property map of <paramref name="count"/> properties decoded from <paramref name="json"/>
    /// (UTF-8 bytes or UTF-16 characters) holds: <see cref="PropertyBytes"/> for each property, twice the text (the
    /// values' UTF-8, and the names as strings; string values measured twice their length too), and
    /// <see cref="TokenBytes"/> for each token, counted from the separators and brackets of the text (a string
    /// holding them is counted high, never low). Within 0.7 to 1.1 times the heap growth measured for thousands of
    /// small properties, a long array of numbers, a deeply nested document and long strings.
    /// </summary>
    public static long PropertiesBytes<T>(int count, ReadOnlySpan<T> json)
        where T : IBinaryInteger<T>
    {
        if (count == 0)
        {
            return 0;
        }

        long tokens = json.Count(T.CreateTruncating(':')) + json.Count(T.CreateTruncating(','))
            + (2 * (json.Count(T.CreateTruncating('{')) + json.Count(T.CreateTruncating('['))));
        return (count * PropertyBytes) + (2L * json.Length) + (TokenBytes * tokens);
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
