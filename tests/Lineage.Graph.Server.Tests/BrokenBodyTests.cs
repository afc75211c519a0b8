using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// Bodies only a real HTTP server sees broken (the in-memory test server hands over whatever was
/// sent): shorter than their Content-Length, or with broken chunked framing. Kestrel refuses them
/// while the body is read; the answer says why in the usual error shape, as every other refusal.
/// </summary>
public sealed class BrokenBodyTests : IDisposable
{
    private readonly LineageServerFactory _factory = new();
    private readonly Uri _address;

    public BrokenBodyTests()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        _address = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public static TheoryData<string, string> Endpoints() => new()
    {
        { "/graphql", "Authorization: Bearer " + LineageServerFactory.ReaderKey },
        { "/api/v1/lineage", "Authorization: Bearer " + LineageServerFactory.WriterKey },
    };

    [Fact]
    public async Task A_body_that_stops_short_of_its_content_length_is_a_408_that_says_so()
    {
        // Kestrel waits out its minimum data rate's grace period (5 s) before it gives up on the rest.
        var (status, body) = await SendAsync($"POST /graphql HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {LineageServerFactory.ReaderKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"query\":");

        Assert.Equal(408, status);
        Assert.Equal(("INVALID_REQUEST", true), Refusal(body, "The request body could not be read: "));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Broken_chunked_framing_is_a_400_that_says_so(string path, string key)
    {
        var (status, body) = await SendAsync($"POST {path} HTTP/1.1\r\nHost: test\r\n{key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{{\"run\r\nZZ\r\n");

        Assert.Equal(400, status);
        Assert.Equal(("INVALID_REQUEST", true), Refusal(body, "The request body could not be read: "));
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>The code of an answer's error, from either endpoint's shape, and whether its message starts as given.</summary>
    private static (string? Code, bool Starts) Refusal(string body, string start)
    {
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.TryGetProperty("errors", out var errors) ? errors[0] : json.RootElement;
        var code = error.TryGetProperty("extensions", out var extensions) ? extensions.GetProperty("code").GetString() : error.GetProperty("code").GetString();
        return (code, error.GetProperty("message").GetString()!.StartsWith(start, StringComparison.Ordinal));
    }

    /// <summary>Sends the bytes, leaving the connection open as a stalled client does, and reads the answer's status and body (Kestrel closes the connection after a refused body).</summary>
    private async Task<(int Status, string Body)> SendAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_address.Host, _address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var status = int.Parse(answer.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var head = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var rest = answer[(head + 4)..];

        // A chunked answer: the body is the chunks' data.
        if (answer[..head].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            var data = new StringBuilder();
            while (rest.Length > 0)
            {
                var end = rest.IndexOf("\r\n", StringComparison.Ordinal);
                var size = Convert.ToInt32(rest[..end], 16);
                if (size == 0)
                {
                    break;
                }

                data.Append(rest.AsSpan(end + 2, size));
                rest = rest[(end + 2 + size + 2)..];
            }

            rest = data.ToString();
        }

        return (status, rest);
    }
}
