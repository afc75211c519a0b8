using System.Globalization;

namespace Lineage.Graph.Server.Hosting;

/// <summary>
/// Checks the addresses the server is told to listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, or
/// <c>urls</c> in a settings file) before the host reads them. Kestrel reads a port it cannot parse
/// as no port, and <c>http://127.0.0.1:5l99</c> (a typo) then listened on port 80 of every interface,
/// which a loopback-only address never meant; a port past 65535 crashed the host with a stack trace
/// once the store had opened, as an address with a path, a leading space, or localhost with port 0
/// stopped it with Kestrel's words.
/// </summary>
internal static class ListenUrls
{
    /// <summary>One line per address that cannot be listened on; empty when all can (or none is given).</summary>
    public static IReadOnlyList<string> Problems(string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls))
        {
            return [];
        }

        var problems = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Problem(url) is { } problem)
            {
                problems.Add($"urls (--urls or ASPNETCORE_URLS) holds \"{url}\", which is not an address to listen on: {problem}");
            }
        }

        return problems;
    }

    private static string? Problem(string url)
    {
        if (url.Trim() != url)
        {
            // Kestrel refuses a leading space once the store has opened, and reads a trailing one as part
            // of the host when no port follows it ("http://localhost " listened on port 80 of every interface).
            return "it has spaces around it.";
        }

        var scheme = new[] { "http://", "https://" }.FirstOrDefault(s => url.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        if (scheme is null)
        {
            return "it must begin with http:// or https://.";
        }

        var rest = url[scheme.Length..];
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            // A Unix socket (http://unix:/run/lineage.sock) or a Windows named pipe (http://pipe:/lineage): Kestrel checks the name itself.
            return null;
        }

        var parts = rest.Split('/', 2);
        var authority = parts[0];
        if (parts.Length > 1 && parts[1].Length > 0)
        {
            return "it has a path; the server listens at the root of an address (a trailing / is allowed).";
        }

        string host;
        string? port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return "its IPv6 address has no closing ].";
            }

            host = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            port = after.Length == 0 ? null : after.StartsWith(':') ? after[1..] : "";
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            (host, port) = colon < 0 ? (authority, null) : (authority[..colon], authority[(colon + 1)..]);
        }

        if (host is not ("*" or "+") && Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            return "its host must be a name, an IP address, * or +.";
        }

        if (port is not null && !(port.All(char.IsAsciiDigit) && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 65_535))
        {
            return "its port must be a number from 0 to 65535.";
        }

        // Kestrel binds localhost to two addresses, and cannot give both the one free port 0 asks for.
        return port is not null && int.Parse(port, CultureInfo.InvariantCulture) == 0 && host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            ? "port 0 (any free port) needs an IP address, * or +, not localhost."
            : null;
    }
}
