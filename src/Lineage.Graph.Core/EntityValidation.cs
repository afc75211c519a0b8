using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>The per-item rules of a write that need no store.</summary>
internal static class EntityValidation
{
    private const int MaxLabelLength = 256;
    private const int MaxNameLength = 1_024;
    private const int MaxDescriptionLength = 65_536;
    private const int MaxLabels = 256;

    public static void Check(EntityInput? entity, ItemName item)
    {
        if (entity?.Key is null)
        {
            throw new InvalidInputException("An entity needs a key.", item);
        }

        entity.Key.ThrowIfBlankPart(item);

        if (Texts.IsLongerThan(entity.Description, MaxDescriptionLength))
        {
            throw new InvalidInputException($"A description is at most {MaxDescriptionLength} characters.", item);
        }

        CheckText(entity.Description, "The description", item);

        CheckLabels(entity.Tags, "tags", item);
        CheckLabels(entity.Owners, "owners", item);
        CheckProperties(entity.Properties, item);
        CheckRemovals(entity.RemoveProperties, entity.Properties, item);
        CheckBookkeeping(entity, item);

        var kind = entity.Key.Kind;
        if (entity.Fields is not null && entity.Fields.Kind != kind)
        {
            throw new InvalidInputException($"{entity.Fields.Kind} fields were given for a {kind}.", item);
        }

        if (entity.Fields is not null)
        {
            CheckFields(entity.Fields, item);
        }

        if (kind == EntityKind.HyperparameterSet)
        {
            if (entity.Fields is not HyperparameterSetFields { Values: not null } hyperparameters)
            {
                // By its key alone, a set can only be one already stored (the store checks that): an update of its
                // description, tags or properties. Its name must still be a content hash, or no set could ever have it.
                if (!HyperparameterSets.IsHash(entity.Key.Name))
                {
                    throw new InvalidInputException(
                        $"A HyperparameterSet is named by its values: give them as hyperparameters, or the key of a stored set ({HyperparameterSets.Namespace}, sha256: and 64 lower-case hex digits).", item);
                }

                return;
            }

            var hash = HyperparameterSets.Hash(hyperparameters.Values);
            if (entity.Key.Name != hash)
            {
                throw new InvalidInputException(
                    $"A HyperparameterSet is named by its values: its key must be {HyperparameterSets.KeyFor(hyperparameters.Values)}.", item);
            }
        }
    }

    public static EdgeInput Check(EdgeInput? edge, ItemName item)
    {
        if (edge?.From is null || edge.To is null)
        {
            throw new InvalidInputException("An edge needs from and to keys.", item);
        }

        if (!Enum.IsDefined(edge.Relation))
        {
            throw new InvalidInputException($"Unknown relation {(int)edge.Relation}.", item);
        }

        Relations.Validate(edge.From, edge.To, edge.Relation, item);
        CheckProperties(edge.Properties, item);
        if (edge.Role is null)
        {
            return edge;
        }

        if (edge.Relation != RelationKind.InputTo)
        {
            throw new InvalidInputException($"Only INPUT_TO edges carry a role; this is {Relations.Name(edge.Relation)}.", item);
        }

        var role = edge.Role.ToLowerInvariant();
        return EdgeInput.Roles.Contains(role)
            ? (role == edge.Role ? edge : edge with { Role = role })
            : throw new InvalidInputException($"Unknown input role '{Texts.Shorten(edge.Role)}'. Known roles: {string.Join(", ", EdgeInput.Roles)}.", item);
    }

    private static void CheckLabels(IReadOnlyList<string>? labels, string what, ItemName item)
    {
        if (labels is null)
        {
            return;
        }

        if (labels.Count > MaxLabels)
        {
            throw new InvalidInputException($"At most {MaxLabels} {what}.", item);
        }

        foreach (var label in labels)
        {
            if (string.IsNullOrWhiteSpace(label) || Texts.IsLongerThan(label, MaxLabelLength) || Texts.HasControl(label) || !Texts.IsWellFormed(label))
            {
                throw new InvalidInputException(
                    $"Each of {what} is 1 to {MaxLabelLength} characters of well-formed text without control characters.", item);
            }
        }
    }

    private static void CheckProperties(IReadOnlyDictionary<string, JsonElement>? properties, ItemName item)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var (name, value) in properties)
        {
            CheckName(name, "property", item);
            CheckValue(value, "properties", name, item);
        }
    }

    /// <summary>
    /// The properties the upsert keeps for itself (<see cref="EntityMerge"/>): <c>observedAt</c>, when
    /// given, is an ISO 8601 instant, since it orders the write against others; <c>propertyObservedAt</c>
    /// and <c>fieldObservedAt</c> are the merge's own records; none is removed by name.
    /// </summary>
    private static void CheckBookkeeping(EntityInput entity, ItemName item)
    {
        if (entity.Properties?.Keys.FirstOrDefault(n => EntityMerge.IsBookkeeping(n) && n != EntityMerge.ObservedAtProperty) is { } record)
        {
            throw new InvalidInputException($"The property '{record}' is kept by the store, not written.", item);
        }

        if (entity.Properties?.TryGetValue(EntityMerge.ObservedAtProperty, out var observed) == true
            && !(observed.ValueKind == JsonValueKind.String && Texts.TryParseIsoInstant(observed.GetString(), out _)))
        {
            throw new InvalidInputException(
                $"The property '{EntityMerge.ObservedAtProperty}' orders this write against others, so it must be an ISO 8601 instant such as 2026-06-01T12:00:00Z.", item);
        }

        if (entity.RemoveProperties?.FirstOrDefault(EntityMerge.IsBookkeeping) is { } kept)
        {
            throw new InvalidInputException($"The property '{kept}' is kept by the store and cannot be removed.", item);
        }
    }

    private static void CheckRemovals(IReadOnlyList<string>? names, IReadOnlyDictionary<string, JsonElement>? properties, ItemName item)
    {
        foreach (var name in names ?? [])
        {
            CheckName(name, "property to remove", item);
            if (properties?.ContainsKey(name) == true)
            {
                // Which should win is a guess either way; the caller says what it means instead.
                throw new InvalidInputException($"The property '{name}' is both set and removed.", item);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> may name a property or a hyperparameter: not empty, well-formed
    /// text, and, as a key's parts, no control characters and at most <see cref="MaxNameLength"/>
    /// characters: a name is shown in tables and logs and matched by clients, so NUL and line breaks
    /// (a facet named with them arrives as facets.&lt;name&gt;) and a megabyte of name are refused rather than kept.
    /// </summary>
    public static bool IsName(string name) =>
        !string.IsNullOrEmpty(name) && !Texts.IsLongerThan(name, MaxNameLength) && !Texts.HasControl(name) && Texts.IsWellFormed(name);

    /// <summary>Refuses, saying why, a name <see cref="IsName"/> does not pass: <paramref name="what"/> is "property", "hyperparameter".</summary>
    private static void CheckName(string name, string what, ItemName item)
    {
        if (IsName(name))
        {
            return;
        }

        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidInputException($"A {what} needs a name.", item);
        }

        CheckText(name, $"The name of a {what}", item);
        // Quoted, so that the caller can tell which of many (an event's facets arrive as facets.<name>) it was.
        throw new InvalidInputException(
            $"The name of a {what} is at most {MaxNameLength} characters, without control characters; '{Texts.OneLine(Texts.Shorten(name, 60))}' has {Texts.Characters(name)} characters{(Texts.HasControl(name) ? ", control characters among them" : "")}.", item);
    }

    /// <summary>A JSON value kept as given (a property, a hyperparameter): present, not nested too deeply, and with well-formed text.</summary>
    private static void CheckValue(JsonElement value, string path, string name, ItemName item)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            throw new InvalidInputException($"{path}.{name} has no value.", item);
        }

        JsonText.RequireStorable(value, path, name, item);
    }

    /// <summary>
    /// The text of typed fields, and their numbers: an unpaired surrogate would be stored as U+FFFD,
    /// and an infinite metric cannot be written as JSON at all.
    /// </summary>
    private static void CheckFields(EntityFields fields, ItemName item)
    {
        switch (fields)
        {
            case DatasetFields dataset:
                CheckText(dataset.ContentHash, "contentHash", item);
                CheckText(dataset.Uri, "uri", item);
                if (dataset.RowCount < 0)
                {
                    throw new InvalidInputException($"rowCount is {dataset.RowCount}; a count of rows is 0 or more.", item);
                }

                foreach (var column in dataset.Schema ?? [])
                {
                    // Named as a property is: a column is matched by its name, shown in tables, and compared by diff.
                    CheckName(column.Name, "schema field", item);
                    CheckText(column.Type, "A schema field's type", item);
                    CheckText(column.Description, "A schema field's description", item);
                }

                break;
            case FeatureFields feature:
                CheckText(feature.DataType, "dataType", item);
                CheckText(feature.Transformation, "transformation", item);
                break;
            case CodeVersionFields code:
                CheckText(code.Branch, "branch", item);
                CheckText(code.Tag, "tag", item);
                break;
            case HyperparameterSetFields hyperparameters:
                foreach (var (name, value) in hyperparameters.Values ?? LineageJson.EmptyProperties)
                {
                    CheckName(name, "hyperparameter", item);
                    CheckValue(value, "values", name, item);
                }

                break;
            case ModelFields model:
                CheckText(model.Framework, "framework", item);
                CheckText(model.Stage, "stage", item);
                CheckText(model.ArtifactUri, "artifactUri", item);
                CheckMetrics(model.Metrics, item);
                break;
            case RunFields run:
                CheckStatus(run.Status, item);
                CheckMetrics(run.Metrics, item);

                // Given together, the two times are one report, and a run that ends before it starts is a mistake in it. Given
                // apart (OpenLineage's START and COMPLETE events), each is its own report, and a producer's clock is not judged.
                if (run.EndedAt < run.StartedAt)
                {
                    throw new InvalidInputException(
                        $"endedAt ({run.EndedAt:O}) is before startedAt ({run.StartedAt:O}); a run ends no earlier than it starts.", item);
                }

                break;
            case DeploymentFields deployment:
                CheckStatus(deployment.Status, item);
                break;
        }
    }

    private static void CheckMetrics(IReadOnlyDictionary<string, double>? metrics, ItemName item)
    {
        if (metrics is null)
        {
            return;
        }

        foreach (var (name, value) in metrics)
        {
            CheckName(name, "metric", item);
            if (!double.IsFinite(value))
            {
                throw new InvalidInputException($"Metric '{Texts.Shorten(name)}' is {value}; metrics are finite numbers.", item);
            }
        }
    }

    /// <summary>A status is a word or two (COMPLETE, ACTIVE) that tables show and clients match, as a tag is.</summary>
    private static void CheckStatus(string? status, ItemName item)
    {
        CheckText(status, "status", item);
        if (Texts.IsLongerThan(status, MaxLabelLength) || (status is not null && Texts.HasControl(status)))
        {
            throw new InvalidInputException($"A status is at most {MaxLabelLength} characters, without control characters.", item);
        }
    }

    private static void CheckText(string? text, string what, ItemName item)
    {
        if (text is not null && !Texts.IsWellFormed(text))
        {
            throw new InvalidInputException($"{what} is not well-formed text: it holds an unpaired surrogate.", item);
        }
    }
}
