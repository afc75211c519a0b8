using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// Hyperparameter sets are content-addressed: the name is <c>sha256:</c> and the hex SHA-256 of
/// the canonical JSON of the values, so identical sets are one node however often they are written.
/// </summary>
public static class HyperparameterSets
{
    /// <summary>The namespace every hyperparameter set lives in.</summary>
    public const string Namespace = "hyperparameters";

    private const string HashPrefix = "sha256:";

    /// <summary>The content hash that names a set of values.</summary>
    public static string Hash(IReadOnlyDictionary<string, JsonElement> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(LineageJson.Canonical(values)));
        return HashPrefix + Convert.ToHexStringLower(digest);
    }

    /// <summary>Whether a name has the shape <see cref="Hash"/> gives: <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public static bool IsHash(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == HashPrefix.Length + 64
            && name.StartsWith(HashPrefix, StringComparison.Ordinal)
            && !name.AsSpan(HashPrefix.Length).ContainsAnyExcept("0123456789abcdef");
    }

    /// <summary>
    /// The keys of the sets that an input of <paramref name="inputs"/> gives values for. A store takes them
    /// from the batch as sent, before <see cref="WriteBatch.ValidateUntilRefused"/> cuts it at a bad item: a
    /// set given by key before that item and with its values after it is not the batch's first bad item.
    /// Inputs are not checked yet, so one without a key is passed over.
    /// </summary>
    public static HashSet<EntityKey> KeysGivenValues(IReadOnlyList<EntityInput?> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return [.. inputs.Where(i => i?.Key is { Kind: EntityKind.HyperparameterSet } && i.Fields is HyperparameterSetFields { Values: not null }).Select(i => i!.Key)];
    }

    /// <summary>
    /// Refuses input <paramref name="index"/> of a batch when it would create a set without its values: one
    /// given by key alone (an update of a stored set's description, tags or properties) when no set is stored
    /// under that key (<paramref name="isNew"/>) and no input of the batch gives the values
    /// (<paramref name="givenValues"/>, from <see cref="KeysGivenValues"/>). A store checks each input in
    /// order, with its other checks, so that the error names the batch's first bad item.
    /// </summary>
    public static void RequireValuesToCreate(EntityInput input, int index, bool isNew, IReadOnlySet<EntityKey> givenValues)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(givenValues);
        if (input.Key.Kind == EntityKind.HyperparameterSet && isNew && !givenValues.Contains(input.Key))
        {
            throw new InvalidInputException($"No HyperparameterSet is stored under {input.Key}; give its values as hyperparameters to record it.", $"entities[{index}]");
        }
    }

    /// <summary>The key of the set holding these values.</summary>
    public static EntityKey KeyFor(IReadOnlyDictionary<string, JsonElement> values) =>
        EntityKey.Create(EntityKind.HyperparameterSet, Namespace, Hash(values));

    /// <summary>An entity input for these values, ready to write.</summary>
    public static EntityInput InputFor(IReadOnlyDictionary<string, JsonElement> values) => new()
    {
        Key = KeyFor(values),
        Fields = new HyperparameterSetFields { Values = values },
    };
}
