using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Lineage.Graph.Core;

/// <summary>
/// Checks that JSON read from outside holds only text that can be stored and given back. The
/// System.Text.Json parser accepts invalid UTF-8 and unpaired <c>\uD800</c>-style escapes inside
/// strings and names, and fails only when the text is read, which can be deep inside a write or
/// an answer; checking each string once up front turns that into a refusal that names the value.
/// </summary>
/// <remarks>
/// Every entity of every write is checked, so a clean value costs one walk and no allocation: a
/// string without escapes is checked as the UTF-8 the parser holds, and a path is built only on
/// the way out of a failure.
/// </remarks>
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
        Inspect(value, 1, int.MaxValue) is { } problem ? Join(path, problem.Below) : null;

    /// <summary>
    /// Refuses, with INVALID_INPUT naming <paramref name="item"/>, a value nested more than
    /// <see cref="MaxPropertyDepth"/> levels or holding malformed text; <paramref name="path"/> and
    /// <paramref name="name"/> say where the value is (<c>properties</c>, <c>lr</c>), for the message.
    /// </summary>
    public static void RequireStorable(JsonElement value, string path, string name, string item)
    {
        if (Inspect(value, 1, MaxPropertyDepth) is not { } problem)
        {
            return;
        }

        var where = Join($"{path}.{name}", problem.Below);
        throw new InvalidInputException(
            problem.TooDeep
                ? $"{where} nests more than {MaxPropertyDepth} levels of arrays and objects."
                : $"{where} is not well-formed Unicode text (invalid UTF-8 or an unpaired surrogate).",
            item);
    }

    private static string Join(string path, string below) =>
        path.Length == 0 ? below.TrimStart('.') : path + below;

    /// <summary>
    /// The first problem below <paramref name="value"/>, a container at nesting <paramref name="level"/>
    /// if it is one: its path from the value (empty for the value itself), and whether it nests too
    /// deeply or holds malformed text. Null when there is none.
    /// </summary>
    private static Problem? Inspect(JsonElement value, int level, int maxLevel)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return IsWellFormed(value) ? null : new Problem("", TooDeep: false);
            case JsonValueKind.Array:
                if (level > maxLevel)
                {
                    return new Problem("", TooDeep: true);
                }

                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (Inspect(item, level + 1, maxLevel) is { } problem)
                    {
                        return problem with { Below = $"[{index}]{problem.Below}" };
                    }

                    index++;
                }

                return null;
            case JsonValueKind.Object:
                if (level > maxLevel)
                {
                    return new Problem("", TooDeep: true);
                }

                var position = 0;
                foreach (var member in value.EnumerateObject())
                {
                    if (!IsWellFormedName(member))
                    {
                        // The name itself cannot be shown: name the member by its place.
                        return new Problem($".(member {position})", TooDeep: false);
                    }

                    if (Inspect(member.Value, level + 1, maxLevel) is { } problem)
                    {
                        return problem with { Below = $".{member.Name}{problem.Below}" };
                    }

                    position++;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsWellFormed(JsonElement text)
    {
        // The raw value, quotes included: without a backslash it is the text itself, and valid
        // UTF-8 is well-formed Unicode; an escape may spell an unpaired surrogate, so it is decoded.
        var raw = JsonMarshal.GetRawUtf8Value(text);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Utf8.IsValid(raw);
        }

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

    private static bool IsWellFormedName(JsonProperty member)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(member);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Utf8.IsValid(raw);
        }

        try
        {
            return Texts.IsWellFormed(member.Name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private sealed record Problem(string Below, bool TooDeep);
}
