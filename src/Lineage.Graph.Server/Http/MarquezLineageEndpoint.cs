using System.Globalization;
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
    IOptions<OpenLineageOptions> options)
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
            return Results.Json(graph);
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
