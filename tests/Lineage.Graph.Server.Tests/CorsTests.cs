using System.Net;

namespace Lineage.Graph.Server.Tests;

/// <summary>CORS follows <c>Lineage:GraphQL:CorsOrigins</c>: the origins listed may call from a browser, no others.</summary>
public sealed class CorsTests(CorsServer server) : IClassFixture<CorsServer>
{
    private readonly CorsServer _server = server;

    [Fact]
    public async Task A_preflight_from_a_configured_origin_is_allowed_with_the_auth_headers()
    {
        using var client = _server.Client();
        using var response = await client.Http.SendAsync(Preflight(CorsServer.Origin));

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Equal(CorsServer.Origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var headers = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("authorization", headers, StringComparison.Ordinal);
        Assert.Contains("x-api-key", headers, StringComparison.Ordinal);
        Assert.Contains("content-type", headers, StringComparison.Ordinal);
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_from_another_origin_is_not_allowed()
    {
        using var client = _server.Client();
        using var response = await client.Http.SendAsync(Preflight("https://evil.example"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_request_from_a_configured_origin_is_answered_with_its_origin_and_one_from_another_without()
    {
        using var reader = _server.Reader();
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        allowed.Headers.Add("Origin", CorsServer.Origin);
        using var allowedResponse = await reader.Http.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, allowedResponse.StatusCode);
        Assert.Equal(CorsServer.Origin, Assert.Single(allowedResponse.Headers.GetValues("Access-Control-Allow-Origin")));

        using var other = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        other.Headers.Add("Origin", "https://evil.example");
        using var otherResponse = await reader.Http.SendAsync(other);
        Assert.False(otherResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    internal static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, authorization, x-api-key");
        return request;
    }
}

/// <summary>Without configured origins, no browser origin is allowed.</summary>
public sealed class DefaultCorsTests(EmptyServer server) : IClassFixture<EmptyServer>
{
    private readonly EmptyServer _server = server;

    [Fact]
    public async Task Without_configured_origins_a_preflight_is_not_allowed()
    {
        using var client = _server.Client();
        using var response = await client.Http.SendAsync(CorsTests.Preflight(CorsServer.Origin));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class CorsServer() : ServerFixture(new Dictionary<string, string?> { ["Lineage:GraphQL:CorsOrigins:0"] = Origin })
{
    public const string Origin = "https://lineage-ui.example";
}
