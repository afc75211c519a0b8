using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// The upsert rule of lineage-model.md, in one place for every store: identity never changes,
/// properties merge by top-level name (less those the input removes), typed fields merge field
/// by field, members left null keep what is stored, <c>recordedAt</c> stays, and
/// <c>updatedAt</c> moves only when something changed,
/// so that replaying a write changes nothing. A run's status only moves forward
/// (<see cref="RunStatuses"/>); a property changes only by an input observed no earlier than what
/// decided it (<see cref="PropertyObservedAtProperty"/>); and for the rest, an input observed
/// before what is stored only fills in what is missing (<see cref="ObservedAtProperty"/>), so that a
/// run's events give the same graph in any order.
/// </summary>
public static class EntityMerge
{
    /// <summary>
    /// The property that says when an input's facts were observed at their source (an OpenLineage
    /// <c>eventTime</c>), as an ISO 8601 time. When the stored entity and the input both have one
    /// and the input's is earlier, the input arrived late: it adds properties, field members and a
    /// description the entity lacks, and changes nothing it has, so that the newer observation stands.
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

    /// <summary>Applies an input to what is stored (or to nothing) at <paramref name="now"/>.</summary>
    public static (Entity Entity, bool Changed) Apply(Entity? stored, EntityInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (stored is null)
        {
            return (new Entity
            {
                Key = input.Key,
                Description = input.Description,
                Tags = input.Tags ?? [],
                Owners = input.Owners ?? [],
                Properties = MergeProperties(LineageJson.EmptyProperties, input.Properties, input.RemoveProperties),
                Fields = input.Fields,
                RecordedAt = now,
                UpdatedAt = now,
            }, true);
        }

        // A late input (observed before what is stored) keeps what is stored and only fills gaps.
        var overwrite = !ObservedEarlier(input.Properties, stored.Properties);
        var merged = stored with
        {
            Description = overwrite ? input.Description ?? stored.Description : stored.Description ?? input.Description,
            Tags = Labels(stored.Tags, input.Tags, overwrite),
            Owners = Labels(stored.Owners, input.Owners, overwrite),
            Properties = MergeProperties(stored.Properties, input.Properties, input.RemoveProperties),
            Fields = MergeFields(stored.Key.Kind, stored.Fields, input.Fields, overwrite),
        };
        var changed = merged.Description != stored.Description
            || !merged.Tags.SequenceEqual(stored.Tags)
            || !merged.Owners.SequenceEqual(stored.Owners)
            || LineageJson.Canonical(merged.Properties) != LineageJson.Canonical(stored.Properties)
            || FieldsText(merged.Fields) != FieldsText(stored.Fields);
        return changed ? (merged with { UpdatedAt = now }, true) : (stored, false);
    }

    private static IReadOnlyList<string> Labels(IReadOnlyList<string> stored, IReadOnlyList<string>? update, bool overwrite) =>
        update is null || (!overwrite && stored.Count > 0) ? stored : update;

    private static bool ObservedEarlier(IReadOnlyDictionary<string, JsonElement>? input, IReadOnlyDictionary<string, JsonElement> stored) =>
        ObservedAt(input) is { } inputTime && ObservedAt(stored) is { } storedTime && inputTime < storedTime;

    private static DateTimeOffset? ObservedAt(IReadOnlyDictionary<string, JsonElement>? properties) =>
        properties is not null && properties.TryGetValue(ObservedAtProperty, out var value) ? Time(value) : null;

    private static DateTimeOffset? Time(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && Texts.TryParseIsoInstant(value.GetString(), out var time) ? time : null;

    private static IReadOnlyDictionary<string, JsonElement> MergeProperties(
        IReadOnlyDictionary<string, JsonElement> stored, IReadOnlyDictionary<string, JsonElement>? update, IReadOnlyList<string>? remove)
    {
        update ??= LineageJson.EmptyProperties;
        remove ??= [];
        if (update.Count == 0 && remove.Count == 0)
        {
            return stored;
        }

        var merged = new Dictionary<string, JsonElement>(stored);
        var inputTime = ObservedAt(update);
        if (inputTime is null)
        {
            // Not ordered against the events: applied as given, as of the entity's own time.
            foreach (var name in remove)
            {
                merged.Remove(name);
            }

            foreach (var (name, value) in update)
            {
                merged[name] = value;
            }

            return stored.ContainsKey(PropertyObservedAtProperty)
                ? WithTimes(merged, Times(stored, except: [.. remove, .. update.Keys]), stored.GetValueOrDefault(ObservedAtProperty))
                : merged;
        }

        // A property without a time of its own was decided at the entity's time, or, on an entity
        // no timed input has reached, at no time at all (anything ordered comes after it). The
        // entity's time is about to move when this input is newer, so those properties are given
        // their time explicitly first.
        var times = Times(stored, except: []);
        var storedStamp = stored.GetValueOrDefault(ObservedAtProperty);
        var storedTime = ObservedAt(stored);
        if (storedTime is null || inputTime > storedTime)
        {
            var before = storedTime is null ? (Stamp: NoTime, Time: DateTimeOffset.MinValue) : (Stamp: storedStamp, Time: storedTime.Value);
            foreach (var name in stored.Keys.Where(n => !IsBookkeeping(n) && !times.ContainsKey(n)))
            {
                times[name] = before;
            }
        }

        var inputStamp = update[ObservedAtProperty];
        foreach (var name in remove.Where(n => Decides(n, null)))
        {
            merged.Remove(name);
            times[name] = (inputStamp, inputTime.Value);
        }

        foreach (var (name, value) in update.Where(p => !IsBookkeeping(p.Key) && Decides(p.Key, p.Value)))
        {
            merged[name] = value;
            times[name] = (inputStamp, inputTime.Value);
        }

        // On a tie the stored text stays: the same instant may be written with another offset.
        var entityStamp = storedTime is { } known && known >= inputTime ? storedStamp : inputStamp;
        merged[ObservedAtProperty] = entityStamp;
        return WithTimes(merged, times, entityStamp);

        // Whether this input's value (null: its removal) replaces what decided the property: a later
        // time does; at the same time (two events stamped alike), the greater of the two, a value
        // above a removal and values by their canonical text, so that either order gives one answer
        // and a replay changes nothing.
        bool Decides(string name, JsonElement? value)
        {
            var decided = times.TryGetValue(name, out var entry) ? entry.Time : merged.ContainsKey(name) ? storedTime : null;
            if (decided is null || inputTime > decided)
            {
                return true;
            }

            if (inputTime < decided)
            {
                return false;
            }

            var current = merged.TryGetValue(name, out var held) ? LineageJson.Canonical(held) : null;
            var candidate = value is { } given ? LineageJson.Canonical(given) : null;
            return string.CompareOrdinal(candidate, current) > 0;
        }
    }

    /// <summary>The time of a property that a write without an observed time decided, which any timed input comes after.</summary>
    private static readonly JsonElement NoTime = JsonSerializer.SerializeToElement("0001-01-01T00:00:00Z");

    private static bool IsBookkeeping(string name) => name is ObservedAtProperty or PropertyObservedAtProperty;

    /// <summary>The explicit times of an entity's properties, less those of <paramref name="except"/> and any that do not read as a time.</summary>
    private static Dictionary<string, (JsonElement Stamp, DateTimeOffset Time)> Times(IReadOnlyDictionary<string, JsonElement> properties, IReadOnlyCollection<string> except)
    {
        var times = new Dictionary<string, (JsonElement, DateTimeOffset)>(StringComparer.Ordinal);
        if (properties.TryGetValue(PropertyObservedAtProperty, out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in map.EnumerateObject().Where(e => !IsBookkeeping(e.Name) && !except.Contains(e.Name)))
            {
                if (Time(entry.Value) is { } time)
                {
                    times[entry.Name] = (entry.Value, time);
                }
            }
        }

        return times;
    }

    /// <summary>
    /// The properties with their times: only those that differ from the entity's (a property decided
    /// by the entity's newest input needs none) and those of removed properties, which have no other trace.
    /// </summary>
    private static Dictionary<string, JsonElement> WithTimes(
        Dictionary<string, JsonElement> merged, Dictionary<string, (JsonElement Stamp, DateTimeOffset Time)> times, JsonElement entityStamp)
    {
        var entityTime = Time(entityStamp);
        var kept = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, (stamp, time)) in times)
        {
            if (!merged.ContainsKey(name) || time != entityTime)
            {
                kept[name] = stamp;
            }
        }

        if (kept.Count == 0)
        {
            // Only the store's own record: a property of that name written before the store kept one stays.
            if (merged.TryGetValue(PropertyObservedAtProperty, out var record) && record.ValueKind == JsonValueKind.Object)
            {
                merged.Remove(PropertyObservedAtProperty);
            }
        }
        else
        {
            merged[PropertyObservedAtProperty] = JsonSerializer.SerializeToElement(kept);
        }

        return merged;
    }

    private static EntityFields? MergeFields(EntityKind kind, EntityFields? stored, EntityFields? update, bool overwrite)
    {
        if (stored is null || update is null)
        {
            return update ?? stored;
        }

        // Serialising drops null members, so overlaying the update's members keeps every field it leaves out.
        var merged = JsonSerializer.SerializeToNode(stored, stored.GetType(), LineageJson.Options)!.AsObject();
        foreach (var (name, value) in JsonSerializer.SerializeToNode(update, update.GetType(), LineageJson.Options)!.AsObject())
        {
            if (overwrite || merged[name] is null)
            {
                merged[name] = value?.DeepClone();
            }
        }

        var result = (EntityFields?)merged.Deserialize(LineageJson.FieldsType(kind)!, LineageJson.Options);
        return result is RunFields run && stored is RunFields storedRun && update is RunFields updateRun
            ? MergeRun(run, storedRun, updateRun)
            : result;
    }

    /// <summary>
    /// A run's status only moves forward (<see cref="RunStatuses"/>), and its end time is the one of
    /// the state that won: a COMPLETE reported after a FAIL leaves the run failed, ended when it failed.
    /// </summary>
    private static RunFields MergeRun(RunFields merged, RunFields stored, RunFields update)
    {
        var status = RunStatuses.Merge(stored.Status, update.Status);
        var endedAt = update.Status is null || string.Equals(stored.Status, update.Status, StringComparison.OrdinalIgnoreCase) ? merged.EndedAt
            : string.Equals(status, update.Status, StringComparison.OrdinalIgnoreCase) ? update.EndedAt ?? merged.EndedAt
            : stored.EndedAt ?? merged.EndedAt;
        return merged with { Status = status, EndedAt = endedAt };
    }

    private static string? FieldsText(EntityFields? fields) =>
        fields is null ? null : LineageJson.Canonical(JsonSerializer.SerializeToElement(fields, fields.GetType(), LineageJson.Options));
}
