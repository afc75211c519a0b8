using System.Net;
using System.Text;

namespace Lineage.Graph.Neo4j.Tests.QueryApi;

/// <summary>
/// Stands in for Neo4j: records every request and answers from a script, one step per request;
/// the last step repeats once the script runs out.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _steps = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _lock = new();
    private Func<CancellationToken, Task<HttpResponseMessage>>? _last;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public ScriptedHandler Respond(HttpStatusCode status, string? body = null, string mediaType = "application/json") =>
        Then(_ => Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(body ?? string.Empty, Encoding.UTF8, mediaType),
        }));

    public ScriptedHandler Throw(Func<Exception> exception) => Then(_ => Task.FromException<HttpResponseMessage>(exception()));

    /// <summary>Never answers: signals <paramref name="entered"/> and waits for the call to be cancelled.</summary>
    public ScriptedHandler Hang(TaskCompletionSource entered) => Then(async cancellationToken =>
    {
        entered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    public ScriptedHandler Then(Func<CancellationToken, Task<HttpResponseMessage>> step)
    {
        lock (_lock)
        {
            _steps.Enqueue(step);
        }

        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<CancellationToken, Task<HttpResponseMessage>> step;
        lock (_lock)
        {
            _requests.Add(new RecordedRequest(
                request.Method,
                request.RequestUri!,
                request.Headers.Authorization?.ToString(),
                string.Join(", ", request.Headers.Accept),
                request.Content?.Headers.ContentType?.MediaType,
                body));
            step = _steps.Count > 0 ? _last = _steps.Dequeue() : _last ?? throw new InvalidOperationException("No answer is scripted.");
        }

        return await step(cancellationToken);
    }
}
