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

    /// <summary>The caller's role; null when a key was sent that the server does not know.</summary>
    public Caller? Authenticate(HttpRequest request)
    {
        var key = request.Headers["X-Api-Key"].FirstOrDefault();
        var authorization = request.Headers.Authorization.FirstOrDefault();
        if (key is null && authorization is not null)
        {
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            key = authorization["Bearer ".Length..].Trim();
        }

        if (key is null)
        {
            return new Caller("anonymous", _anonymousRead ? Role.Reader : Role.None, Anonymous: true);
        }

        return _byHash.TryGetValue(Hash(key), out var known) ? new Caller(known.Name, known.Role) : null;
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
