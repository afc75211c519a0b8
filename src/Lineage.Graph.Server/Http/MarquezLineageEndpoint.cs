using System.Globalization;
using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Server.Hosting;
using Lineage.Graph.Server.Marquez;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// Marquez's lineage query, <c>GET /api/v1/lineage?nodeId=…&amp;depth=…</c> (see
/// <see cref="MarquezLineage"/>), for the clients and UI that already speak it. Needs the reader role.
/// </summary>
internal sealed class MarquezLineageEndpoint(
    ILineageStore store,
    TraversalLimits limits,
    ApiKeyAuthenticator authenticator,
    IOptions<OpenLineageOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>Marquez's default depth.</summary>
    public const int DefaultDepth = 20;

    public async Task<IResult> GetAsync(HttpContext context)
    {
        if (ApiErrors.Refuse(authenticator.Authenticate(context.Request), Role.Reader, context) is { } refused)
        {
            return refused;
        }

        var timeoutSeconds = options.Value.LineageTimeoutSeconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            var query = context.Request.Query;
            if ((query["nodeId"].Count > 1 ? "nodeId" : query["depth"].Count > 1 ? "depth" : null) is { } repeated)
            {
                throw new InvalidInputException("Sent more than once; send it once.", repeated);
            }

            var readings = MarquezNodeId.Parse(query["nodeId"].FirstOrDefault());
            var depth = Depth(query["depth"].FirstOrDefault());
            var graph = await new MarquezLineage(store, limits, options.Value.MaxLineageNodes)
                .BuildAsync(readings, depth, timeout.Token).ConfigureAwait(false);
            return Results.Bytes(Answer(graph, options.Value.MaxLineageAnswerBytes), "application/json; charset=utf-8");
        }
        catch (LineageException ex)
        {
            return ApiErrors.Of(ex);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            return ApiErrors.Of(StatusCodes.Status504GatewayTimeout, ServerErrorCodes.Timeout,
                $"The lineage took longer than {timeoutSeconds} s (Lineage:OpenLineage:LineageTimeoutSeconds) and was stopped; ask for a smaller depth.");
        }
    }

    /// <summary>
    /// The answer as JSON, written in full before it is sent, so that one past <paramref name="most"/>
    /// bytes is refused whole (a client would take a cut one for broken JSON) and never held past that.
    /// </summary>
    private ReadOnlyMemory<byte> Answer(MarquezGraph graph, int most)
    {
        using var buffer = new CappedBuffer(most);
        JsonSerializer.Serialize(buffer, graph, json.Value.SerializerOptions);

        // The buffer's own array, not a copy of it: disposing a memory stream leaves its array to the collector.
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private int Depth(string? text)
    {
        if (text is null)
        {
            // A cap set lower bounds the walks a caller did not size too, as GraphQL's default depth follows it.
            return Math.Min(DefaultDepth, limits.MaxDepthCap);
        }

        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            throw new InvalidInputException($"'{Texts.Shorten(text)}' is not a whole number from 0 to {limits.MaxDepthCap}.", "depth");
        }

        // Digits only, so a number too large for an int is above the cap as surely as cap + 1 is, and gets the same refusal.
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) && depth <= limits.MaxDepthCap
            ? depth
            : throw new DepthLimitException($"At most {limits.MaxDepthCap} (Lineage:Traversal:MaxDepthCap); it was {text}.", "depth");
    }
}

/// <summary>A memory stream that refuses, with LIMIT_EXCEEDED, a write that would take it past <paramref name="most"/> bytes.</summary>
/// <remarks>A span written to a stream derived from MemoryStream reaches it through <see cref="Write(byte[], int, int)"/>.</remarks>
internal sealed class CappedBuffer(int most) : MemoryStream
{
    public override void Write(byte[] buffer, int offset, int count)
    {
        Reserve(count);
        base.Write(buffer, offset, count);
    }

    public override void WriteByte(byte value)
    {
        Reserve(1);
        base.WriteByte(value);
    }

    private void Reserve(int count)
    {
        if (Length + count > most)
        {
            throw new LimitExceededException(
                $"The answer holds more than {most:N0} bytes of JSON ({OpenLineageOptions.Section}:{nameof(OpenLineageOptions.MaxLineageAnswerBytes)}): its datasets' schemas, tags and descriptions "
                + "with its jobs'. It is refused rather than cut short: ask for a smaller depth, or (at depth 0) have the bound raised.", "depth");
        }
    }
}
