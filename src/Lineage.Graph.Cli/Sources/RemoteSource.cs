using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Sources;

/// <summary>
/// A Lineage.Graph server, over GraphQL: one POST to <c>{server}/graphql</c> per command (per
/// event when importing), the key as <c>Authorization: Bearer</c>. Answers are read back into
/// Core's types; errors become <see cref="CliException"/>s carrying the server's <c>extensions.code</c>.
/// </summary>
internal sealed class RemoteSource : ILineageSource
{
    /// <summary>
    /// The most entities one search request asks for. The server prices a connection by its page
    /// size: every field of <see cref="GraphQLDocuments.Search"/> costs about 89 points an entity,
    /// so its default budget of 50,000 allows pages of about 560. Half that leaves room for fields
    /// the document gains and for servers with a tighter budget; larger limits take several pages.
    /// </summary>
    private const int SearchPageSize = 250;

    /// <summary>The body length (in characters, each at least a byte) past which a request asks the server to go on (<c>Expect: 100-continue</c>).</summary>
    private const int ExpectContinueAbove = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public RemoteSource(Uri server, string? apiKey, HttpMessageHandler? handler)
    {
        // A server URL may name the endpoint itself or the site it lives on.
        var text = server.ToString().TrimEnd('/');
        _endpoint = new Uri(text.EndsWith("/graphql", StringComparison.Ordinal) ? text : text + "/graphql");
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(100);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public async Task<Entity> GetAsync(EntityKey key, CancellationToken cancellationToken)
    {
        var data = await PostAsync(GraphQLDocuments.Entity, new JsonObject { ["key"] = key.ToString() }, cancellationToken).ConfigureAwait(false);
        var entity = Answer(() => data.GetProperty("entity"));
        if (entity.ValueKind == JsonValueKind.Null)
        {
            // GraphQL's entity answers null; a walk from the key answers the store's NOT_FOUND, which
            // names the versions to ask for instead, as the embedded source's get does.
            await PostAsync(GraphQLDocuments.Missing, new JsonObject { ["key"] = key.ToString() }, cancellationToken).ConfigureAwait(false);
            throw new NotFoundException($"No entity {key}.");
        }

        return Answer(() => GraphQLAnswers.Entity(entity));
    }

    public async Task<EntityPage> SearchAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        // Checked here as the store checks it: fetched a page at a time, a limit past the cap would otherwise go through.
        query.Validate();
        var items = new List<Entity>(query.First);
        var page = await SearchPageAsync(query with { First = Math.Min(query.First, SearchPageSize) }, cancellationToken).ConfigureAwait(false);
        items.AddRange(page.Items);
        while (page.HasNextPage && items.Count < query.First)
        {
            var next = query with { First = Math.Min(query.First - items.Count, SearchPageSize), After = page.EndCursor };
            page = await SearchPageAsync(next, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
        }

        return page with { Items = items };
    }

    public async Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken)
    {
        var variables = new JsonObject
        {
            ["key"] = request.Start.ToString(),
            ["direction"] = Wire.Name(request.Direction),
            ["maxDepth"] = request.MaxDepth,
            ["relations"] = Names(request.Relations),
            ["kinds"] = Names(request.Kinds),
            ["asOf"] = Time(request.AsOf),
            ["limit"] = request.Limit,
        };
        var data = await PostAsync(GraphQLDocuments.Lineage, variables, cancellationToken).ConfigureAwait(false);
        return Answer(() => GraphQLAnswers.Walk(data.GetProperty("lineage")));
    }

    public async Task<ImpactReport> ImpactAsync(
        EntityKey key, int? maxDepth, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var variables = new JsonObject { ["key"] = key.ToString(), ["maxDepth"] = maxDepth, ["relations"] = Names(relations), ["asOf"] = Time(asOf) };
        var data = await PostAsync(GraphQLDocuments.Impact, variables, cancellationToken).ConfigureAwait(false);
        return Answer(() => GraphQLAnswers.Impact(data.GetProperty("impact")));
    }

    public async Task<ProvenanceReport> ProvenanceAsync(
        EntityKey key, int? maxDepth, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var variables = new JsonObject { ["key"] = key.ToString(), ["maxDepth"] = maxDepth, ["relations"] = Names(relations), ["asOf"] = Time(asOf) };
        var data = await PostAsync(GraphQLDocuments.Provenance, variables, cancellationToken).ConfigureAwait(false);
        return Answer(() => GraphQLAnswers.Provenance(data.GetProperty("provenance")));
    }

    public async Task<PathsResult> PathsAsync(
        EntityKey from, EntityKey to, int k, int? maxDepth, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf,
        CancellationToken cancellationToken)
    {
        var variables = new JsonObject
        {
            ["from"] = from.ToString(),
            ["to"] = to.ToString(),
            ["k"] = k,
            ["maxDepth"] = maxDepth,
            ["relations"] = Names(relations),
            ["asOf"] = Time(asOf),
        };
        var data = await PostAsync(GraphQLDocuments.Paths, variables, cancellationToken).ConfigureAwait(false);
        return Answer(() => GraphQLAnswers.Paths(data.GetProperty("paths")));
    }

    public async Task<DiffReport> DiffAsync(EntityKey a, EntityKey b, int? maxDepth, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var variables = new JsonObject { ["a"] = a.ToString(), ["b"] = b.ToString(), ["maxDepth"] = maxDepth, ["asOf"] = Time(asOf) };
        var data = await PostAsync(GraphQLDocuments.Diff, variables, cancellationToken).ConfigureAwait(false);
        return Answer(() => GraphQLAnswers.Diff(data.GetProperty("diff")));
    }

    public async Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken)
    {
        // Checked here as the embedded store checks it, item named alike: what the server would refuse is
        // refused without a round trip, and a value nested past what the request's JSON writer takes
        // (64 levels, where a property may have 32) fails its item rather than the whole import.
        // An item refused here is named without asking the server about the items before it, as that would
        // write them: over a server, an item that fails the checks of its own is named first (README).
        batch = batch.Validate();
        var data = await PostAsync(GraphQLDocuments.RecordEntities, new JsonObject { ["input"] = BatchJson.Write(batch) }, cancellationToken)
            .ConfigureAwait(false);
        var payload = Answer(() => data.GetProperty("recordEntities"));
        foreach (var error in Answer(() => payload.GetProperty("errors").EnumerateArray().ToList()))
        {
            var (item, message, code) = (Member(error, "item"), Member(error, "message"), Member(error, "code"));
            if (message is null || code is null || !ActsOn(code))
            {
                // An item error this CLI cannot act on (no message, no code, or a code it does not know) is the
                // server's failure to report, as with any answer of another shape: it stops the import.
                throw new CliException(CliErrorCodes.ServerError,
                    $"{_endpoint} answered an item error this CLI cannot read ({Texts.OneLine(Texts.Shorten(error.GetRawText(), 200))}): is it a Lineage.Graph server of this version?");
            }

            // The server's message starts with its item already, as a LineageException's does; the exception adds it again.
            if (item is not null && message.StartsWith(item + ": ", StringComparison.Ordinal))
            {
                message = message[(item.Length + 2)..];
            }

            // The server may name a member below the batch item (entities[1].properties.x, from its reading of the
            // input), where the embedded store names the item and the member in its message: answer as the store does.
            // An edge's end (edges[0].to) is an item the stores name themselves, the embedded one alike: it stays.
            if (item is not null && item.IndexOf("].", StringComparison.Ordinal) is var end and > 0 && WriteBatch.TryParseItem(item, out var list, out _)
                && !(list == "edges" && item[(end + 2)..] is "from" or "to"))
            {
                (item, message) = (item[..(end + 1)], $"{item[(end + 2)..]}: {message}");
            }

            throw new CliException(code, message, item);
        }

        return Answer(() => new WriteResult(
            payload.GetProperty("entitiesCreated").GetInt32(),
            payload.GetProperty("entitiesUpdated").GetInt32(),
            payload.GetProperty("entitiesUnchanged").GetInt32(),
            payload.GetProperty("edgesCreated").GetInt32(),
            payload.GetProperty("edgesUnchanged").GetInt32()));
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<EntityPage> SearchPageAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        var variables = new JsonObject
        {
            ["search"] = query.Text,
            ["kind"] = query.Kind is { } kind ? Wire.Name(kind) : null,
            ["first"] = query.First,
            ["after"] = query.After,
        };
        var data = await PostAsync(GraphQLDocuments.Search, variables, cancellationToken).ConfigureAwait(false);
        return Answer(() =>
        {
            var page = data.GetProperty("entities");
            var info = page.GetProperty("pageInfo");
            return new EntityPage(
                [.. page.GetProperty("nodes").EnumerateArray().Select(GraphQLAnswers.Entity)],
                info.GetProperty("endCursor").GetString(),
                info.GetProperty("hasNextPage").GetBoolean(),
                page.GetProperty("totalCount").GetInt32());
        });
    }

    /// <summary>
    /// Reads the data of a 200 answer. Data of another shape (a member missing, a key that is none, a
    /// proxy's or another server's JSON, an enum value or typed field this CLI does not know) is the server's
    /// failure, SERVER_ERROR (exit 4), not an internal error of the CLI (70) nor a bad key of the user's (6).
    /// </summary>
    private T Answer<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or JsonException
            or InvalidKeyException or InvalidInputException)
        {
            throw new CliException(CliErrorCodes.ServerError,
                $"{_endpoint} answered with data this CLI cannot read ({Texts.OneLine(Texts.Shorten(ex.Message, 200))}): is it a Lineage.Graph server of this version?");
        }
    }

    /// <summary>A member's text, or null when the element is no object, lacks the member, or holds something else there.</summary>
    private static string? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static JsonArray? Names<T>(IReadOnlyList<T>? values)
        where T : struct, Enum =>
        values is null ? null : new JsonArray([.. values.Select(v => JsonValue.Create(Wire.Name(v)))]);

    private static string? Time(DateTimeOffset? value) => value is { } time ? Wire.Time(time) : null;

    /// <summary>Sends one request and returns its <c>data</c>, or throws with the first error's code and message.</summary>
    private async Task<JsonElement> PostAsync(string query, JsonObject variables, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        // A body past the server's limit is refused (413) from its length, before it is read; sent whole
        // regardless, the server's early answer and close read here as a broken connection, an import item
        // too large as a server that cannot be reached. Asking first, as curl does past 1 MiB, lets it answer.
        request.Headers.ExpectContinue = body.Length > ExpectContinueAbove;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(CliErrorCodes.ServerUnreachable, $"Cannot reach the server at {_endpoint}: {ex.Message}", inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(CliErrorCodes.ServerUnreachable, $"The server at {_endpoint} did not answer within {_http.Timeout.TotalSeconds:0} s.", inner: ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var answer = Parse(text);
            var error = answer is { } parsed ? FirstError(parsed) : null;
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            if ((int)response.StatusCode >= 500)
            {
                // The server was reached and failed: not a network fault to look for, nor a fault of the request.
                throw new CliException(CliErrorCodes.ServerError, $"{_endpoint} answered {status}" + error switch
                {
                    (string code, var message) => $": {code}: {message}",
                    (null, var message) => $": {message}",
                    null => "; its log should say why.",
                });
            }

            var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            switch (error)
            {
                case (string errorCode, var errorMessage) when !ActsOn(errorCode):
                    // A code this CLI does not act on: a gateway's RATE_LIMITED on a 429, the server's own internal
                    // error, or a validation code from a server older than this CLI that does not know a field it
                    // asks for. The server's side failed or differs, as with a 5xx, rather than the CLI.
                    throw new CliException(CliErrorCodes.ServerError, $"{_endpoint} answered {status}: {errorCode}: {errorMessage}");
                case (string errorCode, var errorMessage):
                    throw new CliException(errorCode, errorMessage);
                case (null, var errorMessage) when refused:
                    throw new CliException("UNAUTHENTICATED", errorMessage);
                case (null, var errorMessage):
                    // An error without a code comes from something other than this server's GraphQL layer (a gateway's
                    // 429, another server at that address): the server's side failed, as with a 5xx.
                    throw new CliException(CliErrorCodes.ServerError, $"{_endpoint} answered {status}: {errorMessage}");
            }

            if (refused)
            {
                throw new CliException("UNAUTHENTICATED", $"The server at {_endpoint} refused the request ({(int)response.StatusCode}).");
            }

            return answer is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? data
                : throw NoGraphQLAnswer(response.StatusCode, status, text);
        }
    }

    /// <summary>
    /// An answer that is not GraphQL's: a refusal in something's own words (a gateway's 429 in plain
    /// text) is the server side failing, as a 5xx is; anything else (a 404, a 405 from a path that takes
    /// no POST, such as a Lineage.Graph server's own IDE files under /graphql/, a 200 page) most likely
    /// comes from something other than a Lineage.Graph endpoint at that address.
    /// </summary>
    private CliException NoGraphQLAnswer(HttpStatusCode code, string status, string text) =>
        (int)code >= 400 && code is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            ? new CliException(CliErrorCodes.ServerError, $"{_endpoint} answered {status} without a GraphQL answer: {Texts.OneLine(Texts.Shorten(text.Trim(), 200))}")
            : new CliException(CliErrorCodes.ServerUnreachable, $"{_endpoint} answered {status} without a GraphQL answer; is it a Lineage.Graph server?");

    private static JsonElement? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a code a server gave is one this CLI acts on: a code it knows, and not one of the CLI's own,
    /// which name what happened on this side (a server saying USAGE or INTERRUPTED would exit as a bad
    /// command line or a Ctrl-C).
    /// </summary>
    private static bool ActsOn(string code) =>
        ExitCodes.For(code) != ExitCodes.Internal
        && code is not (CliErrorCodes.Usage or CliErrorCodes.Interrupted or CliErrorCodes.ServerUnreachable or CliErrorCodes.ServerError
            or CliErrorCodes.OutputFailed);

    /// <summary>The code (<c>extensions.code</c>, when given) and message of a GraphQL answer's first error; null when it has none.</summary>
    private static (string? Code, string Message)? FirstError(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("errors", out var errors)
            || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            return null;
        }

        // Read leniently: a proxy or another server may answer with errors of another shape, and that is the server's
        // failure to report (SERVER_ERROR, or the code it gave), not the CLI's.
        var first = errors[0];
        var code = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("extensions", out var extensions) ? Member(extensions, "code") : null;
        var message = Member(first, "message")
            ?? (first.ValueKind == JsonValueKind.String ? first.GetString()! : "The server reported an error without a message.");
        return (code, message);
    }
}
