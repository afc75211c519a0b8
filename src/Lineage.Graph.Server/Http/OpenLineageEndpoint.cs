using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Core.OpenLineage;
using Lineage.Graph.Server.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// OpenLineage's HTTP transport target: <c>POST /api/v1/lineage</c> with one event and
/// <c>POST /api/v1/lineage/batch</c> with an array of them (the spec's OpenAPI), so that a
/// pipeline's <c>OPENLINEAGE_URL</c> can point here unchanged. Each event is one atomic batch
/// (lineage-model.md, "Writing"): stored whole or not at all.
/// </summary>
internal sealed partial class OpenLineageEndpoint(
    ILineageStore store,
    ApiKeyAuthenticator authenticator,
    IOptions<OpenLineageOptions> options,
    ILogger<OpenLineageEndpoint> logger)
{
    private readonly OpenLineageOptions _options = options.Value;

    /// <summary>One event: 201 when it is stored, 400 naming the bad field when it is not.</summary>
    public async Task<IResult> PostEventAsync(HttpContext context)
    {
        var (json, refusal) = await ReadAsync(context, OpenLineageMapper.MaxEventDepth, "The body").ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        using (json)
        {
            MappedEvent? mapped = null;
            try
            {
                mapped = OpenLineageMapper.Map(json!.RootElement);
                var result = await store.WriteAsync(mapped.Batch, context.RequestAborted).ConfigureAwait(false);
                return Results.Json(Stored.From(result), statusCode: StatusCodes.Status201Created);
            }
            catch (LineageException ex)
            {
                // The store names the batch's items (entities[3]); the caller wrote the event's (inputs[1]).
                var (message, field) = mapped is null ? (ex.Message, ex.Item) : ex.DescribedAs(mapped.DescribeItem);
                // The message and field quote what the producer sent (an event type, a facet's name): one line in the log.
                LogRefused(logger, ex.Code, field is null ? null : Texts.OneLine(field), Texts.OneLine(message));
                return ApiErrors.Of(ApiErrors.StatusOf(ex.Code), ex.Code, message, field);
            }
        }
    }

    /// <summary>
    /// An array of events, each stored or refused on its own: 200 when all are stored, 207 when
    /// some are, 400 when none is, with the failures listed by index either way.
    /// </summary>
    public async Task<IResult> PostBatchAsync(HttpContext context)
    {
        // The array holding the events is one level more than any of them: an event that goes in alone goes in here.
        var (json, refusal) = await ReadAsync(context, OpenLineageMapper.MaxEventDepth + 1, "The batch").ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        using (json)
        {
            var root = json!.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return Refuse(new HttpFailure(StatusCodes.Status400BadRequest, ErrorCodes.InvalidInput, "A batch is a JSON array of OpenLineage events."));
            }

            var count = root.GetArrayLength();
            if (count > _options.MaxBatchEvents)
            {
                return Refuse(new HttpFailure(StatusCodes.Status400BadRequest, ServerErrorCodes.BatchTooLarge,
                    $"A batch holds at most {Texts.Count(_options.MaxBatchEvents, "event")}; this one has {count}. Split it."));
            }

            var failures = new List<EventFailure>();
            var mapped = new List<(int Index, MappedEvent Event)>(count);
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                try
                {
                    mapped.Add((index, OpenLineageMapper.Map(element)));
                }
                catch (LineageException ex)
                {
                    failures.Add(EventFailure.From(index, ex));
                }

                index++;
            }

            try
            {
                await WriteAllAsync(mapped, failures, context.RequestAborted).ConfigureAwait(false);
            }
            catch (LineageException ex) when (ex.IsStoreRefusal)
            {
                return Refuse(new HttpFailure(ApiErrors.StatusOf(ex.Code), ex.Code, ex.Message));
            }

            failures.Sort((a, b) => a.Index.CompareTo(b.Index));
            if (failures.Count > 0)
            {
                LogBatchFailures(logger, failures.Count, count, failures[0].Index, failures[0].Code, Texts.OneLine(failures[0].Message));
            }

            var status = failures.Count == 0 ? StatusCodes.Status200OK
                : failures.Count == count ? StatusCodes.Status400BadRequest
                : StatusCodes.Status207MultiStatus;
            return Results.Json(new BatchReport(count, count - failures.Count, failures.Count, failures), statusCode: status);
        }
    }

    /// <summary>
    /// Writes the events together, in order, as one store batch (one commit instead of one per
    /// event). The store applies same-key inputs in order, so the graph is the one that writing
    /// them one by one would give; only when the store refuses the whole does it go event by
    /// event, to find which ones it refuses.
    /// </summary>
    private async Task WriteAllAsync(List<(int Index, MappedEvent Event)> mapped, List<EventFailure> failures, CancellationToken cancellationToken)
    {
        if (mapped.Count == 0)
        {
            return;
        }

        var combined = new WriteBatch
        {
            Entities = [.. mapped.SelectMany(m => m.Event.Batch.Entities)],
            Edges = [.. mapped.SelectMany(m => m.Event.Batch.Edges)],
        };
        if (combined.Entities.Count + combined.Edges.Count <= WriteBatch.MaxItems)
        {
            try
            {
                await store.WriteAsync(combined, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (LineageException ex) when (!ex.IsStoreRefusal)
            {
                // One event is at fault; the loop below finds it and stores the rest.
            }
        }

        foreach (var (index, ev) in mapped)
        {
            try
            {
                await store.WriteAsync(ev.Batch, cancellationToken).ConfigureAwait(false);
            }
            catch (LineageException ex) when (!ex.IsStoreRefusal)
            {
                var (message, field) = ex.DescribedAs(ev.DescribeItem);
                failures.Add(new EventFailure(index, ex.Code, message, field));
            }
        }
    }

    /// <summary>
    /// Checks the caller, the media type and the size, then parses the (possibly gzip-compressed) body,
    /// nested at most <paramref name="maxDepth"/> levels; a failure names it as <paramref name="what"/>.
    /// </summary>
    private async Task<(JsonDocument? Json, IResult? Refusal)> ReadAsync(HttpContext context, int maxDepth, string what)
    {
        var request = context.Request;
        if (ApiErrors.Refuse(authenticator.Authenticate(request), Role.Writer, context) is { } refused)
        {
            return (null, refused);
        }

        // Clients that send no Content-Type still send JSON; anything named otherwise is a mistake worth reporting.
        if (request.ContentType is { Length: > 0 } contentType
            && (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || !parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, Refuse(new HttpFailure(StatusCodes.Status415UnsupportedMediaType, ServerErrorCodes.UnsupportedMediaType,
                $"OpenLineage events are application/json; this body is '{contentType}'.")));
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var declared) && !JsonBody.IsUtf8(declared))
        {
            return (null, Refuse(new HttpFailure(StatusCodes.Status415UnsupportedMediaType, ServerErrorCodes.UnsupportedMediaType,
                $"OpenLineage events are UTF-8 JSON; this body is declared '{declared.Charset}'.")));
        }

        var (body, failure) = await RequestBodyReader.ReadAsync(context, _options.MaxBodyBytes).ConfigureAwait(false);
        if (failure is not null)
        {
            return (null, Refuse(failure));
        }

        var (json, invalid) = JsonBody.Parse(body!, repeatsJudgedLater: true, maxDepth: maxDepth, what: what);
        return invalid is null ? (json, null) : (null, Refuse(invalid));
    }

    /// <summary>
    /// A request refused as a whole (its body before any event was read from it, a batch that is no
    /// array or too long, a store that takes no writes), logged as refused events are: an emitter
    /// misconfigured (gzip twice, another media type, events past the size limit) loses every event
    /// it sends, and its operator looks for why in this server's log. Refused keys are not logged,
    /// so that a scan of the endpoint cannot fill the log.
    /// </summary>
    private IResult Refuse(HttpFailure failure)
    {
        // Shortened too: a refused media type quotes the caller's header, which may be kilobytes long.
        LogBodyRefused(logger, failure.Status, failure.Code, Texts.Shorten(Texts.OneLine(failure.Message), 1_000));
        return ApiErrors.Of(failure);
    }

    [LoggerMessage(1, LogLevel.Information, "OpenLineage event refused ({Code} at {Field}): {Message}")]
    private static partial void LogRefused(ILogger logger, string code, string? field, string message);

    [LoggerMessage(2, LogLevel.Information, "OpenLineage batch: {Failed} of {Count} events refused; the first, [{Index}], {Code}: {Message}")]
    private static partial void LogBatchFailures(ILogger logger, int failed, int count, int index, string code, string message);

    [LoggerMessage(3, LogLevel.Information, "OpenLineage request refused ({Status} {Code}): {Message}")]
    private static partial void LogBodyRefused(ILogger logger, int status, string code, string message);

    /// <summary>What one event (or a batch of them) changed, as the store counted it.</summary>
    private sealed record Stored(int EntitiesCreated, int EntitiesUpdated, int EntitiesUnchanged, int EdgesCreated, int EdgesUnchanged)
    {
        public static Stored From(WriteResult result) =>
            new(result.EntitiesCreated, result.EntitiesUpdated, result.EntitiesUnchanged, result.EdgesCreated, result.EdgesUnchanged);
    }

    private sealed record BatchReport(int Received, int Stored, int Failed, IReadOnlyList<EventFailure> Failures);

    private sealed record EventFailure(int Index, string Code, string Message, string? Field)
    {
        public static EventFailure From(int index, LineageException exception) => new(index, exception.Code, exception.Message, exception.Item);
    }
}
