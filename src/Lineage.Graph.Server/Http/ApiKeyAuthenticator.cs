using System.Security.Cryptography;
using System.Text;
using Lineage.Graph.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// Finds the caller's role from <c>Authorization: Bearer</c> or <c>X-Api-Key</c>. Keys are
/// compared by their SHA-256, so a lookup takes the same time whichever key is close.
/// </summary>
internal sealed class ApiKeyAuthenticator
{
    /// <summary>What a caller who sent an unknown key is told, by every endpoint alike.</summary>
    private const string InvalidKeyMessage = "The API key is not valid. Send a configured key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.";

    private readonly Dictionary<string, ApiKeyOptions> _byHash;
    private readonly bool _anonymousRead;

    public ApiKeyAuthenticator(IOptions<AuthOptions> options)
    {
        _anonymousRead = options.Value.AllowAnonymousRead;
        _byHash = options.Value.ApiKeys.ToDictionary(k => Hash(k.Key), StringComparer.Ordinal);
    }

    /// <summary>
    /// The caller's role; null when a key was sent that the server does not know, or two different
    /// keys in one header's values (which one is meant cannot be told). <c>X-Api-Key</c> decides
    /// when it is sent: a gateway in front may put its own token in <c>Authorization</c>. Without it,
    /// the bearer token does, beside any other scheme's credentials (a proxy's Basic).
    /// </summary>
    public Caller? Authenticate(HttpRequest request)
    {
        var (keys, _, authorizations) = Credentials(request);
        if (keys.Count == 0)
        {
            // Another scheme alone is a credential this server cannot read, not an anonymous call.
            return authorizations.Count > 0 ? null : new Caller("anonymous", _anonymousRead ? Role.Reader : Role.None, Anonymous: true);
        }

        return keys.Count == 1 && _byHash.TryGetValue(Hash(keys[0]), out var known) ? new Caller(known.Name, known.Role) : null;
    }

    /// <summary>
    /// Why <see cref="Authenticate"/> found no caller in <paramref name="request"/>, for its 401: two
    /// or more keys, and another scheme's credentials, are each told apart from a key the server does not know,
    /// since each is fixed in a different place (a client's headers, a proxy's).
    /// </summary>
    public static string Refusal(HttpRequest request)
    {
        var (keys, header, authorizations) = Credentials(request);
        return keys.Count switch
        {
            > 1 => $"{keys.Count} different API keys were sent ({header}); send one.",
            // A bare "Bearer" (no token) is a key left out, not another scheme.
            0 when authorizations.Exists(a => !a.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) => "The Authorization header holds credentials of a scheme this server cannot check (not Bearer). Send a configured key as 'Authorization: Bearer <key>', or as 'X-Api-Key: <key>' where a proxy sets Authorization.",
            _ => InvalidKeyMessage,
        };
    }

    /// <summary>The distinct keys sent, from <c>X-Api-Key</c> if it is sent, else bearer tokens; the header they came from; and every Authorization value.</summary>
    private static (List<string> Keys, string Header, List<string> Authorizations) Credentials(HttpRequest request)
    {
        var apiKeys = request.Headers["X-Api-Key"].OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var authorizations = request.Headers.Authorization.OfType<string>().ToList();
        if (apiKeys.Count > 0)
        {
            return (apiKeys, "X-Api-Key", authorizations);
        }

        List<string> bearers = [.. authorizations
            .Where(a => a.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            .Select(a => a["Bearer ".Length..].Trim())
            .Distinct(StringComparer.Ordinal)];
        return (bearers, "Authorization: Bearer", authorizations);
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
