using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// The upsert rule of lineage-model.md, in one place for every store: identity never changes,
/// properties merge by top-level name, typed fields merge field by field, members left null keep
/// what is stored, <c>recordedAt</c> stays, and <c>updatedAt</c> moves only when something changed,
/// so that replaying a write changes nothing. A run's status only moves forward
/// (<see cref="RunStatuses"/>), so that a run's events give the same run in any order.
/// </summary>
public static class EntityMerge
{
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
                Properties = input.Properties ?? LineageJson.EmptyProperties,
                Fields = input.Fields,
                RecordedAt = now,
                UpdatedAt = now,
            }, true);
        }

        var merged = stored with
        {
            Description = input.Description ?? stored.Description,
            Tags = input.Tags ?? stored.Tags,
            Owners = input.Owners ?? stored.Owners,
            Properties = MergeProperties(stored.Properties, input.Properties),
            Fields = MergeFields(stored.Key.Kind, stored.Fields, input.Fields),
        };
        var changed = merged.Description != stored.Description
            || !merged.Tags.SequenceEqual(stored.Tags)
            || !merged.Owners.SequenceEqual(stored.Owners)
            || LineageJson.Canonical(merged.Properties) != LineageJson.Canonical(stored.Properties)
            || FieldsText(merged.Fields) != FieldsText(stored.Fields);
        return changed ? (merged with { UpdatedAt = now }, true) : (stored, false);
    }

    private static IReadOnlyDictionary<string, JsonElement> MergeProperties(
        IReadOnlyDictionary<string, JsonElement> stored, IReadOnlyDictionary<string, JsonElement>? update)
    {
        if (update is null || update.Count == 0)
        {
            return stored;
        }

        var merged = new Dictionary<string, JsonElement>(stored);
        foreach (var (name, value) in update)
        {
            merged[name] = value;
        }

        return merged;
    }

    private static EntityFields? MergeFields(EntityKind kind, EntityFields? stored, EntityFields? update)
    {
        if (stored is null || update is null)
        {
            return update ?? stored;
        }

        // Serialising drops null members, so overlaying the update's members keeps every field it leaves out.
        var merged = JsonSerializer.SerializeToNode(stored, stored.GetType(), LineageJson.Options)!.AsObject();
        foreach (var (name, value) in JsonSerializer.SerializeToNode(update, update.GetType(), LineageJson.Options)!.AsObject())
        {
            merged[name] = value?.DeepClone();
        }

        var result = (EntityFields?)merged.Deserialize(LineageJson.FieldsType(kind)!, LineageJson.Options);
        return result is RunFields run && stored is RunFields storedRun && update is RunFields updateRun
            ? run with { Status = RunStatuses.Merge(storedRun.Status, updateRun.Status) }
            : result;
    }

    private static string? FieldsText(EntityFields? fields) =>
        fields is null ? null : LineageJson.Canonical(JsonSerializer.SerializeToElement(fields, fields.GetType(), LineageJson.Options));
}
