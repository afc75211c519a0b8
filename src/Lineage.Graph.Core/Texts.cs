namespace Lineage.Graph.Core;

/// <summary>Rules for the text of keys, labels, descriptions and JSON values.</summary>
public static class Texts
{
    /// <summary>
    /// Whether <paramref name="value"/> is well-formed UTF-16: every surrogate in a pair. An
    /// unpaired one cannot be written as UTF-8, so SQLite and JSON writers would store U+FFFD in
    /// its place and give back other text than was written.
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
