using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

internal sealed class LineageQuery : ObjectGraphType
{
    public LineageQuery()
    {
        Name = "Query";

        Field<EntityInterface>("entity")
            .Description("The current entity with this key, or null.")
            .Argument<NonNullGraphType<StringGraphType>>("key", "kind:namespace:name@version, e.g. dataset:s3://bucket/path:events@2024-06-01")
            .Resolve(c => c.Loader().Load(c.KeyArgument("key")));

        Field<NodeInterface>("node")
            .Description("Relay: the entity with this global id, or null when it is gone; an id this server did not hand out is INVALID_INPUT.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(c => c.Loader().Load(GlobalIds.ToKey(c.GetArgument<string>("id"))));

        Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description($"Relay: the entities with these global ids (at most {EntityQuery.MaxFirst}), null where one is gone; fetched in one batch. An id this server did not hand out fails the field (INVALID_INPUT).")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .ResolveAsync(async c =>
            {
                var ids = c.GetArgument<List<string>>("ids");
                if (ids.Count > EntityQuery.MaxFirst)
                {
                    throw new LimitExceededException($"nodes takes at most {EntityQuery.MaxFirst} ids.");
                }

                var keys = ids.Select(GlobalIds.ToKey).ToList();
                var found = await c.Store().GetManyAsync(keys, null, c.CancellationToken).ConfigureAwait(false);
                return keys.Select(k => found.GetValueOrDefault(k)).ToList();
            });

        Field<NonNullGraphType<EntityConnectionType>>("entities")
            .Description("Current entities in key order, filtered, a page at a time.")
            .Argument<EntityKindGraphType>("kind")
            .Argument<StringGraphType>("namespace", "Exact namespace.")
            .Argument<StringGraphType>("nameStartsWith", "The start of the name, matched exactly (case counts).")
            .Argument<StringGraphType>("tag", "A tag the entity has, matched exactly (case counts).")
            .Argument<StringGraphType>("search", "Text found, ignoring case, in the namespace, name or description.")
            .Argument<IntGraphType>("first", $"Page size, 1 to {EntityQuery.MaxFirst}; default {EntityQuery.DefaultFirst}.")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .ResolveAsync(async c => await c.Store().ListAsync(
                new EntityQuery
                {
                    Kind = c.GetArgument<EntityKind?>("kind"),
                    Namespace = c.GetArgument<string?>("namespace"),
                    NameStartsWith = c.GetArgument<string?>("nameStartsWith"),
                    Tag = c.GetArgument<string?>("tag"),
                    Text = c.GetArgument<string?>("search"),
                    First = c.GetArgument("first", EntityQuery.DefaultFirst),
                    After = c.GetArgument<string?>("after"),
                },
                c.CancellationToken).ConfigureAwait(false));

        Walk(Field<NonNullGraphType<LineageGraphType>>("lineage"))
            .Description("A walk from an entity: upstream (what made it), downstream (what it feeds) or both.")
            .Argument<DirectionGraphType>("direction", "Default DOWNSTREAM.")
            .Argument<ListGraphType<NonNullGraphType<EntityKindGraphType>>>("kinds", "Kinds returned; the walk still passes through the others. Default: all.")
            .Argument<IntGraphType>("limit", "The most nodes returned, 1 to the server's cap (default cap 10000); more reachable sets truncated. Default 1000, or the server's Lineage:Traversal:DefaultLimit, or its cap when that is lower.")
            .ResolveAsync(async c =>
            {
                AnswerBudget.TakeWalk(c, c.GetArgument<int?>("limit"));
                return await c.Store().WalkAsync(
                new WalkRequest
                {
                    Start = c.KeyArgument("key"),
                    Direction = c.GetArgument("direction", Direction.Downstream),
                    MaxDepth = c.GetArgument<int?>("maxDepth"),
                    Relations = c.ListArgument<RelationKind>("relations"),
                    Kinds = c.ListArgument<EntityKind>("kinds"),
                    AsOf = c.GetArgument<DateTimeOffset?>("asOf"),
                    Limit = c.GetArgument<int?>("limit"),
                },
                c.CancellationToken).ConfigureAwait(false);
            });

        Walk(Field<NonNullGraphType<ImpactReportType>>("impact"))
            .Description("What breaks if this changes: the downstream closure by kind, affected models and deployments, a path to each deployment.")
            .ResolveAsync(async c => await c.Reports().ImpactAsync(
                c.KeyArgument("key"), c.GetArgument<int?>("maxDepth"), c.ListArgument<RelationKind>("relations"),
                c.GetArgument<DateTimeOffset?>("asOf"), c.CancellationToken).ConfigureAwait(false));

        Field<NonNullGraphType<ProvenanceReportType>>("provenance")
            .Description("What made this: the upstream closure by kind and a reproducibility verdict.")
            .Argument<NonNullGraphType<StringGraphType>>("key")
            .Argument<IntGraphType>("maxDepth", MaxDepthDescription)
            .Argument<ListGraphType<NonNullGraphType<RelationKindGraphType>>>(
                "relations", "Relations to follow; default: the lineage relations. Leaving out EXECUTED_IN, INPUT_TO, PRODUCED or DERIVES leaves the verdict NOT_CHECKED.")
            .Argument<DateTimeScalar>("asOf")
            .ResolveAsync(async c => await c.Reports().ProvenanceAsync(
                c.KeyArgument("key"), c.GetArgument<int?>("maxDepth"), c.ListArgument<RelationKind>("relations"),
                c.GetArgument<DateTimeOffset?>("asOf"), retiredUpstream: c.Selects("retiredUpstream", "retiredUpstreamTruncated"),
                c.CancellationToken).ConfigureAwait(false));

        Field<NonNullGraphType<PathsResultType>>("paths")
            .Description("Up to k shortest paths between two entities, looked for downstream of `from` first, then upstream.")
            .Argument<NonNullGraphType<StringGraphType>>("from")
            .Argument<NonNullGraphType<StringGraphType>>("to")
            .Argument<IntGraphType>("k", $"How many paths, 1 to {LineageReports.MaxPaths}; default 3.")
            .Argument<IntGraphType>("maxDepth", MaxDepthDescription)
            .Argument<ListGraphType<NonNullGraphType<RelationKindGraphType>>>("relations", RelationsDescription)
            .Argument<DateTimeScalar>("asOf", AsOfDescription)
            .ResolveAsync(async c => await c.Reports().PathsAsync(
                c.KeyArgument("from"), c.KeyArgument("to"), c.GetArgument("k", 3), c.GetArgument<int?>("maxDepth"),
                c.ListArgument<RelationKind>("relations"), c.GetArgument<DateTimeOffset?>("asOf"), c.CancellationToken).ConfigureAwait(false));

        Field<NonNullGraphType<DiffReportType>>("diff")
            .Description("How the upstream closures of two entities (typically two model versions) differ: inputs, hyperparameters, code, metrics. Both walks follow the lineage relations.")
            .Argument<NonNullGraphType<StringGraphType>>("a")
            .Argument<NonNullGraphType<StringGraphType>>("b")
            .Argument<IntGraphType>("maxDepth", MaxDepthDescription)
            .Argument<DateTimeScalar>("asOf", AsOfDescription)
            .ResolveAsync(async c => await c.Reports(walks: 2).DiffAsync(
                c.KeyArgument("a"), c.KeyArgument("b"), c.GetArgument<int?>("maxDepth"), c.GetArgument<DateTimeOffset?>("asOf"),
                c.CancellationToken).ConfigureAwait(false));
    }

    private const string MaxDepthDescription = "Hops, 1 to the server's cap (default cap 100); default 20, or the server's Lineage:Traversal:DefaultMaxDepth, or its cap when that is lower.";
    private const string RelationsDescription = "Relations to follow; default: the lineage relations (INPUT_TO, PRODUCED, EXECUTED_IN, CONFIGURED, DERIVES, DEPLOYED_AS).";
    private const string AsOfDescription = "Walk the graph as it stood at this instant.";

    private static FieldBuilder<object?, TReturn> Walk<TReturn>(FieldBuilder<object?, TReturn> field) => field
        .Argument<NonNullGraphType<StringGraphType>>("key", "The start entity's key.")
        .Argument<IntGraphType>("maxDepth", MaxDepthDescription)
        .Argument<ListGraphType<NonNullGraphType<RelationKindGraphType>>>("relations", RelationsDescription)
        .Argument<DateTimeScalar>("asOf", AsOfDescription);
}
