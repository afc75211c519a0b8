using System.Net;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// Neo4j refused or failed a statement with a status code (<c>errors[].code</c> in its answer).
/// The store translates it into the Core exception family; nothing above the store sees it.
/// </summary>
public sealed class Neo4jException : Exception
{
    /// <summary>Creates the exception for one Neo4j error.</summary>
    /// <param name="code">The Neo4j status code, such as <c>Neo.ClientError.Statement.SyntaxError</c>.</param>
    /// <param name="serverMessage">The message Neo4j sent with it.</param>
    /// <param name="statusCode">The HTTP status of the answer, when there was one.</param>
    /// <param name="inner">The failure that caused this one, if any.</param>
    public Neo4jException(string code, string serverMessage, HttpStatusCode? statusCode = null, Exception? inner = null)
        : base($"{code}: {serverMessage}", inner)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(serverMessage);
        Code = code;
        ServerMessage = serverMessage;
        StatusCode = statusCode;
    }

    /// <summary>The Neo4j status code, such as <c>Neo.ClientError.Statement.SyntaxError</c>.</summary>
    public string Code { get; }

    /// <summary>The message Neo4j sent with the code.</summary>
    public string ServerMessage { get; }

    /// <summary>The HTTP status of the answer that carried the error (202 when it arrived after data).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether the same statement may succeed if sent again (<see cref="Neo4jErrors.IsRetryable"/>).</summary>
    public bool IsTransient => Neo4jErrors.IsRetryable(Code);
}
