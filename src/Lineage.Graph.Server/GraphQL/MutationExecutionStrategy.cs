using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Runs a mutation's top-level fields one after another, each with everything below it, its
/// loaders included, and each in a service scope of its own, so that its payload is the graph as
/// that field left it. GraphQL.NET's serial strategy resolves loader results only once every
/// top-level field has run: a payload's loaded fields (versions, neighbours, a run's job) showed
/// the writes of the fields after it, and loaders shared across fields would have shown the graph
/// before them. Within one field, a level's loaded fields still go to the store together.
/// </summary>
internal sealed class MutationExecutionStrategy : SerialExecutionStrategy
{
    public override async Task ExecuteNodeTreeAsync(ExecutionContext context, ExecutionNode rootNode)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (rootNode is not RootExecutionNode root || context.RequestServices is not { } services)
        {
            await base.ExecuteNodeTreeAsync(context, rootNode).ConfigureAwait(false);
            return;
        }

        var fields = new List<ExecutionNode>();
        root.ApplyToChildren((field, list) => list.Add(field), fields);
        try
        {
            foreach (var field in fields)
            {
                await using var scope = services.CreateAsyncScope();
                context.RequestServices = scope.ServiceProvider;
                await base.ExecuteNodeTreeAsync(context, field).ConfigureAwait(false);
            }
        }
        finally
        {
            context.RequestServices = services;
        }
    }
}
