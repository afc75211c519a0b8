using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Lineage.Graph.Neo4j.Tests;

/// <summary>
/// The Neo4j the contract tests run against: the server at <c>LINEAGE_TEST_NEO4J_URL</c>
/// (credentials as user info, e.g. <c>http://neo4j:secret@localhost:7474</c>), or a
/// <c>neo4j:5.26</c> container when a Docker engine answers, or none, with the reason.
/// One per test run: starting a container takes tens of seconds.
/// </summary>
public sealed class Neo4jServer : IAsyncLifetime
{
    public const string UrlVariable = "LINEAGE_TEST_NEO4J_URL";
    private const string ContainerPassword = "lineage-test-password";

    private IContainer? _container;

    /// <summary>The base URL (without credentials); null when there is no Neo4j, then <see cref="Unavailable"/> says why.</summary>
    public Uri? Url { get; private set; }

    public string User { get; private set; } = "neo4j";

    public string? Password { get; private set; }

    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(UrlVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var url = new Uri(configured);
            if (url.UserInfo.Length > 0)
            {
                var parts = Uri.UnescapeDataString(url.UserInfo).Split(':', 2);
                User = parts[0];
                Password = parts.Length > 1 ? parts[1] : null;
            }

            Url = new UriBuilder(url) { UserName = "", Password = "" }.Uri;
            return;
        }

        if (!DockerAvailable(out var why))
        {
            Unavailable = $"Neo4j store contract tests did not run: {UrlVariable} is not set and {why}. " +
                $"Set {UrlVariable}=http://neo4j:<password>@localhost:7474 or start a Docker engine to run them.";
            return;
        }

        _container = new ContainerBuilder("neo4j:5.26")
            .WithEnvironment("NEO4J_AUTH", $"neo4j/{ContainerPassword}")
            .WithPortBinding(7474, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(7474).ForPath("/")))
            .Build();
        await _container.StartAsync();
        Url = new Uri($"http://{_container.Hostname}:{_container.GetMappedPublicPort(7474)}");
        Password = ContainerPassword;
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    // Testcontainers itself would wait for a Docker endpoint; looking for the socket first lets the
    // tests say at once, and by name, why they are skipped.
    private static bool DockerAvailable(out string why)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(host))
        {
            why = "";
            return true;
        }

        if (File.Exists("/var/run/docker.sock"))
        {
            why = "";
            return true;
        }

        why = "no Docker engine is present (DOCKER_HOST is unset and /var/run/docker.sock does not exist)";
        return false;
    }
}
