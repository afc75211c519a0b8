using GraphQL;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>The services and argument parsing every resolver needs.</summary>
internal static class ResolveContextExtensions
{
    public static ILineageStore Store(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<ILineageStore>();

    /// <summary>The reports, once the field's <paramref name="walks"/> walks have taken their share of the operation's <see cref="AnswerBudget"/>.</summary>
    public static LineageReports Reports(this IResolveFieldContext context, int walks = 1)
    {
        AnswerBudget.TakeReport(context, walks);
        return context.RequestServices!.GetRequiredService<LineageReports>();
    }

    public static EntityLoader Loader(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<EntityLoader>();

    public static VersionsLoader Versions(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<VersionsLoader>();

    public static WalkLoader Walks(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<WalkLoader>();

    public static TraversalLimits Limits(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<TraversalLimits>();

    /// <summary>Parses a key argument; a bad key is <c>INVALID_KEY</c> naming the argument.</summary>
    public static EntityKey KeyArgument(this IResolveFieldContext context, string name) =>
        ParseKey(context.GetArgument<string>(name), name);

    public static EntityKey ParseKey(string? text, string item)
    {
        if (text is null)
        {
            throw new InvalidInputException("A key is required.", item);
        }

        try
        {
            return EntityKey.Parse(text);
        }
        catch (InvalidKeyException ex)
        {
            throw new InvalidKeyException(ex.Message, item);
        }
    }

    /// <summary>
    /// The instant a field reads the graph at: its own <c>asOf</c>, else that of the nearest enclosing field
    /// given one (a <c>lineage</c>, a report), else now. An entity in an answer as of an instant is read one
    /// hop further at that instant too: at the present it may be retired, and its neighbours not found.
    /// </summary>
    public static DateTimeOffset? AsOf(this IResolveFieldContext context)
    {
        for (var field = context; field is not null; field = field.Parent)
        {
            if (field.FieldDefinition.Arguments?.Find("asOf") is not null && field.GetArgument<DateTimeOffset?>("asOf") is { } asOf)
            {
                return asOf;
            }
        }

        return null;
    }

    public static IReadOnlyList<T>? ListArgument<T>(this IResolveFieldContext context, string name) =>
        context.GetArgument<List<T>?>(name);

    /// <summary>
    /// Whether the selection under this field (fragments merged) asks for any of <paramref name="fields"/>;
    /// true where GraphQL.NET cannot say (it knows no sub-fields of an abstract type), so nothing asked for is left out.
    /// </summary>
    public static bool Selects(this IResolveFieldContext context, params string[] fields) =>
        context.SubFields?.Values.Any(f => fields.Contains(f.FieldType.Name, StringComparer.Ordinal)) ?? true;
}
