using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// The upsert rule of lineage-model.md, in one place for every store: identity never changes,
/// properties merge by top-level name (less those the input removes), typed fields merge field
/// by field, members left null keep what is stored, <c>recordedAt</c> stays, and
/// <c>updatedAt</c> moves only when something changed, so that replaying a write changes nothing.
/// A run's status only moves forward (<see cref="RunStatuses"/>). Every other part an input
/// decides on its own (a property, the description, the tags, the owners, a typed field) changes,
/// by an input with an observed time, only if that input was observed no earlier than the one that
/// decided it (<see cref="ObservedAtProperty"/>, <see cref="PropertyObservedAtProperty"/>,
/// <see cref="FieldObservedAtProperty"/>), so that a run's events give the same graph in any
/// order; an input without one applies as given.
/// </summary>
public static class EntityMerge
{
    /// <summary>
    /// The property that says when an input's facts were observed at their source (an OpenLineage
    /// <c>eventTime</c>), as an ISO 8601 instant. The entity keeps the newest it was given; every
    /// part it holds was decided at that time unless <see cref="PropertyObservedAtProperty"/> or
    /// <see cref="FieldObservedAtProperty"/> says otherwise.
    /// </summary>
    public const string ObservedAtProperty = "observedAt";

    /// <summary>
    /// The property that says when each other property was decided, where that is not the
    /// entity's <see cref="ObservedAtProperty"/>: a map of name to the observed time of the input
    /// that last set or removed it. A name in the map and not among the properties was removed (an
    /// OpenLineage facet marked <c>_deleted</c>). With it, an observed input changes a property only
    /// if it was observed no earlier than what decided that property, so the events of a run give
    /// the same properties in any order, however many there are and whatever they set or remove.
    /// An input without an observed time (a GraphQL upsert) changes what it names as it always
    /// did, and its removals are not remembered: an event that gives the property again, a replay
    /// included, gives it again.
    /// </summary>
    public const string PropertyObservedAtProperty = "propertyObservedAt";

    /// <summary>
    /// <see cref="PropertyObservedAtProperty"/> for the rest of the entity: the times of
    /// <c>description</c>, <c>tags</c>, <c>owners</c> and each typed field (<c>fields.schema</c>,
    /// <c>fields.rowCount</c>), where they are not the entity's. A map of its own, since a
    /// property may be named like any of them. Tags or owners given as an empty list are removed,
    /// and, by an input with an observed time, remembered as removed like a property.
    /// </summary>
    public const string FieldObservedAtProperty = "fieldObservedAt";

    /// <summary>Whether a property name is one the store keeps for itself, written only by this merge.</summary>
    public static bool IsBookkeeping(string name) => name is ObservedAtProperty or PropertyObservedAtProperty or FieldObservedAtProperty;

    private const string DescriptionPart = "description";
    private const string TagsPart = "tags";
    private const string OwnersPart = "owners";
    private const string FieldPrefix = "fields.";
    private const string StatusPart = FieldPrefix + "status";

    /// <summary>
    /// How far after the store's clock an input's <see cref="ObservedAtProperty"/> may be. A later
    /// observed time wins every merge, so one far in the future (a typo, a producer's broken clock)
    /// would leave the entity deaf to every true report after it, with nothing in their answers to
    /// say so. A day lets through clock skew and a local time sent as UTC (at most 14 hours).
    /// </summary>
    public static readonly TimeSpan MaxObservedAhead = TimeSpan.FromDays(1);

    /// <summary>
    /// The most bytes an entity's properties and typed fields may take together as the store writes
    /// them: compact JSON in UTF-8, the store's records of observed times included. Properties merge
    /// by name, so an entity written again and again with new names grows without any one write being
    /// large (twelve writes of 3.5 MB made one of 42 MB), and every read of it then carries all of it;
    /// typed fields are counted too, since a dataset's schema is free-form in all but name (one 3.5 MB
    /// OpenLineage event whose nested schema fields each repeat a long parent's name stored 203 MB).
    /// 16 MiB is the largest OpenLineage body, so whatever one event can describe fits.
    /// </summary>
    public const int MaxEntityBytes = 16 * 1024 * 1024;

    /// <summary>
    /// <see cref="Apply"/> for a store's write of the batch item <paramref name="item"/>: refuses an
    /// input observed more than <see cref="MaxObservedAhead"/> after <paramref name="now"/> (the write's
    /// time on the store's clock), and a change that leaves the entity's properties and typed fields
    /// larger than <see cref="MaxEntityBytes"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">The input's observed time is too far ahead.</exception>
    /// <exception cref="LimitExceededException">The entity would pass <see cref="MaxEntityBytes"/>.</exception>
    public static (Entity Entity, bool Changed) Write(Entity? stored, EntityInput input, DateTimeOffset now, string item)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Properties is { } properties && ObservedAt(properties) is { } observed && observed - now > MaxObservedAhead)
        {
            throw new InvalidInputException(
                $"{input.Key} is observed at {Texts.Instant(observed)} (its '{ObservedAtProperty}'; an OpenLineage event's eventTime), more than a day after the store's clock ({Texts.Instant(now)}): a later observation wins every merge, so this one would hide every true report after it. Check the producer's clock and time zone.",
                item);
        }

        var (merged, changed) = Apply(stored, input, now);
        if (changed && EntityBytes(merged) is var bytes and > MaxEntityBytes
            && (stored is null || EntityBytes(stored) <= MaxEntityBytes || Grows(stored, merged)))
        {
            throw new LimitExceededException(
                $"{input.Key} would hold {bytes} bytes of properties and typed fields (as compact JSON), more than the {MaxEntityBytes} (16 MiB) an entity may hold{(stored is null ? "" : " with what it has stored")}. Keep large documents outside the lineage graph and link to them, or remove properties that are no longer needed (removeProperties).",
                item);
        }

        return (merged, changed);
    }

    /// <summary>
    /// Whether a write grows an entity stored past the cap before there was one (or before typed fields
    /// counted) by more than <see cref="PastCapGrowth"/>, the store's records of observed times included:
    /// such an entity still takes writes that do not, its description, a later observed time, a removal,
    /// a row count gaining a digit, rather than being frozen until someone cuts it down, and an
    /// OpenLineage event losing its lineage over it.
    /// </summary>
    private static bool Grows(Entity stored, Entity merged) =>
        JsonBytes(merged.Properties) + FieldsBytes(merged.Fields) > JsonBytes(stored.Properties) + FieldsBytes(stored.Fields) + PastCapGrowth;

    /// <summary>
    /// How much one write may grow an entity already past the cap: enough for a changed count, time or
    /// hash, far too little to matter however many writes come (each must be a change).
    /// </summary>
    private const int PastCapGrowth = 4_096;

    /// <summary>
    /// An entity's size as the cap counts it: its properties' and its typed fields' compact JSON. The
    /// properties are counted exactly only when they might take it past <see cref="MaxEntityBytes"/>:
    /// escaping writes no byte as more than six (<c>\u003C</c>), so properties whose text as read, six
    /// times over, fits beside the fields are within it, and the bulk of an ingest is not serialised twice.
    /// </summary>
    private static long EntityBytes(Entity entity)
    {
        var fields = FieldsBytes(entity.Fields);
        var read = ReadBytes(entity.Properties);
        return fields + (fields + (read * 6) <= MaxEntityBytes ? read : JsonBytes(entity.Properties));
    }

    /// <summary>
    /// The size of properties as compact JSON in UTF-8, as the cap on what an entity may hold counts it;
    /// counted exactly only when it might pass <see cref="MaxEntityBytes"/> alone (<see cref="EntityBytes"/>).
    /// </summary>
    public static long PropertiesBytes(IReadOnlyDictionary<string, JsonElement> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var read = ReadBytes(properties);
        return read * 6 <= MaxEntityBytes ? read : JsonBytes(properties);
    }

    /// <summary>The size of properties as their names and values were read, before the escaping the store writes them with.</summary>
    private static long ReadBytes(IReadOnlyDictionary<string, JsonElement> properties)
    {
        long read = 2;
        foreach (var (name, value) in properties)
        {
            read += Encoding.UTF8.GetByteCount(name) + JsonMarshal.GetRawUtf8Value(value).Length + 4;
        }

        return read;
    }

    /// <summary>The size of typed fields (none: 0) as compact JSON in UTF-8, as the cap counts them.</summary>
    public static long FieldsBytes(EntityFields? fields) =>
        fields is null ? 0 : JsonSerializer.SerializeToUtf8Bytes(fields, fields.GetType(), LineageJson.Options).LongLength;

    /// <summary>
    /// The size of <paramref name="value"/> (a part of an entity: a schema, metrics) as compact JSON in UTF-8,
    /// as the cap counts the entity it is part of: never more than that part's share of it.
    /// </summary>
    public static long JsonBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, LineageJson.Options).LongLength;

    /// <summary>Applies an input to what is stored (or to nothing) at <paramref name="now"/>.</summary>
    public static (Entity Entity, bool Changed) Apply(Entity? stored, EntityInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var merged = Merge(stored ?? new Entity { Key = input.Key, RecordedAt = now, UpdatedAt = now }, input);
        if (stored is null)
        {
            return (merged, true);
        }

        // Tags and owners are sets: the same labels in another order (rebuilt from a client's set) change
        // nothing, and keep the order they were stored in. Not for an input with an observed time: timed writes
        // give the same entity in any order they arrive, so the latest one's order is what stays.
        if (input.Properties is not { } given || ObservedAt(given) is null)
        {
            merged = merged with
            {
                Tags = SameLabels(merged.Tags, stored.Tags) ? stored.Tags : merged.Tags,
                Owners = SameLabels(merged.Owners, stored.Owners) ? stored.Owners : merged.Owners,
            };
        }

        var changed = merged.Description != stored.Description
            || !ReferenceEquals(merged.Tags, stored.Tags)
            || !ReferenceEquals(merged.Owners, stored.Owners)
            || LineageJson.Canonical(merged.Properties) != LineageJson.Canonical(stored.Properties)
            || FieldsText(merged.Fields) != FieldsText(stored.Fields);
        return changed ? (merged with { UpdatedAt = now }, true) : (stored, false);
    }

    // Labels are distinct (Texts.Distinct on input, and so as stored), so equal counts and one side within the other is equality.
    private static bool SameLabels(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        ReferenceEquals(a, b) || (a.Count == b.Count && (a.Count <= 8 ? a.All(b.Contains) : new HashSet<string>(b, StringComparer.Ordinal).SetEquals(a)));

    private static Entity Merge(Entity stored, EntityInput input)
    {
        var update = input.Properties ?? LineageJson.EmptyProperties;
        var storedTime = ObservedAt(stored.Properties);
        var inputTime = ObservedAt(update);
        if (inputTime is null && stored.Properties.Count == 0 && stored.Description is null && stored.Tags.Count == 0 && stored.Owners.Count == 0 && stored.Fields is null)
        {
            // Nothing stored and no time to keep (a new entity written by GraphQL or an import, the
            // bulk of an ingest): the input is the entity, and what it removes is not there.
            return Whole(stored, input, update.Count == 0 ? stored.Properties : new Dictionary<string, JsonElement>(update, StringComparer.Ordinal));
        }

        var clock = new Clock(
            storedTime is { } s ? Stamp(s, stored.Properties[ObservedAtProperty]) : default, storedTime, inputTime is { } i ? Stamp(i, update[ObservedAtProperty]) : default, inputTime);

        var propertyTimes = Times(stored.Properties, PropertyObservedAtProperty);
        var properties = Decide(stored.Properties, update.Where(p => !IsBookkeeping(p.Key)), input.RemoveProperties ?? [], propertyTimes, clock, []);

        // Typed fields are taken apart (serialised) only where their members' times matter: where
        // both sides have fields, where a late input's members need times of their own, or where
        // the entity's time moves past the stored members'. Otherwise the input's fields, if
        // any, are taken whole at the entity's time, which is what a new entity's write is.
        var late = clock.InputTime < clock.StoredTime;
        var fieldsWhole = stored.Fields is null && !late;
        var fieldsApart = !fieldsWhole && (input.Fields is not null || (clock.InputTime is not null && !late && clock.InputTime != clock.StoredTime));
        var storedParts = Parts(stored.Description, stored.Tags, stored.Owners, fieldsApart ? stored.Fields : null);
        var partTimes = Times(stored.Properties, FieldObservedAtProperty);
        var taken = new List<string>();

        // With nothing stored or timed to weigh against, every part the input gives is taken (a new
        // entity's first event), without taking the input apart.
        var givenWhole = fieldsWhole && storedParts.Count == 0 && partTimes.Count == 0 && input.Tags is not [] && input.Owners is not [];
        var parts = givenWhole ? storedParts : Decide(
            storedParts,
            Parts(input.Description, input.Tags, input.Owners, fieldsApart ? input.Fields : null),
            [.. input.Tags is [] ? [TagsPart] : Array.Empty<string>(), .. input.Owners is [] ? [OwnersPart] : Array.Empty<string>()],
            partTimes,
            clock,
            taken);

        if (inputTime is { } timed)
        {
            properties[ObservedAtProperty] = storedTime is { } known && known >= timed ? clock.StoredStamp : clock.InputStamp;
        }

        var entityTime = storedTime > inputTime || inputTime is null ? storedTime : inputTime;
        Record(properties, PropertyObservedAtProperty, propertyTimes, properties, entityTime);
        Record(properties, FieldObservedAtProperty, partTimes, parts, entityTime);
        if (givenWhole)
        {
            return Whole(stored, input, properties);
        }

        return stored with
        {
            Description = parts.TryGetValue(DescriptionPart, out var description) ? description.GetString() : null,
            Tags = taken.Contains(TagsPart) ? Labels(parts, TagsPart) : stored.Tags,
            Owners = taken.Contains(OwnersPart) ? Labels(parts, OwnersPart) : stored.Owners,
            Properties = properties,
            // Fields given where none were stored are fields, even with no member taken (a late empty record).
            Fields = fieldsWhole ? input.Fields
                : fieldsApart && (stored.Fields is null || taken.Exists(n => n.StartsWith(FieldPrefix, StringComparison.Ordinal))) ? FieldsOf(stored.Key.Kind, parts)
                : stored.Fields,
        };
    }

    /// <summary>
    /// An observed time in the one form the store keeps: UTC, ISO 8601, without trailing zeros
    /// (<c>2026-06-01T03:00:00Z</c>), so that one instant is one text whatever offset it was
    /// written with, and the order of writes cannot show in the text kept.
    /// </summary>
    public static JsonElement Stamp(DateTimeOffset time) => JsonSerializer.SerializeToElement(Texts.Instant(time));

    /// <summary><see cref="Stamp(DateTimeOffset)"/> of a time read from <paramref name="written"/>, which is kept when it is in that form already (as what the store wrote is).</summary>
    private static JsonElement Stamp(DateTimeOffset time, JsonElement written)
    {
        var text = Texts.Instant(time);
        return written.ValueEquals(text) ? written : JsonSerializer.SerializeToElement(text);
    }

    /// <summary>A stored entity that had nothing but properties, with <paramref name="properties"/> and every other part the input gives.</summary>
    private static Entity Whole(Entity stored, EntityInput input, IReadOnlyDictionary<string, JsonElement> properties) => stored with
    {
        Description = input.Description,
        Tags = input.Tags ?? stored.Tags,
        Owners = input.Owners ?? stored.Owners,
        Properties = properties,
        Fields = input.Fields,
    };

    /// <summary>The entity's observed time and the input's, each as kept (<see cref="Stamp(DateTimeOffset)"/>) and as read (null where there is none).</summary>
    private readonly record struct Clock(JsonElement StoredStamp, DateTimeOffset? StoredTime, JsonElement InputStamp, DateTimeOffset? InputTime);

    /// <summary>The time of the latest report that described the entity (<see cref="ObservedAtProperty"/>); null for one never timed.</summary>
    public static DateTimeOffset? ObservedAt(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(ObservedAtProperty, out var value) ? Time(value) : null;

    private static DateTimeOffset? Time(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && Texts.TryParseIsoInstant(value.GetString(), out var time) ? time : null;

    /// <summary>
    /// Decides each part an input gives or removes against what is stored, and keeps the time of
    /// each part that differs from the entity's in <paramref name="times"/>. A run's status is
    /// decided by its rank first (<see cref="RunStatuses"/>); its end time, like every other part,
    /// by observed time alone, whatever state won. Each part is then the greatest of what was
    /// written by one total order of its own ((rank,) time, then value), which is why the order of
    /// the timed writes does not matter. Otherwise an input without an observed time
    /// applies as given, as of the entity's own time, and a timed one decides a part only if it
    /// was observed no earlier than what decided it. A part without a time of its own was decided
    /// at the entity's time, or, on an entity no timed input has reached, at no time at all
    /// (anything ordered comes after it); the entity's time is about to move when the input is
    /// newer, so those parts are given their time explicitly first.
    /// </summary>
    private static Dictionary<string, JsonElement> Decide(
        IReadOnlyDictionary<string, JsonElement> stored,
        IEnumerable<KeyValuePair<string, JsonElement>> given,
        IReadOnlyCollection<string> removed,
        Dictionary<string, (JsonElement Stamp, DateTimeOffset Time)> times,
        Clock clock,
        List<string> taken)
    {
        var merged = new Dictionary<string, JsonElement>(stored, StringComparer.Ordinal);
        if (clock.InputTime is { } newer && (clock.StoredTime is not { } storedTime || newer > storedTime))
        {
            var before = clock.StoredTime is { } known ? (clock.StoredStamp, known) : (NoTime, DateTimeOffset.MinValue);
            foreach (var name in stored.Keys.Where(n => !IsBookkeeping(n) && !times.ContainsKey(n)))
            {
                times[name] = before;
            }
        }

        foreach (var name in removed.Where(n => Decides(n, null)))
        {
            Take(name, null);
        }

        foreach (var (name, value) in given.Where(p => Decides(p.Key, p.Value)))
        {
            Take(name, value);
        }

        return merged;

        void Take(string name, JsonElement? value)
        {
            taken.Add(name);
            if (value is { } held)
            {
                merged[name] = held;
            }
            else
            {
                merged.Remove(name);
            }

            if (clock.InputTime is { } inputTime)
            {
                times[name] = (clock.InputStamp, inputTime);
            }
            else
            {
                times.Remove(name);
            }
        }

        // Whether this input's value (null: its removal) replaces what decided the part: a status
        // of a higher rank does and one of a lower rank does not; then a later time does; at the
        // same time (two events stamped alike), the greater of the two, a value above a removal and
        // values by their canonical text, so that either order gives one answer and a replay
        // changes nothing.
        bool Decides(string name, JsonElement? value)
        {
            var current = merged.TryGetValue(name, out var held) ? held : (JsonElement?)null;
            if (name == StatusPart && value is { ValueKind: JsonValueKind.String } candidateStatus && current is { ValueKind: JsonValueKind.String } currentStatus
                && RunStatuses.Compare(candidateStatus.GetString()!, currentStatus.GetString()!) is var ranked and not 0)
            {
                return ranked > 0;
            }

            if (clock.InputTime is not { } inputTime)
            {
                return true;
            }

            var decided = times.TryGetValue(name, out var entry) ? entry.Time : current is not null ? clock.StoredTime : null;
            if (decided is null || inputTime > decided)
            {
                return true;
            }

            if (inputTime < decided)
            {
                return false;
            }

            var currentText = current is { } c ? LineageJson.Canonical(c) : null;
            var candidateText = value is { } v ? LineageJson.Canonical(v) : null;
            return string.CompareOrdinal(candidateText, currentText) > 0;
        }
    }

    /// <summary>The time of a part that a write without an observed time decided, which any timed input comes after.</summary>
    private static readonly JsonElement NoTime = JsonSerializer.SerializeToElement("0001-01-01T00:00:00Z");

    /// <summary>The explicit times kept in the map property <paramref name="record"/>, each in the form <see cref="Stamp(DateTimeOffset)"/> writes; none where that property is not the store's record (<see cref="IsRecord"/>).</summary>
    private static Dictionary<string, (JsonElement Stamp, DateTimeOffset Time)> Times(IReadOnlyDictionary<string, JsonElement> properties, string record)
    {
        var times = new Dictionary<string, (JsonElement, DateTimeOffset)>(StringComparer.Ordinal);
        if (properties.TryGetValue(record, out var map) && IsRecord(map))
        {
            foreach (var entry in map.EnumerateObject().Where(e => !IsBookkeeping(e.Name)))
            {
                var time = Time(entry.Value)!.Value;
                times[entry.Name] = (Stamp(time, entry.Value), time);
            }
        }

        return times;
    }

    /// <summary>
    /// Whether a property of a record's name is the store's record: an object of times. A property
    /// of that name written before the store kept one (the names were free once) is anything else,
    /// and is neither read nor replaced, so that nothing a user wrote is lost; one that is itself
    /// an object of times cannot be told from a record, and is taken for one.
    /// </summary>
    private static bool IsRecord(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(e => Time(e.Value) is not null);

    /// <summary>
    /// Writes the times of <paramref name="parts"/> into the map property <paramref name="record"/>:
    /// only those that differ from the entity's (a part decided by the entity's newest input needs
    /// none) and those of removed parts, which have no other trace.
    /// </summary>
    private static void Record(
        Dictionary<string, JsonElement> properties,
        string record,
        Dictionary<string, (JsonElement Stamp, DateTimeOffset Time)> times,
        IReadOnlyDictionary<string, JsonElement> parts,
        DateTimeOffset? entityTime)
    {
        if (properties.TryGetValue(record, out var old) && !IsRecord(old))
        {
            return;
        }

        if (times.Count == 0)
        {
            properties.Remove(record);
            return;
        }

        var kept = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, (stamp, time)) in times)
        {
            if (!parts.ContainsKey(name) || time != entityTime)
            {
                kept[name] = stamp;
            }
        }

        if (kept.Count > 0)
        {
            properties[record] = JsonSerializer.SerializeToElement(kept);
        }
        else
        {
            properties.Remove(record);
        }
    }

    /// <summary>
    /// The parts of an entity other than its properties, by the names <see cref="FieldObservedAtProperty"/>
    /// keeps their times under; an empty list of tags or owners is no part (an input's is a removal).
    /// </summary>
    private static Dictionary<string, JsonElement> Parts(string? description, IReadOnlyList<string>? tags, IReadOnlyList<string>? owners, EntityFields? fields)
    {
        var parts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (description is not null)
        {
            parts[DescriptionPart] = JsonSerializer.SerializeToElement(description);
        }

        if (tags is { Count: > 0 })
        {
            parts[TagsPart] = JsonSerializer.SerializeToElement(tags);
        }

        if (owners is { Count: > 0 })
        {
            parts[OwnersPart] = JsonSerializer.SerializeToElement(owners);
        }

        if (fields is not null)
        {
            // Serialising drops null members, so a field the input leaves out is not among its parts.
            foreach (var member in JsonSerializer.SerializeToElement(fields, fields.GetType(), LineageJson.Options).EnumerateObject())
            {
                if (member.Name != "kind")
                {
                    parts[FieldPrefix + member.Name] = member.Value;
                }
            }
        }

        return parts;
    }

    private static IReadOnlyList<string> Labels(Dictionary<string, JsonElement> parts, string name) =>
        parts.TryGetValue(name, out var labels) ? [.. labels.EnumerateArray().Select(l => l.GetString()!)] : [];

    private static EntityFields? FieldsOf(EntityKind kind, Dictionary<string, JsonElement> parts)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in parts.Where(p => p.Key.StartsWith(FieldPrefix, StringComparison.Ordinal)))
            {
                writer.WritePropertyName(name.AsSpan(FieldPrefix.Length));
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return (EntityFields?)JsonSerializer.Deserialize(buffer.WrittenSpan, LineageJson.FieldsType(kind)!, LineageJson.Options);
    }

    private static string? FieldsText(EntityFields? fields) =>
        fields is null ? null : LineageJson.Canonical(JsonSerializer.SerializeToElement(fields, fields.GetType(), LineageJson.Options));
}
