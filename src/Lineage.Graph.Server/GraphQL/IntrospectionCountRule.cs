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
/// copies of the schema. <c>__typename</c> is free too, and 200,000 aliases of it took two seconds of
/// the server's time; clients ask for it once per selection set that may hold several types, so a
/// document may ask for it <see cref="MaxTypenames"/> times.
/// </summary>
internal sealed class IntrospectionCountRule : ValidationRuleBase
{
    public const int MaxIntrospections = 20;

    public const int MaxTypenames = 1_000;

    private static readonly MatchingNodeVisitor<GraphQLDocument> Visitor = new((document, context) =>
    {
        var introspections = Count(document, ["__schema", "__type"]);
        var typenames = Count(document, ["__typename"]);
        var refusal = introspections > MaxIntrospections
            ? $"The document asks for __schema or __type {introspections} times; at most {MaxIntrospections} are allowed in one document."
            : typenames > MaxTypenames
            ? $"The document asks for __typename {typenames} times; at most {MaxTypenames} are allowed in one document."
            : null;
        if (refusal is not null)
        {
            context.ReportError(new ValidationError(context.Document.Source, null, refusal, document) { Code = ServerErrorCodes.Complexity });
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);

    private static int Count(ASTNode node, string[] names) => node switch
    {
        GraphQLDocument document => document.Definitions.Sum(d => Count(d, names)),
        GraphQLOperationDefinition operation => Count(operation.SelectionSet, names),
        GraphQLFragmentDefinition fragment => Count(fragment.SelectionSet, names),
        GraphQLSelectionSet set => set.Selections.Sum(s => Count(s, names)),
        GraphQLField field => (names.Contains(field.Name.StringValue) ? 1 : 0) + (field.SelectionSet is null ? 0 : Count(field.SelectionSet, names)),
        GraphQLInlineFragment inline => Count(inline.SelectionSet, names),
        _ => 0,
    };
}
