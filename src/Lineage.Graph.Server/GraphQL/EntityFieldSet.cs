using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// The fields every entity has, declared once: the <c>Entity</c> interface takes them without
/// resolvers, each kind's type with them.
/// </summary>
internal static class EntityFieldSet
{
    /// <summary>The most one-hop neighbours a field returns when it names no <c>first</c>.</summary>
    private const int DefaultNeighbours = 100;

    public static void AddCommon(IComplexGraphType type, bool withResolvers)
    {
        foreach (var field in Common())
        {
            if (!withResolvers)
            {
                field.Resolver = null;
            }

            type.AddField(field);
        }
    }

    private static IEnumerable<FieldType> Common()
    {
        yield return Field<NonNullGraphType<IdGraphType>>("id", "Relay global id.", e => GlobalIds.For(e));
        yield return Field<NonNullGraphType<StringGraphType>>("key", "The typeable key: kind:namespace:name@version.", e => e.Key.ToString());
        yield return Field<NonNullGraphType<EntityKindGraphType>>("kind", null, e => e.Kind);
        yield return Field<NonNullGraphType<StringGraphType>>("namespace", null, e => e.Namespace);
        yield return Field<NonNullGraphType<StringGraphType>>("name", null, e => e.Name);
        yield return Field<StringGraphType>("version", null, e => e.Version);
        yield return Field<StringGraphType>("description", null, e => e.Description);
        yield return Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags", null, e => e.Tags);
        yield return Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("owners", null, e => e.Owners);
        yield return new FieldType
        {
            Name = "properties",
            Description = "Free-form JSON object.",
            Type = typeof(NonNullGraphType<JsonGraphType>),
            Resolver = new FuncFieldResolver<Entity, object?>(c => AnswerBudget.TakeJson(c, c.Source.Properties)),
        };
        yield return Field<NonNullGraphType<DateTimeScalar>>("recordedAt", "When first written.", e => e.RecordedAt);
        yield return Field<NonNullGraphType<DateTimeScalar>>("updatedAt", "When a write last changed it.", e => e.UpdatedAt);
        yield return Field<DateTimeScalar>("retiredAt", "Set once retired; retired entities are visible to asOf queries only.", e => e.RetiredAt);
        yield return Neighbours("upstream", Direction.Upstream, "One hop against the flow of data: what this was made from.");
        yield return Neighbours("downstream", Direction.Downstream, "One hop along the flow of data: what this feeds.");
        yield return LoadedField<EntityInterface>("previousVersion", "The version before this one (NEXT_VERSION). Where several lead to it (versions merged), the first by key; upstream(relations: [NEXT_VERSION]) lists them all.",
            c => OneHop(c, Direction.Upstream, RelationKind.NextVersion));
        yield return LoadedField<EntityInterface>("nextVersion", "The version after this one (NEXT_VERSION). Where several follow it (a branch), the first by key; downstream(relations: [NEXT_VERSION]) lists them all.",
            c => OneHop(c, Direction.Downstream, RelationKind.NextVersion));
        yield return Versions();
    }

    /// <summary>
    /// The <c>versions</c> field: whole, or the newest <c>last</c>. An entity with more versions than
    /// one field may return (<see cref="TraversalLimits.LimitCap"/>) is refused rather than cut short,
    /// with the argument that bounds it named; nothing is silently left out.
    /// </summary>
    private static FieldType Versions()
    {
        var field = LoadedField<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>(
            "versions",
            "Every current version of this entity (same kind, namespace and name), oldest first (by recordedAt, then key); "
            + "with last, the newest last of them, still oldest first. An entity with more versions than Lineage:Traversal:LimitCap is refused without last.",
            c =>
            {
                var cap = c.Limits().LimitCap;
                var last = c.GetArgument<int?>("last");
                if (last is < 1 || last > cap)
                {
                    throw new LimitExceededException($"must be between 1 and {cap}; it was {last}.", "last");
                }

                // Without last, one more than the cap tells a list past it from one at it, without reading the rest.
                var key = c.Source.Key;
                return c.Versions().Load<IReadOnlyList<Entity>>((key.Logical, last ?? cap + 1), versions => (versions ?? [], last) switch
                {
                    (var all, null) when all.Count > cap => throw new LimitExceededException(
                        $"{key} has more than {cap} versions, more than one field returns at once; ask for the newest with versions(last: n), n at most {cap}.", "last"),
                    (var all, _) => Taken(c, all),
                });
            });
        field.Arguments = new QueryArguments(
            new QueryArgument<IntGraphType> { Name = "last", Description = "The newest versions to return, at most Lineage:Traversal:LimitCap; default: every version." });

        // The complexity analyzer counts a list without first or last as 5 items; versions can be
        // thousands, and nesting them (versions { versions { ... } }) multiplies that, so a document
        // is charged for what it may really get: last when given, else as many as a neighbour list.
        field.WithComplexityImpact(context => new FieldComplexityResult(1, Charged(context, "last")));
        return field;
    }

    /// <summary>
    /// The versions one field answers, once they have taken their count from the request's walk budget.
    /// The versions of an entity's other versions are one list, read once for the whole level, so what
    /// grows is the answer: inside a walk's answer of 3,000 versions of one dataset, each node listing all
    /// 3,000 answered 270 MB, which the complexity analysis priced as a few nodes of 100 versions each.
    /// Taken after the read, as the count is known only then, and before the list's items are resolved.
    /// </summary>
    private static IReadOnlyList<Entity> Taken(IResolveFieldContext context, IReadOnlyList<Entity> versions)
    {
        AnswerBudget.TakeHop(context, versions.Count, "last");
        return versions;
    }

    /// <summary>
    /// The items a list field is charged for: its <c>first</c> or <c>last</c>, else <see cref="DefaultNeighbours"/>,
    /// and at least one: a negative count (refused when the field runs) would otherwise lower the
    /// charge of the whole document, and let the rest of it past the complexity limit. A count past
    /// the cap is charged as the cap, so that the field runs and refuses it with LIMIT_EXCEEDED naming
    /// the argument, rather than the whole document being refused as too complex.
    /// </summary>
    private static int Charged(FieldImpactContext context, string argument)
    {
        var cap = context.ValidationContext.RequestServices!.GetRequiredService<TraversalLimits>().LimitCap;
        return context.GetArgument<int?>(argument) is { } count ? Math.Clamp(count, 1, cap) : DefaultNeighbours;
    }

    /// <summary>The <c>first</c> argument as a walk's limit, refused in its own name: the walk's refusal would name <c>limit</c>, which this field does not have.</summary>
    private static int First(IResolveFieldContext<Entity> context)
    {
        var cap = context.Limits().LimitCap;
        var first = context.GetArgument<int?>("first");
        if (first is null)
        {
            return Math.Min(DefaultNeighbours, cap);
        }

        return first >= 1 && first <= cap ? first.Value : throw new LimitExceededException($"must be between 1 and {cap}; it was {first}.", "first");
    }

    private static FieldType Neighbours(string name, Direction direction, string description)
    {
        var field = LoadedField<NonNullGraphType<ListGraphType<NonNullGraphType<NeighbourType>>>>(name, description, c =>
        {
            var first = First(c);
            AnswerBudget.TakeHop(c, first, "first");
            var request = new WalkRequest
            {
                Start = c.Source.Key,
                Direction = direction,
                MaxDepth = 1,
                Relations = c.ListArgument<RelationKind>("relations"),
                Kinds = c.ListArgument<EntityKind>("kinds"),
                AsOf = c.AsOf(),
                Limit = first,
            };
            return c.Walks().Load(request, walk => walk is null ? [] : Neighbour.From(walk, request));
        });
        field.Arguments = new QueryArguments(
            new QueryArgument<ListGraphType<NonNullGraphType<RelationKindGraphType>>> { Name = "relations", Description = "Relations to follow; default: the lineage relations." },
            new QueryArgument<ListGraphType<NonNullGraphType<EntityKindGraphType>>> { Name = "kinds", Description = "Kinds to return; default: all." },
            new QueryArgument<DateTimeScalar> { Name = "asOf", Description = "The instant to read the graph at; default: the asOf of the enclosing lineage or report, else now." },
            new QueryArgument<IntGraphType> { Name = "first", Description = $"The most entities returned, 1 to the server's limit cap (default cap 10000), default {DefaultNeighbours}; an entity joined by several relations is listed once for each." });

        // Charged for what it returns when first is left out (DefaultNeighbours), not the analyzer's 5 for a list without first.
        field.WithComplexityImpact(context => new FieldComplexityResult(1, Charged(context, "first")));
        return field;
    }

    private static FieldType Field<TGraphType>(string name, string? description, Func<Entity, object?> read)
        where TGraphType : IGraphType => new()
        {
            Name = name,
            Description = description,
            Type = typeof(TGraphType),
            Resolver = new SourceResolver<Entity>(read),
        };

    /// <summary>A field whose resolver returns a loader's result (<see cref="WalkLoader"/>, <see cref="VersionsLoader"/>), which GraphQL.NET awaits once the whole level has asked.</summary>
    private static FieldType LoadedField<TGraphType>(string name, string? description, Func<IResolveFieldContext<Entity>, object?> resolve)
        where TGraphType : IGraphType => new()
        {
            Name = name,
            Description = description,
            Type = typeof(TGraphType),
            Resolver = new FuncFieldResolver<Entity, object?>(resolve),
        };

    /// <summary>
    /// The first entity one hop away along one relation (a version's neighbour, a run's job or
    /// parent), through the operation's <see cref="WalkLoader"/>, so that a list asks for them together.
    /// </summary>
    public static IDataLoaderResult<Entity?> OneHop(IResolveFieldContext<Entity> context, Direction direction, RelationKind relation)
    {
        AnswerBudget.TakeHop(context, 1, item: null);
        return context.Walks().Load(
            new WalkRequest { Start = context.Source.Key, Direction = direction, MaxDepth = 1, Relations = [relation], AsOf = context.AsOf(), Limit = 1 },
            walk => walk?.Nodes.Count is null or 0 ? null : walk.Nodes[0].Entity);
    }
}
