using System.Net;
using System.Text;

namespace Lineage.Graph.Cli.Tests;

/// <summary>Answers every request with one fixed status and body: a server that is not what the command expects.</summary>
public sealed class StubHandler(HttpStatusCode status, string body, string mediaType = "application/json") : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
}
