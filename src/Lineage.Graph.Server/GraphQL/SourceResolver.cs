using GraphQL;
using GraphQL.Resolvers;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// A field read from its parent object alone. GraphQL.NET's typed resolvers first wrap each
/// call's context in a typed adapter; a large walk's answer resolves tens of thousands of such
/// fields, so the fields of walk nodes, edges and entities skip the adapter.
/// </summary>
internal sealed class SourceResolver<TSource>(Func<TSource, object?> read) : IFieldResolver
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context) => new(read((TSource)context.Source!));
}
