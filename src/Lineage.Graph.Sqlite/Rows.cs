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
    /// Roughly what a decoded row costs beyond its text: the objects, and the cache's slot and dictionary entry.
    /// Small rows are mostly this (a cached entity of the benchmark's graph costs about 730 B).
    /// </summary>
    public const long ObjectBytes = 512;

    /// <summary>
    /// What the cache counts <paramref name="entity"/>, read from the row <paramref name="row"/> is on, as
    /// weighing: its key, description and labels as read, its properties and typed fields as stored (the
    /// two that may be large, read as bytes without a string made of them), and <see cref="ObjectBytes"/>.
    /// </summary>
    public static long EntityBytes(RawStatement row, Entity entity)
    {
        long bytes = ObjectBytes + entity.Key.ToString().Length + (entity.Description?.Length ?? 0) + row.Utf8(8).Length + row.Utf8(9).Length;
        for (var i = 0; i < entity.Tags.Count; i++)
        {
            bytes += entity.Tags[i].Length;
        }

        for (var i = 0; i < entity.Owners.Count; i++)
        {
            bytes += entity.Owners[i].Length;
        }

        return bytes;
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
