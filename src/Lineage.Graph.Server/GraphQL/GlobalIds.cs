using System.Buffers.Text;
using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>Relay global ids: opaque to clients, base64url of the type name and the entity key.</summary>
internal static class GlobalIds
{
    // Strict: an id whose bytes are not UTF-8 was not handed out here. The lenient decoder read them as
    // U+FFFD, so such an id named a key no entity has, and answered null where other bad ids are refused.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string For(Entity entity) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{entity.Kind}\n{entity.Key}"));

    /// <summary>The key an id stands for; <see cref="InvalidInputException"/> for anything this server did not hand out.</summary>
    public static EntityKey ToKey(string id)
    {
        try
        {
            var text = Utf8.GetString(Base64Url.DecodeFromChars(id));
            var split = text.IndexOf('\n', StringComparison.Ordinal);
            if (split > 0 && EntityKey.TryParse(text[(split + 1)..], out var key, out _) && key!.Kind.ToString() == text[..split])
            {
                return key;
            }
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            // Falls through to the one error every bad id gets.
        }

        throw new InvalidInputException($"'{(id.Length > 100 ? id[..100] + "..." : id)}' is not an id this server handed out.");
    }
}
