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

    /// <summary>The content hash that names a set of values.</summary>
    public static string Hash(IReadOnlyDictionary<string, JsonElement> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(LineageJson.Canonical(values)));
        return "sha256:" + Convert.ToHexStringLower(digest);
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
