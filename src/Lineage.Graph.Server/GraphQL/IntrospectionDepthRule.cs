using GraphQL.Validation;
using GraphQLParser.AST;
using Lineage.Graph.Server.Http;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Introspection costs nothing in the complexity analysis (<see cref="LineageSchema"/>), so that
/// an IDE's full introspection runs however large the schema grows. Its type graph has cycles,
/// though (<c>__Type.fields</c> → <c>__Field.type</c> → <c>__Type.fields</c> …), and a document
/// that walks them would multiply its answer with every level. This rule, as graphql-js's
/// MaxIntrospectionDepthRule, refuses an introspection that nests the list fields
/// <c>fields</c>, <c>inputFields</c>, <c>interfaces</c> or <c>possibleTypes</c> three deep,
/// which no client's introspection query does.
/// </summary>
internal sealed class IntrospectionDepthRule : ValidationRuleBase
{
    private const int MaxListDepth = 3;

    private static readonly HashSet<string> TypeLists = ["fields", "inputFields", "interfaces", "possibleTypes"];

    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        if (field.Name.StringValue is "__schema" or "__type" && TooDeep(field, context.Document, [], 0))
        {
            context.ReportError(new ValidationError(context.Document.Source, null,
                $"The introspection nests {string.Join(", ", TypeLists)} {MaxListDepth} or more levels deep; full introspection needs fewer.", field)
            {
                Code = ServerErrorCodes.DocumentTooDeep,
            });
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);

    private static bool TooDeep(ASTNode node, GraphQLDocument document, HashSet<string> fragments, int depth)
    {
        GraphQLSelectionSet? selections;
        switch (node)
        {
            case GraphQLFragmentSpread spread:
                // A fragment cycle is reported by its own rule; here it only must not loop.
                var name = spread.FragmentName.Name.StringValue;
                var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name.StringValue == name);
                if (fragment is null || !fragments.Add(name))
                {
                    return false;
                }

                try
                {
                    return TooDeep(fragment, document, fragments, depth);
                }
                finally
                {
                    fragments.Remove(name);
                }

            case GraphQLField field:
                if (TypeLists.Contains(field.Name.StringValue) && ++depth >= MaxListDepth)
                {
                    return true;
                }

                selections = field.SelectionSet;
                break;
            case GraphQLInlineFragment inline:
                selections = inline.SelectionSet;
                break;
            case GraphQLFragmentDefinition definition:
                selections = definition.SelectionSet;
                break;
            default:
                return false;
        }

        return selections is not null && selections.Selections.Any(s => TooDeep(s, document, fragments, depth));
    }
}
