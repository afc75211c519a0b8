using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary>
/// What an operator finds in the log when an emitter's events are refused: each refusal on one line,
/// those of the body itself (not JSON, another media type) as well as those of an event's content.
/// </summary>
public sealed class RefusalLogTests(EmptyServer server) : IClassFixture<EmptyServer>
{
    [Theory]
    [InlineData("/api/v1/lineage", "not json", "application/json", "OpenLineage request refused (400 INVALID_REQUEST)")]
    [InlineData("/api/v1/lineage/batch", "[{", "application/json", "OpenLineage request refused (400 INVALID_REQUEST)")]
    [InlineData("/api/v1/lineage", "{}", "text/plain", "OpenLineage request refused (415 UNSUPPORTED_MEDIA_TYPE)")]
    [InlineData("/api/v1/lineage/batch", "{}", "application/json", "OpenLineage request refused (400 INVALID_INPUT)")]
    [InlineData("/api/v1/lineage", """{"eventType": "COMPLETE", "eventTime": "2026-06-01T00:00:00Z", "run": {"runId": 42}, "job": {"namespace": "n", "name": "j"}}""", "application/json", "OpenLineage event refused (INVALID_INPUT at run.runId)")]
    public async Task Each_refusal_is_logged_on_one_line(string endpoint, string body, string mediaType, string logged)
    {
        using var logs = new FakeLoggerProvider();
        using var factory = server.Factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var writer = GraphQLClient.For(factory, LineageServerFactory.WriterKey);

        var response = await writer.SendAsync(HttpMethod.Post, endpoint, new StringContent(body, System.Text.Encoding.UTF8, mediaType));

        Assert.True((int)response.Status is >= 400 and < 500, response.ToString());
        var line = Assert.Single(logs.Collector.GetSnapshot().Select(r => r.Message), l => l.StartsWith("OpenLineage", StringComparison.Ordinal));
        Assert.StartsWith(logged, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_is_not_logged()
    {
        using var logs = new FakeLoggerProvider();
        using var factory = server.Factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var stranger = GraphQLClient.For(factory, "not-a-key-of-this-server-0123456789");

        var response = await stranger.SendAsync(HttpMethod.Post, "/api/v1/lineage", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.DoesNotContain(logs.Collector.GetSnapshot(), r => r.Message.StartsWith("OpenLineage", StringComparison.Ordinal));
    }
}
