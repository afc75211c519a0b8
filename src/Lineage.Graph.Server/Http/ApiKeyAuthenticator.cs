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
    public const string InvalidKeyMessage = "The API key is not valid. Send a configured key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.";

    private readonly Dictionary<string, ApiKeyOptions> _byHash;
    private readonly bool _anonymousRead;

    public ApiKeyAuthenticator(IOptions<AuthOptions> options)
    {
        _anonymousRead = options.Value.AllowAnonymousRead;
        _byHash = options.Value.ApiKeys.ToDictionary(k => Hash(k.Key), StringComparer.Ordinal);
    }

    /// <summary>
    /// The caller's role; null when a key was sent that the server does not know, or two different
    /// keys were sent (in <c>X-Api-Key</c> and <c>Authorization</c>, or twice in one): which one is
    /// meant cannot be told, so neither is taken.
    /// </summary>
    public Caller? Authenticate(HttpRequest request)
    {
        var apiKeys = request.Headers["X-Api-Key"].OfType<string>().ToList();
        var keys = new HashSet<string>(apiKeys, StringComparer.Ordinal);
        foreach (var authorization in request.Headers.Authorization.OfType<string>())
        {
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                keys.Add(authorization["Bearer ".Length..].Trim());
            }
            else if (apiKeys.Count == 0)
            {
                // Another scheme and no key of ours: a credential this server cannot read.
                return null;
            }
        }

        if (keys.Count == 0)
        {
            return new Caller("anonymous", _anonymousRead ? Role.Reader : Role.None, Anonymous: true);
        }

        return keys.Count == 1 && _byHash.TryGetValue(Hash(keys.First()), out var known) ? new Caller(known.Name, known.Role) : null;
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
