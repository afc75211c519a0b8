using GraphQL;
using GraphQL.Execution;
using Lineage.Graph.Core;
using Lineage.Graph.Server.Http;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Errors as HotChocolate users expect them: <c>extensions.code</c> with a stable code (and
/// <c>extensions.item</c> for a batch item), nothing else; exception details only in Development, and only for an internal error.
/// </summary>
internal sealed partial class LineageErrorInfoProvider(bool development) : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = development })
{
    /// <summary>Longer than any message of ours; a message past it is one that quotes a client's input.</summary>
    private const int MaxMessageLength = 4_000;

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        var extensions = new Dictionary<string, object?> { ["code"] = executionError.Code ?? ServerErrorCodes.Internal };
        if (executionError.Data.Contains("item"))
        {
            extensions["item"] = executionError.Data["item"];
        }

        // Only a failure nobody planned for carries its stack trace: an error of ours (INVALID_KEY) says
        // all there is in its message, and a trace on each made Development answers hard to read.
        if (development && executionError.Code == ServerErrorCodes.Internal && info.Extensions?.TryGetValue("details", out var details) == true)
        {
            extensions["details"] = details;
        }

        // GraphQL.NET's messages quote what was sent (an unknown enum value of 3 MB): the answer quotes a part of it.
        return new ErrorInfo { Message = Texts.Shorten(info.Message, MaxMessageLength), Extensions = extensions };
    }

    /// <summary>
    /// Turns a resolver's exception into the error clients see: its code and message when it is
    /// ours, a generic <c>INTERNAL_SERVER_ERROR</c> otherwise, whose exception goes to the log
    /// (and to <c>extensions.details</c> in Development) but never its type or message to the client.
    /// </summary>
    public static void Translate(UnhandledExceptionContext context, ILogger logger)
    {
        var original = context.OriginalException;
        if (original is LineageException lineage)
        {
            var error = new ExecutionError(lineage.Message, lineage) { Code = lineage.Code };
            if (lineage.Item is not null)
            {
                error.Data["item"] = lineage.Item;
            }

            context.Exception = error;
        }
        else if (original is OperationCanceledException)
        {
            context.Exception = new ExecutionError("The request was stopped.", original) { Code = ServerErrorCodes.Timeout };
        }
        else
        {
            LogUnexpected(logger, original, context.FieldContext?.Path is { } path ? string.Join('.', path) : "(document)");

            // Set explicitly, or GraphQL.NET names the code after the exception's type (INVALID_OPERATION), which tells the client what failed.
            context.Exception = new ExecutionError("Internal error; the server log has the details.", original) { Code = ServerErrorCodes.Internal };
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Unexpected failure while resolving {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
