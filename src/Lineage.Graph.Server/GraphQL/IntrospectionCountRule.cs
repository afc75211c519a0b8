using GraphQL.Validation;
using GraphQLParser.AST;
using Lineage.Graph.Server.Http;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Introspection costs nothing in the complexity analysis (<see cref="LineageSchema"/>), and
/// <see cref="IntrospectionDepthRule"/> bounds how deep one introspection goes, but not how often a
/// document repeats it: two thousand aliases of a full <c>__schema</c> made a 72 MB answer from a
/// 177 KB request. This rule refuses a document with more than <see cref="MaxIntrospections"/>
/// <c>__schema</c> and <c>__type</c> fields in all, fragments included. A full introspection is one, and
/// Banana Cake Pop's two-phase introspection probes features with six; twenty bound an answer to twenty
/// copies of the schema.
/// </summary>
internal sealed class IntrospectionCountRule : ValidationRuleBase
{
    public const int MaxIntrospections = 20;

    private static readonly MatchingNodeVisitor<GraphQLDocument> Visitor = new((document, context) =>
    {
        var count = Count(document);
        if (count > MaxIntrospections)
        {
            context.ReportError(new ValidationError(context.Document.Source, null,
                $"The document asks for __schema or __type {count} times; at most {MaxIntrospections} are allowed in one document.", document)
            {
                Code = ServerErrorCodes.Complexity,
            });
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);

    private static int Count(ASTNode node) => node switch
    {
        GraphQLDocument document => document.Definitions.Sum(Count),
        GraphQLOperationDefinition operation => Count(operation.SelectionSet),
        GraphQLFragmentDefinition fragment => Count(fragment.SelectionSet),
        GraphQLSelectionSet set => set.Selections.Sum(Count),
        GraphQLField field => (field.Name.StringValue is "__schema" or "__type" ? 1 : 0) + (field.SelectionSet is null ? 0 : Count(field.SelectionSet)),
        GraphQLInlineFragment inline => Count(inline.SelectionSet),
        _ => 0,
    };
}
