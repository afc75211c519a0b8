using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// The upsert rule of lineage-model.md, in one place for every store: identity never changes,
/// properties merge by top-level name (less those the input removes), typed fields merge field
/// by field, members left null keep what is stored, <c>recordedAt</c> stays, and
/// <c>updatedAt</c> moves only when something changed,
/// so that replaying a write changes nothing. A run's status only moves forward
/// (<see cref="RunStatuses"/>), and an input observed before what is stored only fills in what is
/// missing (<see cref="ObservedAtProperty"/>), so that a run's events give the same graph in any order.
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
    /// The property that lists what observed inputs removed (an OpenLineage facet marked
    /// <c>_deleted</c>), so that an older event replayed or delivered late, which fills gaps, does not
    /// fill these back in. A newer input that sets a name takes it off the list. A removal without
    /// an observed time (a GraphQL upsert) is not listed: it is not ordered against the events,
    /// and an event that gives the property again, a replay included, gives it again.
    /// </summary>
    public const string RemovedPropertiesProperty = "removedProperties";

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
                Properties = MergeProperties(LineageJson.EmptyProperties, input.Properties, input.RemoveProperties, overwrite: true),
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
            Properties = MergeProperties(stored.Properties, input.Properties, input.RemoveProperties, overwrite),
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
        properties is not null
        && properties.TryGetValue(ObservedAtProperty, out var value)
        && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    private static IReadOnlyDictionary<string, JsonElement> MergeProperties(
        IReadOnlyDictionary<string, JsonElement> stored, IReadOnlyDictionary<string, JsonElement>? update,
        IReadOnlyList<string>? remove, bool overwrite)
    {
        update ??= LineageJson.EmptyProperties;
        remove ??= [];
        if (update.Count == 0 && remove.Count == 0)
        {
            return stored;
        }

        var merged = new Dictionary<string, JsonElement>(stored);
        var removed = Removed(stored);
        var hadRemoved = removed.Count > 0;
        if (overwrite)
        {
            foreach (var name in remove)
            {
                merged.Remove(name);
            }

            foreach (var (name, value) in update)
            {
                merged[name] = value;
                removed.Remove(name);
            }

            // Only observed inputs can arrive late, so only their removals need remembering.
            if (ObservedAt(update) is not null)
            {
                removed.UnionWith(remove);
            }
        }
        else
        {
            // A late input removes nothing and fills only gaps that no newer input made on purpose.
            // What it removes that is not stored now, it remembers: an input older still must not
            // fill that in either (events at 1, 2, 3 arriving as 3, 2, 1, where 2 deletes what 1 gives).
            foreach (var (name, value) in update.Where(p => !merged.ContainsKey(p.Key) && !removed.Contains(p.Key)))
            {
                merged[name] = value;
            }

            removed.UnionWith(remove.Where(name => !merged.ContainsKey(name)));
        }

        if (removed.Count == 0 && hadRemoved)
        {
            merged.Remove(RemovedPropertiesProperty);
        }
        else if (removed.Count > 0)
        {
            merged[RemovedPropertiesProperty] = JsonSerializer.SerializeToElement(removed.Order(StringComparer.Ordinal).ToList());
        }

        return merged;
    }

    private static HashSet<string> Removed(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(RemovedPropertiesProperty, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!)]
            : new HashSet<string>(StringComparer.Ordinal);

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
