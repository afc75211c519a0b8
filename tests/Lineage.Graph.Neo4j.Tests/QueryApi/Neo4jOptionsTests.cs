using System.Net;
using Lineage.Graph.Neo4j.QueryApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Neo4j.Tests.QueryApi;

public sealed class Neo4jOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings, string? section = null, ScriptedHandler? handler = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (section is null)
        {
            services.AddNeo4jQueryApi();
        }
        else
        {
            services.AddNeo4jQueryApi(section);
        }

        if (handler is not null)
        {
            services.AddHttpClient(QueryApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        }

        return services.BuildServiceProvider();
    }

    private static OptionsValidationException StartupFailure(Dictionary<string, string?> settings, string? section = null)
    {
        using var provider = Services(settings, section);
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void Defaults_follow_the_drivers()
    {
        var options = new Neo4jOptions();

        Assert.Null(options.Url);
        Assert.Equal("neo4j", options.Database);
        Assert.Equal("neo4j", options.User);
        Assert.Equal(30, options.TimeoutSeconds);
        Assert.Equal(5, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryBaseDelay);
    }

    [Fact]
    public void A_missing_url_stops_the_host_with_a_message_naming_the_key()
    {
        var error = StartupFailure([]);

        Assert.StartsWith("Lineage:Neo4j:Url is required", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("ftp://neo4j.test")]
    [InlineData("neo4j/db")]
    [InlineData("bolt://localhost:7687")]
    public void A_url_that_is_not_http_names_the_key(string url)
    {
        var error = StartupFailure(new() { ["Lineage:Neo4j:Url"] = url });

        Assert.Equal($"Lineage:Neo4j:Url must be an absolute http or https address, such as http://localhost:7474; it is {new Uri(url, UriKind.RelativeOrAbsolute)}.", error.Message);
    }

    [Theory]
    [InlineData("TimeoutSeconds", "0", "Lineage:Neo4j:TimeoutSeconds must be between 2 and 3600 seconds; it is 0.")]
    [InlineData("TimeoutSeconds", "1", "Lineage:Neo4j:TimeoutSeconds must be between 2 and 3600 seconds; it is 1.")]
    [InlineData("MaxRetryAttempts", "11", "Lineage:Neo4j:MaxRetryAttempts must be between 0 and 10; it is 11.")]
    [InlineData("RetryBaseDelay", "00:05:00", "Lineage:Neo4j:RetryBaseDelay must be between 00:00:00 and 00:01:00; it is 00:05:00.")]
    [InlineData("CircuitBreakerMinimumThroughput", "1", "Lineage:Neo4j:CircuitBreakerMinimumThroughput must be between 2 and 100000; it is 1.")]
    [InlineData("Database", "", "Lineage:Neo4j:Database is required: the name of the Neo4j database, such as neo4j.")]
    public void Out_of_range_settings_name_their_key(string key, string value, string message)
    {
        var error = StartupFailure(new() { ["Lineage:Neo4j:Url"] = "http://localhost:7474", [$"Lineage:Neo4j:{key}"] = value });

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_password_without_a_user_is_refused()
    {
        var error = StartupFailure(new() { ["Lineage:Neo4j:Url"] = "http://localhost:7474", ["Lineage:Neo4j:User"] = "", ["Lineage:Neo4j:Password"] = "pw" });

        Assert.StartsWith("Lineage:Neo4j:User is required when a password is set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_section_is_named_in_the_message()
    {
        var error = StartupFailure([], "Graphs:Primary");

        Assert.StartsWith("Graphs:Primary:Url is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_settings_pass()
    {
        using var provider = Services(new() { ["Lineage:Neo4j:Url"] = "https://graph.example.test", ["Lineage:Neo4j:Password"] = "pw" });

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(new Uri("https://graph.example.test/db/neo4j/query/v2"), provider.GetRequiredService<QueryApiClient>().Endpoint);
    }

    [Fact]
    public async Task The_registered_client_uses_the_configured_address_database_and_credentials()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, Bodies.One(1));
        using var provider = Services(
            new()
            {
                ["Lineage:Neo4j:Url"] = "http://graph.test:7474",
                ["Lineage:Neo4j:Database"] = "lineage",
                ["Lineage:Neo4j:Token"] = "sso-token",
                ["Lineage:Neo4j:RetryBaseDelay"] = "00:00:00.001",
            },
            handler: handler);

        var client = provider.GetRequiredService<QueryApiClient>();
        var result = await client.RunAsync("RETURN 1 AS n");

        Assert.Same(client, provider.GetRequiredService<QueryApiClient>());
        Assert.Single(result.Rows);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(new Uri("http://graph.test:7474/db/lineage/query/v2"), request.Uri);
        Assert.Equal("Bearer sso-token", request.Authorization);
    }
}
