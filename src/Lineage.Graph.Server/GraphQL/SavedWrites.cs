using System.Collections.Concurrent;
using GraphQL;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// The mutation fields of one operation whose writes the store has committed, so that an operation
/// stopped by its timeout can say which of its writes were saved. On the embedded store a write
/// stopped while it runs is rolled back, so a field is here exactly when its write stands; on Neo4j
/// a write cut off in flight may still commit without being here.
/// </summary>
internal sealed class SavedWrites
{
    /// <summary>The key of the operation's instance in its user context.</summary>
    public const string UserContextKey = "savedWrites";

    private readonly ConcurrentQueue<string> _fields = new();

    public bool IsEmpty => _fields.IsEmpty;

    /// <summary>The fields, by the name they answer under (their alias, if any), in the order their writes were committed.</summary>
    public IReadOnlyList<string> Fields => [.. _fields];

    /// <summary>Records that the field being resolved has had its write committed.</summary>
    public static void Record(IResolveFieldContext context)
    {
        if (context.UserContext.TryGetValue(UserContextKey, out var saved) && saved is SavedWrites writes)
        {
            writes._fields.Enqueue(context.FieldAst.Alias?.Name.StringValue ?? context.FieldAst.Name.StringValue);
        }
    }
}
