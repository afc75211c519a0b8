using GraphQL.Types;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

internal sealed class LineageGraphType : ObjectGraphType<WalkResult>
{
    public LineageGraphType()
    {
        Name = "LineageGraph";
        Description = "The answer to a walk: nodes by (depth, kind, key), the edges the walk followed between them, and whether more was reachable.";
        Field<NonNullGraphType<EntityInterface>>("start").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageNodeType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageEdgeType>>>>("edges").Resolve(c => EdgeView.Of(c.Source));
        Field<NonNullGraphType<BooleanGraphType>>("truncated").Description("More nodes were reachable than the limit let through.").Resolve(c => c.Source.Truncated);
        Field<NonNullGraphType<IntGraphType>>("nodesVisited")
            .Description("Nodes the breadth-first walk visited, the start included: every node within the depth it stopped at, which is maxDepth or, when the answer is truncated, "
                + "the depth of the first node past the limit (no deeper node could make the cut). Both stores count alike. "
                + "A BOTH walk adds each direction's, the start once, so any other node reached both ways counts twice.")
            .Resolve(c => c.Source.NodesVisited);
        Field<NonNullGraphType<IntGraphType>>("edgesVisited")
            .Description("Edges the walk followed: each edge of the allowed relations, current at asOf, that leaves a node it visited above the depth it stopped at, "
                + "whether or not it led to a new node (a self-loop, or an edge closing a cycle, counts). A BOTH walk adds each direction's.")
            .Resolve(c => c.Source.EdgesVisited);
    }
}

internal sealed class LineageNodeType : ObjectGraphType<WalkNode>
{
    public LineageNodeType()
    {
        Name = "LineageNode";
        Field<NonNullGraphType<EntityInterface>>("entity").Resolve(new SourceResolver<WalkNode>(n => n.Entity));
        Field<NonNullGraphType<IntGraphType>>("depth").Description("Shortest hop distance from the start.").Resolve(new SourceResolver<WalkNode>(n => n.Depth));
    }
}

internal sealed class LineageEdgeType : ObjectGraphType<EdgeView>
{
    public LineageEdgeType()
    {
        Name = "LineageEdge";
        Field<NonNullGraphType<StringGraphType>>("fromKey").Resolve(new SourceResolver<EdgeView>(e => e.Edge.From.ToString()));
        Field<NonNullGraphType<StringGraphType>>("toKey").Resolve(new SourceResolver<EdgeView>(e => e.Edge.To.ToString()));
        Field<NonNullGraphType<EntityInterface>>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<EntityInterface>>("to").Resolve(c => c.Source.To);
        Field<NonNullGraphType<RelationKindGraphType>>("relation").Resolve(new SourceResolver<EdgeView>(e => e.Edge.Relation));
        Field<StringGraphType>("role").Resolve(c => c.Source.Edge.Role);
        Field<NonNullGraphType<JsonGraphType>>("properties").Resolve(c => AnswerBudget.TakeJson(c, c.Source.Edge.Properties));
        Field<NonNullGraphType<DateTimeScalar>>("recordedAt").Resolve(c => c.Source.Edge.RecordedAt);
        Field<DateTimeScalar>("retiredAt").Resolve(c => c.Source.Edge.RetiredAt);
    }
}

internal sealed class LineagePathType : ObjectGraphType<LineagePath>
{
    public LineagePathType()
    {
        Name = "LineagePath";
        Description = "A path along the flow of data: entities[0] -> entities[1] -> ..., edges[i] joining entities[i] and entities[i + 1].";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("entities").Resolve(c => c.Source.Entities);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageEdgeType>>>>("edges").Resolve(c => EdgeView.Of(c.Source));
        Field<NonNullGraphType<IntGraphType>>("length").Resolve(c => c.Source.Edges.Count);
    }
}

internal sealed class KindGroupType : ObjectGraphType<KindGroup>
{
    public KindGroupType()
    {
        Name = "KindGroup";
        Field<NonNullGraphType<EntityKindGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(c => c.Source.Nodes.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageNodeType>>>>("nodes").Resolve(c => c.Source.Nodes);
    }
}

internal sealed class DeploymentImpactType : ObjectGraphType<DeploymentImpact>
{
    public DeploymentImpactType()
    {
        Name = "DeploymentImpact";
        Field<NonNullGraphType<LineageNodeType>>("deployment").Resolve(c => c.Source.Deployment);
        Field<NonNullGraphType<LineagePathType>>("path").Description("One shortest path from the changed entity.").Resolve(c => c.Source.Path);
    }
}

internal sealed class ImpactReportType : ObjectGraphType<ImpactReport>
{
    public ImpactReportType()
    {
        Name = "ImpactReport";
        Description = "What a change reaches downstream.";
        Field<NonNullGraphType<EntityInterface>>("of").Resolve(c => c.Source.Of);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KindGroupType>>>>("byKind").Resolve(c => c.Source.ByKind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageNodeType>>>>("models").Resolve(c => c.Source.Models);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeploymentImpactType>>>>("deployments").Resolve(c => c.Source.Deployments);
        Field<NonNullGraphType<BooleanGraphType>>("truncated")
            .Description(ReportDescriptions.CutAtLimitCap + "the change may reach more than this answer holds.")
            .Resolve(c => c.Source.Truncated);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("beyondDepth")
            .Description("Entities at maxDepth with something downstream that the walk did not follow: what the change reaches may go on past them. Empty when the walk was truncated, which says so already.")
            .Resolve(c => c.Source.BeyondDepth.Select(k => k.ToString()));
        Field<NonNullGraphType<LineageGraphType>>("graph").Resolve(c => c.Source.Walk);
    }
}

internal sealed class ReproducibilityIssueType : ObjectGraphType<ReproducibilityIssue>
{
    public ReproducibilityIssueType()
    {
        Name = "ReproducibilityIssue";
        Field<NonNullGraphType<StringGraphType>>("code")
            .Description("MISSING_CODE_VERSION, UNVERSIONED_CODE, DIRTY_CODE, UNVERSIONED_INPUT, BEYOND_DEPTH, TRUNCATED, NOT_CHECKED or UNKNOWN_ORIGIN.")
            .Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
        Field<StringGraphType>("run").Resolve(c => c.Source.Run?.ToString());
        Field<StringGraphType>("input").Resolve(c => c.Source.Input?.ToString());
    }
}

internal sealed class ProvenanceReportType : ObjectGraphType<ProvenanceReport>
{
    public ProvenanceReportType()
    {
        Name = "ProvenanceReport";
        Description = "What made an entity, and whether it can be made again.";
        Field<NonNullGraphType<EntityInterface>>("of").Resolve(c => c.Source.Of);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KindGroupType>>>>("byKind").Resolve(c => c.Source.ByKind);
        Field<NonNullGraphType<BooleanGraphType>>("reproducible")
            .Description("True when issues is empty: every run in the closure has a code version at a commit, without changes outside it, and only versioned inputs; the walk saw all of it (nothing NOT_CHECKED, BEYOND_DEPTH or TRUNCATED); and the entity has an origin (not UNKNOWN_ORIGIN).")
            .Resolve(c => c.Source.Reproducible);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReproducibilityIssueType>>>>("issues").Resolve(c => c.Source.Issues);
        Field<NonNullGraphType<BooleanGraphType>>("truncated")
            .Description(ReportDescriptions.CutAtLimitCap + "what lies past the cut was not judged (a TRUNCATED issue says so).")
            .Resolve(c => c.Source.Truncated);
        Field<NonNullGraphType<LineageGraphType>>("graph").Resolve(c => c.Source.Walk);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RetiredEdgeType>>>>("retiredUpstream")
            .Description("Edges into the closure (into the entity or a node above maxDepth, of the relations followed) that are not current at the report's instant because they, "
                + "or an entity at their far end, were retired by then: lineage the closure and the verdict no longer see. Ask again with asOf before their retiredAt to see it. In (fromKey, toKey, relation) order, at most the limit cap of them.")
            .Resolve(c => c.Source.RetiredUpstream);
        Field<NonNullGraphType<BooleanGraphType>>("retiredUpstreamTruncated")
            .Description("More retired edges led into the closure than retiredUpstream lists: it holds the first of them, as many as the server's limit cap (Lineage:Traversal:LimitCap).")
            .Resolve(c => c.Source.RetiredUpstreamTruncated);
    }
}

internal sealed class RetiredEdgeType : ObjectGraphType<RetiredEdge>
{
    public RetiredEdgeType()
    {
        Name = "RetiredEdge";
        Description = "An edge that was retired (by itself or with an entity at one of its ends), and is not current.";
        Field<NonNullGraphType<StringGraphType>>("fromKey").Resolve(c => c.Source.From.ToString());
        Field<NonNullGraphType<StringGraphType>>("toKey").Resolve(c => c.Source.To.ToString());
        Field<NonNullGraphType<RelationKindGraphType>>("relation").Resolve(c => c.Source.Relation);
        Field<NonNullGraphType<DateTimeScalar>>("retiredAt").Description("Its latest retirement by the report's instant.").Resolve(c => c.Source.RetiredAt);
    }
}

internal sealed class PathsResultType : ObjectGraphType<PathsResult>
{
    public PathsResultType()
    {
        Name = "PathsResult";
        Field<NonNullGraphType<EntityInterface>>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<EntityInterface>>("to").Resolve(c => c.Source.To);
        Field<NonNullGraphType<DirectionGraphType>>("direction")
            .Description("DOWNSTREAM when `to` is fed by `from`; UPSTREAM when `to` feeds `from` (the paths then start at `to`).")
            .Resolve(c => c.Source.Direction);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineagePathType>>>>("paths").Resolve(c => c.Source.Paths);
        Field<NonNullGraphType<BooleanGraphType>>("truncated")
            .Description(ReportDescriptions.CutAtLimitCap + "it stopped before reaching `to`, so a path, or a shorter one, may lie past the cut.")
            .Resolve(c => c.Source.Truncated);
        Field<NonNullGraphType<BooleanGraphType>>("beyondDepth")
            .Description("No path was found within maxDepth, and the walks stopped at maxDepth with more past it: a longer path may exist; raise maxDepth to know.")
            .Resolve(c => c.Source.BeyondDepth);
    }
}

internal sealed class InputChangeType : ObjectGraphType<InputChange>
{
    public InputChangeType()
    {
        Name = "InputChange";
        Field<NonNullGraphType<EntityKindGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("namespace").Resolve(c => c.Source.Namespace);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ChangeKindGraphType>>("change").Resolve(c => c.Source.Change);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("versionsA")
            .Description("The versions of this input in a's closure, in ordinal order; \"\" stands for the unversioned entity (no key has an empty version).")
            .Resolve(c => c.Source.VersionsA);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("versionsB")
            .Description("The versions of this input in b's closure, as versionsA.")
            .Resolve(c => c.Source.VersionsB);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("rolesA")
            .Description("The roles (training, validation, test, reference) with which runs in a's closure read this input, distinct, in ordinal order; the same versions read in other roles are CHANGED.")
            .Resolve(c => c.Source.RolesA);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("rolesB")
            .Description("The roles with which runs in b's closure read this input, as rolesA.")
            .Resolve(c => c.Source.RolesB);
    }
}

internal sealed class ValueChangeType : ObjectGraphType<ValueChange>
{
    public ValueChangeType()
    {
        Name = "ValueChange";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ChangeKindGraphType>>("change").Resolve(c => c.Source.Change);
        Field<JsonGraphType>("a").Resolve(c => AnswerBudget.TakeJson(c, c.Source.A));
        Field<JsonGraphType>("b").Resolve(c => AnswerBudget.TakeJson(c, c.Source.B));
    }
}

internal sealed class MetricChangeType : ObjectGraphType<MetricChange>
{
    public MetricChangeType()
    {
        Name = "MetricChange";
        Field<NonNullGraphType<StringGraphType>>("source")
            .Description("`model`, or the key of the evaluation job (job:namespace:name) whose latest completed run (else its latest run, finished or not) measured it, among EVALUATION runs that read the entity itself (INPUT_TO).")
            .Resolve(c => c.Source.Source);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ChangeKindGraphType>>("change").Resolve(c => c.Source.Change);
        Field<FloatGraphType>("a").Resolve(c => c.Source.A);
        Field<FloatGraphType>("b").Resolve(c => c.Source.B);
        Field<FloatGraphType>("delta").Description("b - a; null when either is missing or the difference passes the largest double.").Resolve(c => c.Source.Delta);
        Field<StringGraphType>("runA")
            .Description("The key of the evaluation run that measured a (null for the model's own metrics): its inputs say what a was measured on, and the same run on both sides measured both models at once.")
            .Resolve(c => c.Source.RunA?.ToString());
        Field<StringGraphType>("runB").Description("The evaluation run that measured b, as runA.").Resolve(c => c.Source.RunB?.ToString());
    }
}

internal sealed class DiffReportType : ObjectGraphType<DiffReport>
{
    public DiffReportType()
    {
        Name = "DiffReport";
        Description = "How the upstream closures of two entities differ.";
        Field<NonNullGraphType<EntityInterface>>("a").Resolve(c => c.Source.A);
        Field<NonNullGraphType<EntityInterface>>("b").Resolve(c => c.Source.B);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InputChangeType>>>>("inputs")
            .Description("Every logical input of the two closures (kind, namespace, name), code versions included; runs and hyperparameter sets are not inputs, as runs are never the same twice and sets are compared in hyperparameters.")
            .Resolve(c => c.Source.Inputs);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ValueChangeType>>>>("hyperparameters").Resolve(c => c.Source.Hyperparameters);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InputChangeType>>>>("code")
            .Description("The code versions among inputs, on their own: the commits compared.")
            .Resolve(c => c.Source.Code);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MetricChangeType>>>>("metrics").Resolve(c => c.Source.Metrics);
        Field<NonNullGraphType<BooleanGraphType>>("truncated")
            .Description(ReportDescriptions.CutAtLimitCap + "inputs and hyperparameters past the cut were not compared.")
            .Resolve(c => c.Source.Truncated);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("beyondDepth")
            .Description("Entities of either closure at maxDepth with something upstream that the walks did not follow: inputs and hyperparameters past them were not compared. Empty when a walk was truncated, which says so already.")
            .Resolve(c => c.Source.BeyondDepth.Select(k => k.ToString()));
    }
}

internal sealed class EntityConnectionType : ObjectGraphType<EntityPage>
{
    public EntityConnectionType()
    {
        Name = "EntityConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("nodes").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityEdgeType>>>>("edges").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
    }
}

internal sealed class EntityEdgeType : ObjectGraphType<Entity>
{
    public EntityEdgeType()
    {
        Name = "EntityEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => Cursors.ForKey(c.Source.Key));
        Field<NonNullGraphType<EntityInterface>>("node").Resolve(c => c.Source);
    }
}

internal sealed class PageInfoType : ObjectGraphType<EntityPage>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage")
            .Description("Always false: paging runs forward only (first/after), which Relay allows.")
            .Resolve(_ => false);
        Field<StringGraphType>("startCursor").Resolve(c => c.Source.Items.Count == 0 ? null : Cursors.ForKey(c.Source.Items[0].Key));
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor);
    }
}

/// <summary>Descriptions that several report types share.</summary>
internal static class ReportDescriptions
{
    /// <summary>The start of a report's <c>truncated</c>: reports take no limit, and walk to the cap.</summary>
    public const string CutAtLimitCap = "A walk was cut at the server's limit cap (Lineage:Traversal:LimitCap, 10000 nodes by default): ";
}
