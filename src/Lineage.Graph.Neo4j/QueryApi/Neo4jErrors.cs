namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>Neo4j status codes this client acts on, and which of them are worth another attempt.</summary>
public static class Neo4jErrors
{
    /// <summary>Bad or missing credentials (HTTP 401).</summary>
    public const string Unauthorized = "Neo.ClientError.Security.Unauthorized";

    /// <summary>Valid credentials without the right to do this (HTTP 403).</summary>
    public const string Forbidden = "Neo.ClientError.Security.Forbidden";

    /// <summary>The configured database does not exist (HTTP 404).</summary>
    public const string DatabaseNotFound = "Neo.ClientError.Database.DatabaseNotFound";

    /// <summary>A write broke a uniqueness constraint: here, another transaction created the same key first.</summary>
    public const string ConstraintValidationFailed = "Neo.ClientError.Schema.ConstraintValidationFailed";

    /// <summary>A statement touched a node or relationship that another transaction deleted: here, a purge that committed while a write waited to lock the node.</summary>
    public const string EntityNotFound = "Neo.ClientError.Statement.EntityNotFound";

    /// <summary>
    /// Whether a statement that failed with <paramref name="code"/> was refused for a value the
    /// request carried rather than for the state of Neo4j: a value of the wrong type or out of a
    /// function's range, or one a schema rule cannot hold (such as a key too large for its index).
    /// The store's statements are fixed and linted, so these come from what a caller sent; sending
    /// the same again fails the same way. A broken uniqueness constraint is left out: here it means
    /// another writer created the same key first, which the write path handles.
    /// </summary>
    public static bool IsCausedByInput(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code switch
        {
            ConstraintValidationFailed => false,
            "Neo.ClientError.Statement.TypeError" or "Neo.ClientError.Statement.ArgumentError" => true,
            _ => code.StartsWith("Neo.ClientError.Schema.", StringComparison.Ordinal),
        };
    }

    /// <summary>
    /// Whether a statement that failed with <paramref name="code"/> may succeed when sent again
    /// unchanged: every <c>Neo.TransientError.*</c> except the two that mean the transaction
    /// was stopped on purpose, and the client errors that only say the cluster moved under us.
    /// This is the official drivers' rule, less the memory pool's refusal (see below).
    /// </summary>
    public static bool IsRetryable(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code switch
        {
            // Someone terminated the transaction (or the lock client); trying again would undo their decision.
            "Neo.TransientError.Transaction.Terminated" or "Neo.TransientError.Transaction.LockClientStopped" => false,

            // Our own statement is too large for the transaction memory pool (a batch at WriteBatch.MaxItems, a wide
            // walk): sent again it fails again, and every attempt would count towards opening the circuit for all callers.
            "Neo.TransientError.General.MemoryPoolOutOfMemoryError" => false,

            // Leader changes and expired auth caches: the next attempt reaches the new leader or re-authenticates.
            "Neo.ClientError.Cluster.NotALeader"
                or "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"
                or "Neo.ClientError.Security.AuthorizationExpired" => true,

            _ => code.StartsWith("Neo.TransientError.", StringComparison.Ordinal),
        };
    }
}
