using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// Posts GraphQL requests to a test server over real HTTP requests and parses the answers;
/// the key (if any) goes as <c>Authorization: Bearer</c>, or <c>X-Api-Key</c> when asked.
/// </summary>
public sealed class GraphQLClient : IDisposable
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    private readonly HttpClient _http;

    public GraphQLClient(HttpClient http, string? key = null, bool keyAsHeader = false)
    {
        _http = http;

        // A guard, not a wait: a server that hangs fails the test instead of stalling the run.
        _http.Timeout = TimeSpan.FromSeconds(60);
        if (key is not null && keyAsHeader)
        {
            _http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        else if (key is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    public HttpClient Http => _http;

    public static GraphQLClient For<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory, string? key = null, bool keyAsHeader = false)
        where TEntryPoint : class =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), key, keyAsHeader);

    /// <summary>POSTs one request as <c>application/json</c>.</summary>
    public Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? operationName = null, string? accept = null) =>
        PostJsonAsync(Body(query, variables, operationName), accept);

    /// <summary>POSTs any JSON text (a batch, a malformed body) as <c>application/json</c>.</summary>
    public Task<GraphQLResponse> PostJsonAsync(string json, string? accept = null) =>
        SendAsync(HttpMethod.Post, "/graphql", new StringContent(json, Encoding.UTF8, "application/json"), accept);

    /// <summary>Sends a query as GET, its parameters in the query string.</summary>
    public Task<GraphQLResponse> GetAsync(string query, object? variables = null, string? operationName = null, string? accept = null)
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(query);
        if (variables is not null)
        {
            url += "&variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(variables));
        }

        if (operationName is not null)
        {
            url += "&operationName=" + Uri.EscapeDataString(operationName);
        }

        return SendAsync(HttpMethod.Get, url, null, accept);
    }

    public async Task<GraphQLResponse> SendAsync(HttpMethod method, string url, HttpContent? content, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await SendAsync(request).ConfigureAwait(false);
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers, response.Content.Headers, body);
    }

    /// <summary>Runs a query that must succeed and returns its <c>data</c>.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        var response = await PostAsync(query, variables).ConfigureAwait(false);
        return response.Data();
    }

    public static string Body(string query, object? variables = null, string? operationName = null) =>
        JsonSerializer.Serialize(new { query, variables, operationName });

    public void Dispose() => _http.Dispose();
}
