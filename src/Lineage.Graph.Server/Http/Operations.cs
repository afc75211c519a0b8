using GraphQLParser.AST;
using Lineage.Graph.Server.Hosting;

namespace Lineage.Graph.Server.Http;

/// <summary>Reads from a parsed document what an operation is and which role it needs, before it runs.</summary>
internal static class Operations
{
    /// <summary>Root mutation fields that need more than the writer role.</summary>
    private static readonly HashSet<string> AdminFields = ["retire", "purge"];

    /// <summary>
    /// The operation a request runs, or null when the document does not say: several operations and no name, a
    /// name none has, or no operation at all. An empty name is no name, as GraphQL.NET takes it, so that the
    /// operation judged here is always the one that runs.
    /// </summary>
    public static GraphQLOperationDefinition? Select(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return string.IsNullOrEmpty(operationName)
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    /// <summary>
    /// Reader for queries, writer for mutations, admin for a mutation that selects an admin
    /// field anywhere among its root fields (fragments included). A request that selects no
    /// operation is refused before this is asked (GraphQLHttpHandler), so nothing it holds can run.
    /// </summary>
    public static Role RequiredRole(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        // Only mutations write. The schema has no subscriptions: one is refused as such (OPERATION_NOT_SUPPORTED),
        // rather than asking the caller for a writer's key to learn that.
        if (operation.Operation != OperationType.Mutation)
        {
            return Role.Reader;
        }

        return RootFields(document, operation.SelectionSet, []).Any(AdminFields.Contains) ? Role.Admin : Role.Writer;
    }

    private static IEnumerable<string> RootFields(GraphQLDocument document, GraphQLSelectionSet selections, HashSet<string> seenFragments)
    {
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field.Name.StringValue;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var name in RootFields(document, inline.SelectionSet, seenFragments))
                    {
                        yield return name;
                    }

                    break;
                case GraphQLFragmentSpread spread when seenFragments.Add(spread.FragmentName.Name.StringValue):
                    var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(f => f.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue);
                    if (fragment is not null)
                    {
                        foreach (var name in RootFields(document, fragment.SelectionSet, seenFragments))
                        {
                            yield return name;
                        }
                    }

                    break;
            }
        }
    }
}
