using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Lineage.Graph.Core;
using Lineage.Graph.Server.GraphQL;
using Lineage.Graph.Server.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// <c>/graphql</c> per the GraphQL-over-HTTP specification: GET for queries, POST with
/// <c>application/json</c> (one request or a batch), the response media type chosen by
/// <c>Accept</c>, and the specification's status codes. Limits and roles are checked here,
/// before anything executes.
/// </summary>
internal sealed partial class GraphQLHttpHandler(
    IDocumentExecuter<LineageSchema> executer,
    IGraphQLTextSerializer serializer,
    LineageSchema schema,
    ApiKeyAuthenticator authenticator,
    IOptions<GraphQLLimitsOptions> limits,
    ILogger<GraphQLHttpHandler> logger)
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    private const string JsonMediaType = "application/json";

    /// <summary>The most errors one operation's answer lists (<see cref="WithFewErrors"/>).</summary>
    public const int MaxErrors = 100;

    private readonly GraphQLLimitsOptions _limits = limits.Value;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Query.ContainsKey("sdl"))
        {
            await WriteSdlAsync(context).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("query") && WantsHtml(request))
        {
            await GraphQLIde.ServeAsync(context).ConfigureAwait(false);
            return;
        }

        var mediaType = ChooseMediaType(request);
        if (mediaType is null)
        {
            await WriteErrorAsync(context, JsonMediaType, StatusCodes.Status406NotAcceptable, ServerErrorCodes.NotAcceptable,
                $"Accept must allow {GraphQLResponseMediaType} or {JsonMediaType}.").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(context, mediaType, StatusCodes.Status405MethodNotAllowed, ServerErrorCodes.MethodNotAllowed,
                "Use GET for queries or POST for anything.").ConfigureAwait(false);
            return;
        }

        // A caller who may run nothing is refused before the body is read, whatever it holds.
        var caller = authenticator.Authenticate(request);
        if (caller is null || caller.Role == Role.None)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(context, mediaType, StatusCodes.Status401Unauthorized, ServerErrorCodes.Unauthenticated, caller is null
                ? ApiKeyAuthenticator.Refusal(request)
                : "Send an API key ('Authorization: Bearer <key>' or 'X-Api-Key'); anonymous access is off.").ConfigureAwait(false);
            return;
        }

        var (requests, batched, failure) = HttpMethods.IsGet(request.Method)
            ? ReadQueryString(request)
            : await ReadBodyAsync(context).ConfigureAwait(false);
        if (failure is not null)
        {
            await WriteErrorAsync(context, mediaType, failure.Status, failure.Code, failure.Message).ConfigureAwait(false);
            return;
        }

        // One deadline for the whole request: a batch of ten operations each given its own ran up to ten times TimeoutSeconds.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(_limits.TimeoutSeconds));
        var results = new List<ExecutionResult>(requests!.Count);
        var status = StatusCodes.Status200OK;
        foreach (var one in requests)
        {
            var (result, oneStatus) = await ExecuteAsync(context, one, caller, mediaType, timeout).ConfigureAwait(false);
            results.Add(result);
            if (!batched)
            {
                status = oneStatus;
            }
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = "POST";
        }
        else if (status == StatusCodes.Status401Unauthorized)
        {
            // RFC 9110 (11.6.1): every 401 names the scheme that would let the request through.
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        context.Response.ContentType = $"{mediaType}; charset=utf-8";

        // Written to the body as UTF-8 as it is serialised: a large walk's answer is never held whole as a string.
        object answer = batched ? results : results[0];
        await serializer.WriteAsync(context.Response.Body, answer, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<(ExecutionResult Result, int Status)> ExecuteAsync(
        HttpContext context, RequestBody body, Caller caller, string mediaType, CancellationTokenSource timeout)
    {
        var requestError = mediaType == GraphQLResponseMediaType ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        if (body.Error is not null)
        {
            return (Error(ServerErrorCodes.InvalidRequest, body.Error), StatusCodes.Status400BadRequest);
        }

        if (DocumentShape.TextRefusal(body.Query!) is { } tooLong)
        {
            return (Error(ServerErrorCodes.Complexity, tooLong), requestError);
        }

        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(DocumentShape.WithNewlines(body.Query!));
        }
        catch (GraphQLParserException ex)
        {
            // Syntax errors and documents nested past the parser's depth alike: the request, not the server, is at fault.
            return (Error(ServerErrorCodes.ParseFailed, ex.Message), requestError);
        }

        if (DocumentShape.Refusal(document) is { } refusal)
        {
            return (Error(ServerErrorCodes.Complexity, refusal), requestError);
        }

        // Before authorization: a request that selects no operation runs nothing, and a caller without a key was
        // told to get an admin's for a two-operation document holding a purge when it had named neither.
        var operation = Operations.Select(document, body.OperationName);
        if (operation is null)
        {
            return !document.Definitions.OfType<GraphQLOperationDefinition>().Any()
                ? (Error(ServerErrorCodes.NoOperation, "The document holds no operation to run."), requestError)
                : string.IsNullOrEmpty(body.OperationName)
                    ? (Error(ServerErrorCodes.NoOperationName, "The document holds more than one operation: name the one to run in operationName."), requestError)
                    : (Error(ServerErrorCodes.InvalidOperationName, $"The document holds no operation named '{Texts.Shorten(body.OperationName, 200)}'."), requestError);
        }

        if (operation.Operation == OperationType.Subscription)
        {
            // GraphQL.NET's complexity analysis throws on an operation type the schema lacks, before validation can say so.
            return (Error(ServerErrorCodes.OperationNotSupported, "This server has no subscriptions; send a query or a mutation."), requestError);
        }

        if (operation.Operation == OperationType.Mutation && HttpMethods.IsGet(context.Request.Method))
        {
            return (Error(ServerErrorCodes.MethodNotAllowed, "Mutations need POST."), StatusCodes.Status405MethodNotAllowed);
        }

        var needed = Operations.RequiredRole(document, operation);
        if (caller.Role < needed)
        {
            // Without a key the caller has not said who it is yet, so it is asked to (401); a key with too low a role is denied (403).
            var role = needed.ToString().ToLowerInvariant();
            return caller.Anonymous
                ? (Error(ServerErrorCodes.Unauthenticated, $"This operation needs an API key with the {role} role ('Authorization: Bearer <key>' or 'X-Api-Key')."), StatusCodes.Status401Unauthorized)
                : (Error(ServerErrorCodes.Forbidden, $"This operation needs the {role} role; the key '{caller.Name}' has {caller.Role.ToString().ToLowerInvariant()}."), StatusCodes.Status403Forbidden);
        }

        Inputs? variables;
        try
        {
            variables = body.Variables is null ? null : serializer.Deserialize<Inputs>(body.Variables);
            if (variables is not null)
            {
                variables = JsonNumbers.Restore(variables, body.Variables!, operation, schema);
            }
        }
        catch (JsonException ex)
        {
            return (Error(ServerErrorCodes.InvalidRequest, $"variables: {ex.Message}"), StatusCodes.Status400BadRequest);
        }

        // A scope of its own for each operation, so that its loaders (the scoped services) answer as
        // of that operation: the operations of a batched request may write between one another.
        await using var scope = context.RequestServices.CreateAsyncScope();
        var saved = new SavedWrites();
        try
        {
            var result = await executer.ExecuteAsync(options =>
            {
                options.Query = body.Query;
                options.Document = document;
                options.OperationName = body.OperationName;
                options.Variables = variables;
                options.RequestServices = scope.ServiceProvider;
                options.User = context.User;
                options.CancellationToken = timeout.Token;
                options.UserContext = new Dictionary<string, object?>
                {
                    ["caller"] = caller,
                    [SavedWrites.UserContextKey] = saved,
                    [AnswerBudget.UserContextKey] = AnswerBudget.Of(context, _limits, context.RequestServices.GetRequiredService<TraversalLimits>()),
                };
            }).ConfigureAwait(false);
            return (WithFewErrors(result), result.Executed ? StatusCodes.Status200OK : requestError);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            LogTimeout(logger, _limits.TimeoutSeconds, caller.Name);

            // An answer without data is not 200 under graphql-response+json (GraphQL over HTTP, 6.4.2); application/json keeps 200.
            var status = mediaType == GraphQLResponseMediaType ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status200OK;
            // A write the store had confirmed stands, and the answer says so; one stopped while it ran is
            // rolled back by the embedded store (README: a Neo4j write cut off in flight may still commit).
            var stopped = $"The request ran longer than {_limits.TimeoutSeconds} s and was stopped";
            var message = operation?.Operation != OperationType.Mutation ? $"{stopped}."
                : saved.IsEmpty ? $"{stopped}; none of its writes had been confirmed saved."
                : $"{stopped}; the writes of {string.Join(", ", saved.Fields)} had been saved, and no later one was confirmed.";
            return (Error(ServerErrorCodes.Timeout, message), status);
        }
    }

    private (List<RequestBody>? Requests, bool Batched, HttpFailure? Failure) ReadQueryString(HttpRequest request)
    {
        var query = request.Query;
        if (query["query"].Count != 1)
        {
            return (null, false, new HttpFailure(StatusCodes.Status400BadRequest, ServerErrorCodes.InvalidRequest, "A GET request needs exactly one 'query' parameter."));
        }

        // As a JSON member given twice with different values (RepeatedMembers): which one was meant would be a guess.
        if (new[] { "operationName", "variables" }.FirstOrDefault(name => query[name].Count > 1) is { } repeated)
        {
            return (null, false, new HttpFailure(StatusCodes.Status400BadRequest, ServerErrorCodes.InvalidRequest, $"A GET request takes at most one '{repeated}' parameter."));
        }

        var variables = query["variables"].FirstOrDefault();
        var error = variables is null ? null : VariablesProblem(variables);
        return ([new RequestBody(query["query"].ToString(), query["operationName"].FirstOrDefault(), variables, error)], false, null);
    }

    private async Task<(List<RequestBody>? Requests, bool Batched, HttpFailure? Failure)> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, false, new HttpFailure(StatusCodes.Status415UnsupportedMediaType, ServerErrorCodes.UnsupportedMediaType,
                $"POST bodies must be {JsonMediaType}; this one is '{request.ContentType}'."));
        }

        if (!JsonBody.IsUtf8(contentType))
        {
            return (null, false, new HttpFailure(StatusCodes.Status415UnsupportedMediaType, ServerErrorCodes.UnsupportedMediaType,
                $"POST bodies must be UTF-8; this one is declared '{contentType.Charset}'."));
        }

        var (body, bodyFailure) = await RequestBodyReader.ReadAsync(context, _limits.MaxBodyBytes).ConfigureAwait(false);
        if (bodyFailure is not null)
        {
            return (null, false, bodyFailure);
        }

        var (parsed, jsonFailure) = JsonBody.Parse(body!);
        if (parsed is not { } json)
        {
            return (null, false, jsonFailure);
        }

        using (json)
        {
            switch (json.RootElement.ValueKind)
            {
                case JsonValueKind.Object:
                    return ([RequestBody.From(json.RootElement)], false, null);
                case JsonValueKind.Array when json.RootElement.GetArrayLength() == 0:
                    return (null, true, new HttpFailure(StatusCodes.Status400BadRequest, ServerErrorCodes.InvalidRequest, "A batch needs at least one request."));
                case JsonValueKind.Array when json.RootElement.GetArrayLength() > _limits.MaxBatchSize:
                    return (null, true, new HttpFailure(StatusCodes.Status400BadRequest, ServerErrorCodes.BatchTooLarge,
                        $"A batch holds at most {Texts.Count(_limits.MaxBatchSize, "request")}; this one has {json.RootElement.GetArrayLength()}."));
                case JsonValueKind.Array:
                    return ([.. json.RootElement.EnumerateArray().Select(RequestBody.From)], true, null);
                default:
                    return (null, false, new HttpFailure(StatusCodes.Status400BadRequest, ServerErrorCodes.InvalidRequest, "The body must be a JSON object (or an array of them)."));
            }
        }
    }

    private async Task WriteSdlAsync(HttpContext context)
    {
        var caller = authenticator.Authenticate(context.Request);
        if (caller is null || caller.Role == Role.None)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(context, JsonMediaType, StatusCodes.Status401Unauthorized, ServerErrorCodes.Unauthenticated,
                caller is null ? ApiKeyAuthenticator.Refusal(context.Request) : "Send an API key to read the schema.").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(SchemaText.Of(schema), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteErrorAsync(HttpContext context, string mediaType, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = $"{mediaType}; charset=utf-8";
        await context.Response.WriteAsync(serializer.Serialize(Error(code, message)), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The result with at most <see cref="MaxErrors"/> of its errors, and one more saying how many were
    /// left out. Validation reports every fault of a document: 20,000 unknown arguments (220 KB) answered
    /// 3.8 MB of errors. A client acts on the first few; the rest only cost the server and the network.
    /// </summary>
    private static ExecutionResult WithFewErrors(ExecutionResult result)
    {
        if (result.Errors is not { Count: > MaxErrors } errors)
        {
            return result;
        }

        var kept = new ExecutionErrors();
        foreach (var error in errors.Take(MaxErrors))
        {
            kept.Add(error);
        }

        kept.Add(new ExecutionError($"{errors.Count - MaxErrors} more errors were left out; this server reports at most {MaxErrors} for an operation.")
        {
            Code = ServerErrorCodes.ErrorsLeftOut,
        });
        result.Errors = kept;
        return result;
    }

    private static ExecutionResult Error(string code, string message) =>
        new() { Errors = [new ExecutionError(message) { Code = code }] };

    /// <summary>
    /// The response type: graphql-response+json when the client lists it first or alone,
    /// application/json when it asks for that (or sends no Accept, as the specification says),
    /// null when it accepts neither.
    /// </summary>
    private static string? ChooseMediaType(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0)
        {
            return JsonMediaType;
        }

        foreach (var type in accepted.Where(a => a.Quality is not 0).OrderByDescending(a => a.Quality ?? 1))
        {
            var name = type.MediaType.Value ?? "";
            if (name.Equals(GraphQLResponseMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseMediaType;
            }

            if (name.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase) || name is "*/*" || name.Equals("application/*", StringComparison.OrdinalIgnoreCase))
            {
                return JsonMediaType;
            }
        }

        return null;
    }

    private static bool WantsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why a GET's variables cannot be read, as a POST body holding them would be refused: not JSON or
    /// nested past 64 levels, a member name given twice, not an object (or null), or a string that is
    /// not well-formed Unicode; null when they can. GraphQL.NET's reader, left to find these, answered
    /// .NET's own wording ("An item with the same key has already been added").
    /// </summary>
    private static string? VariablesProblem(string json)
    {
        var (parsed, failure) = JsonBody.Parse(Encoding.UTF8.GetBytes(json), what: "'variables'");
        using var document = parsed;
        if (failure is not null)
        {
            return failure.Message;
        }

        var root = document!.RootElement;
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return "'variables' must be a JSON object.";
        }

        return Core.JsonText.FindMalformed(root, "variables") is { } malformed
            ? $"'{malformed}' is not well-formed Unicode text (invalid UTF-8 or an unpaired surrogate)."
            : null;
    }

    [LoggerMessage(1, LogLevel.Warning, "A GraphQL request of {Caller} ran past {Seconds} s and was stopped")]
    private static partial void LogTimeout(ILogger logger, int seconds, string caller);
}
