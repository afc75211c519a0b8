using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Lineage.Graph.Server.Tests;

/// <summary>One HTTP answer of <c>/graphql</c>: status, media type, headers and the parsed body.</summary>
public sealed class GraphQLResponse
{
    public GraphQLResponse(HttpStatusCode status, string? mediaType, HttpResponseHeaders headers, HttpContentHeaders contentHeaders, string body)
    {
        ContentHeaders = contentHeaders;
        Status = status;
        MediaType = mediaType;
        Headers = headers;
        Body = body;
        try
        {
            using var document = JsonDocument.Parse(body);
            Json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Json = default;
        }
    }

    public HttpStatusCode Status { get; }

    public string? MediaType { get; }

    public HttpResponseHeaders Headers { get; }

    /// <summary>The content headers, where <c>Allow</c> and <c>Content-Type</c> live.</summary>
    public HttpContentHeaders ContentHeaders { get; }

    public string Body { get; }

    /// <summary>The parsed body; <see cref="JsonValueKind.Undefined"/> when it is not JSON.</summary>
    public JsonElement Json { get; }

    /// <summary>The top-level errors, empty when there are none.</summary>
    public IReadOnlyList<JsonElement> Errors =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray()] : [];

    /// <summary>Each top-level error's <c>extensions.code</c>.</summary>
    public IReadOnlyList<string?> Codes =>
        [.. Errors.Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : null)];

    public bool HasData => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("data", out _);

    /// <summary><c>data</c> of an answer that must have no errors; the failure shows the whole body.</summary>
    public JsonElement Data()
    {
        Assert.True(Status == HttpStatusCode.OK && Errors.Count == 0 && HasData, $"Expected data without errors, got {(int)Status}: {Body}");
        return Json.GetProperty("data");
    }

    /// <summary>Asserts one top-level error with this code (and status) and returns it.</summary>
    public JsonElement Error(string code, HttpStatusCode? status = null)
    {
        if (status is { } expected)
        {
            Assert.True(Status == expected, $"Expected {(int)expected}, got {(int)Status}: {Body}");
        }

        Assert.True(Codes.Count == 1 && Codes[0] == code, $"Expected one error with code {code}, got: {Body}");
        return Errors[0];
    }

    public override string ToString() => $"{(int)Status} {MediaType}: {Body}";
}
