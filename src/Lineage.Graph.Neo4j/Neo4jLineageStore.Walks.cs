using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;

namespace Lineage.Graph.Neo4j;

public sealed partial class Neo4jLineageStore
{
    public async Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken = default)
    {
        var plan = WalkPlan.From(request, _limits);
        var at = At(plan.AsOf);
        var start = (await FetchAsync([plan.Start], at, includeRetired: false, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(plan.Start)
            ?? throw new NotFoundException(plan.AsOf is null ? $"No entity {plan.Start}." : $"No entity {plan.Start} as of {plan.AsOf:O}.");

        if (plan.Direction != Direction.Both)
        {
            return await WalkAsync(plan, start, plan.Direction == Direction.Downstream, at, cancellationToken).ConfigureAwait(false);
        }

        var upstream = await WalkAsync(plan, start, downstream: false, at, cancellationToken).ConfigureAwait(false);
        var downstream = await WalkAsync(plan, start, downstream: true, at, cancellationToken).ConfigureAwait(false);
        return Walks.CombineBoth(upstream, downstream, plan.Limit);
    }

    /// <summary>
    /// One direction: the reached nodes and their depths from the walk statement, the kind filter,
    /// order and limit applied here (as the embedded store applies them), then the answer's
    /// entities and its edges by the model's rule.
    /// </summary>
    private async Task<WalkResult> WalkAsync(WalkPlan plan, Entity start, bool downstream, long at, CancellationToken cancellationToken)
    {
        var relations = plan.Relations.Select(Relations.Name).ToList();
        var reached = await RunTextAsync(
            CypherStatements.Walk(downstream ? "walk-downstream" : "walk-upstream", plan.MaxDepth),
            new Dictionary<string, object?> { ["start"] = start.Key.ToString(), ["at"] = at, ["relations"] = relations },
            AccessMode.Read, counters: false, cancellationToken).ConfigureAwait(false);

        var reachedRows = Neo4jRow.All(reached).ToList();
        var answer = reachedRows
            .Where(r => plan.Kinds is null || plan.Kinds.Contains(EntityKinds.Parse(r.String("kind"))))
            .Select(r => (Key: EntityKey.Parse(r.String("key")), Depth: checked((int)r.Long("depth"))))
            .OrderBy(n => n.Depth)
            .ThenBy(n => n.Key)
            .ToList();
        var truncated = answer.Count > plan.Limit;
        if (truncated)
        {
            answer.RemoveRange(plan.Limit, answer.Count - plan.Limit);
        }

        var entities = await FetchAsync(answer.Select(n => n.Key), at, includeRetired: false, cancellationToken).ConfigureAwait(false);
        var kept = answer.Select(n => n.Key.ToString()).Append(start.Key.ToString()).ToList();
        var near = answer.Where(n => n.Depth < plan.MaxDepth).Select(n => n.Key.ToString()).Prepend(start.Key.ToString()).ToList();
        var edgeRows = await RunAsync(downstream ? "walk-edges-downstream" : "walk-edges-upstream", new Dictionary<string, object?>
        {
            ["near"] = near,
            ["kept"] = kept,
            ["relations"] = relations,
            ["at"] = at,
        }, AccessMode.Read, cancellationToken).ConfigureAwait(false);
        var edges = Neo4jRow.All(edgeRows).Select(r => r.Edge()).ToList();
        edges.Sort(Edge.Compare);

        return new WalkResult
        {
            Start = start,
            Nodes = [.. answer.Select(n => new WalkNode(entities[n.Key], n.Depth))],
            Edges = edges,
            Truncated = truncated,
            NodesVisited = reachedRows.Count + 1,

            // Neo4j reports the shortest-path tree, one edge per reached node, not every edge it looked at.
            EdgesVisited = Math.Max(reachedRows.Count, edges.Count),
        };
    }
}
