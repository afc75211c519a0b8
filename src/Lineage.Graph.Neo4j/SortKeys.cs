using System.Text;

namespace Lineage.Graph.Neo4j;

/// <summary>
/// What a listing sorts and pages by: a key, or a text made from it whose order is the key's code point
/// order whichever way Neo4j compares them. Neo4j compares two stored UTF-8 strings by their bytes (code
/// points), but a parameter is a Java string, compared in UTF-16 units, which put an astral character (a
/// surrogate pair) before U+E000 to U+FFFF; a page's cursor would then skip keys. A text without
/// surrogates and without U+E000 to U+FFFF has one order either way, so the characters from U+D7FF up are
/// written as U+D7FF and two digits, each a character from U+0100 to U+087F (base 1,920).
/// </summary>
internal static class SortKeys
{
    private const int Escape = 0xD7FF;
    private const int DigitBase = 1_920;
    private const int FirstDigit = 0x100;

    /// <summary>The text to sort a key by; null when it is the key itself (no character from U+D7FF up).</summary>
    public static string? For(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.AsSpan().ContainsAnyInRange((char)Escape, char.MaxValue))
        {
            return null;
        }

        var text = new StringBuilder(key.Length + 8);
        foreach (var rune in key.EnumerateRunes())
        {
            if (rune.Value < Escape)
            {
                text.Append((char)rune.Value);
                continue;
            }

            var offset = rune.Value - Escape;
            text.Append((char)Escape).Append((char)(FirstDigit + (offset / DigitBase))).Append((char)(FirstDigit + (offset % DigitBase)));
        }

        return text.ToString();
    }

    /// <summary>The text a cursor's key is compared as: <see cref="For"/>, or the key.</summary>
    public static string Of(string key) => For(key) ?? key;
}
