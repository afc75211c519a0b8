using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>The per-item rules of a write that need no store.</summary>
internal static class EntityValidation
{
    private const int MaxLabelLength = 256;
    private const int MaxDescriptionLength = 65_536;
    private const int MaxLabels = 256;

    public static void Check(EntityInput? entity, string item)
    {
        if (entity?.Key is null)
        {
            throw new InvalidInputException("An entity needs a key.", item);
        }

        if (entity.Description is { Length: > MaxDescriptionLength })
        {
            throw new InvalidInputException($"A description is at most {MaxDescriptionLength} characters.", item);
        }

        CheckLabels(entity.Tags, "tags", item);
        CheckLabels(entity.Owners, "owners", item);
        CheckProperties(entity.Properties, item);

        var kind = entity.Key.Kind;
        if (entity.Fields is not null && entity.Fields.Kind != kind)
        {
            throw new InvalidInputException($"{entity.Fields.Kind} fields were given for a {kind}.", item);
        }

        if (kind == EntityKind.HyperparameterSet)
        {
            if (entity.Fields is not HyperparameterSetFields { Values: not null } hyperparameters)
            {
                throw new InvalidInputException("A HyperparameterSet needs its values.", item);
            }

            var hash = HyperparameterSets.Hash(hyperparameters.Values);
            if (entity.Key.Namespace != HyperparameterSets.Namespace || entity.Key.Name != hash)
            {
                throw new InvalidInputException(
                    $"A HyperparameterSet is named by its values: its key must be {HyperparameterSets.KeyFor(hyperparameters.Values)}.", item);
            }
        }
    }

    public static EdgeInput Check(EdgeInput? edge, string item)
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
            ? edge with { Role = role }
            : throw new InvalidInputException($"Unknown input role '{edge.Role}'. Known roles: {string.Join(", ", EdgeInput.Roles)}.", item);
    }

    private static void CheckLabels(IReadOnlyList<string>? labels, string what, string item)
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
            if (string.IsNullOrWhiteSpace(label) || label.Length > MaxLabelLength || label.Any(char.IsControl))
            {
                throw new InvalidInputException(
                    $"Each of {what} is 1 to {MaxLabelLength} characters without control characters.", item);
            }
        }
    }

    private static void CheckProperties(IReadOnlyDictionary<string, JsonElement>? properties, string item)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var (name, value) in properties)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new InvalidInputException("A property needs a name.", item);
            }

            if (value.ValueKind == JsonValueKind.Undefined)
            {
                throw new InvalidInputException($"Property '{name}' has no value.", item);
            }
        }
    }
}
