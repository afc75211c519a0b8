using GraphQLParser.AST;
using Lineage.Graph.Server.Hosting;

namespace Lineage.Graph.Server.Http;

/// <summary>Reads from a parsed document what an operation is and which role it needs, before it runs.</summary>
internal static class Operations
{
    /// <summary>Root mutation fields that need more than the writer role.</summary>
    private static readonly HashSet<string> AdminFields = ["retire", "purge"];

    /// <summary>The operation a request runs, or null when the document does not say (execution then reports it).</summary>
    public static GraphQLOperationDefinition? Select(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    /// <summary>
    /// Reader for queries, writer for mutations, admin for a mutation that selects an admin
    /// field anywhere among its root fields (fragments included). Without a known operation,
    /// the most any operation of the document needs.
    /// </summary>
    public static Role RequiredRole(GraphQLDocument document, GraphQLOperationDefinition? operation)
    {
        var candidates = operation is null ? document.Definitions.OfType<GraphQLOperationDefinition>() : [operation];
        var needed = Role.Reader;
        // Only mutations write. The schema has no subscriptions: one is refused as such (OPERATION_NOT_SUPPORTED),
        // rather than asking the caller for a writer's key to learn that.
        foreach (var candidate in candidates.Where(c => c.Operation == OperationType.Mutation))
        {
            var fields = RootFields(document, candidate.SelectionSet, []);
            var role = fields.Any(AdminFields.Contains) ? Role.Admin : Role.Writer;
            needed = role > needed ? role : needed;
        }

        return needed;
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
