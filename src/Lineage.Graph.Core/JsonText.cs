using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// Checks that JSON read from outside holds only text that can be stored and given back. The
/// System.Text.Json parser accepts invalid UTF-8 and unpaired <c>\uD800</c>-style escapes inside
/// strings and names, and fails only when the text is read, which can be deep inside a write or
/// an answer; reading each string once up front turns that into a refusal that names the value.
/// </summary>
public static class JsonText
{
    /// <summary>How deeply a property value may nest: deep enough for any real facet, shallow enough that every answer holding it stays within the JSON writers' depth of 64.</summary>
    public const int MaxPropertyDepth = 32;

    /// <summary>
    /// Where <paramref name="value"/> first holds a string or a member name that is not well-formed
    /// Unicode (invalid UTF-8, or an unpaired surrogate), as a path below <paramref name="path"/>
    /// (<c>job.facets.custom[2]</c>); null when it holds none.
    /// </summary>
    public static string? FindMalformed(JsonElement value, string path) =>
        Malformed(value) is not { } below ? null
        : path.Length == 0 ? below.TrimStart('.')
        : path + below;

    /// <summary>Refuses a value that holds malformed text (<see cref="FindMalformed"/>) with INVALID_INPUT naming where.</summary>
    public static void RequireWellFormed(JsonElement value, string path, string? item)
    {
        if (FindMalformed(value, path) is { } where)
        {
            throw new InvalidInputException($"{where} is not well-formed Unicode text (invalid UTF-8 or an unpaired surrogate).", item);
        }
    }

    /// <summary>How many levels of arrays and objects <paramref name="value"/> nests: 0 for a scalar.</summary>
    public static int Depth(JsonElement value)
    {
        var deepest = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    deepest = Math.Max(deepest, Depth(item));
                }

                return deepest + 1;
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    deepest = Math.Max(deepest, Depth(member.Value));
                }

                return deepest + 1;
            default:
                return 0;
        }
    }

    /// <summary>The path of the first malformed text below <paramref name="value"/> (empty for the value itself), or null; built only on the way out of a failure, so a clean value allocates no path.</summary>
    private static string? Malformed(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return IsWellFormed(value) ? null : "";
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (Malformed(item) is { } below)
                    {
                        return $"[{index}]{below}";
                    }

                    index++;
                }

                return null;
            case JsonValueKind.Object:
                var position = 0;
                foreach (var member in value.EnumerateObject())
                {
                    if (!IsWellFormedName(member))
                    {
                        // The name itself cannot be shown: name the member by its place.
                        return $".(member {position})";
                    }

                    if (Malformed(member.Value) is { } below)
                    {
                        return $".{member.Name}{below}";
                    }

                    position++;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsWellFormedName(JsonProperty member)
    {
        try
        {
            return Texts.IsWellFormed(member.Name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsWellFormed(JsonElement text)
    {
        try
        {
            return Texts.IsWellFormed(text.GetString()!);
        }
        catch (InvalidOperationException)
        {
            // GetString's refusal of invalid UTF-8 or of an escaped unpaired surrogate.
            return false;
        }
    }
}
