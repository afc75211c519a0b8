using System.Buffers.Text;
using System.Text;

namespace Lineage.Graph.Core;

/// <summary>Opaque paging cursors: the key of the last entity of a page, base64url-encoded.</summary>
public static class Cursors
{
    public static string ForKey(EntityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes("k:" + key));
    }

    /// <summary>The key a cursor stands for; throws <see cref="InvalidCursorException"/> for anything else.</summary>
    public static EntityKey ToKey(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            // The decoder forgives whitespace, padding and '%', and bytes that are not UTF-8 read as
            // U+FFFD; only the cursor ForKey hands out for the key, character for character, is one.
            if (text.StartsWith("k:", StringComparison.Ordinal) && EntityKey.TryParse(text[2..], out var key, out _)
                && string.Equals(ForKey(key!), cursor, StringComparison.Ordinal))
            {
                return key!;
            }
        }
        catch (FormatException)
        {
            // Falls through to the one error every bad cursor gets.
        }

        throw new InvalidCursorException($"'{(cursor.Length > 100 ? cursor[..100] + "..." : cursor)}' is not a cursor this server handed out.");
    }
}
