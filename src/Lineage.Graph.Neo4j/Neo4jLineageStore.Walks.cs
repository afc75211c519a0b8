using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;

namespace Lineage.Graph.Neo4j;

public sealed partial class Neo4jLineageStore
{
    /// <summary>
    /// Starts walked by one run of a walk statement. Each statement's lists (the starts, the
    /// answers' keys, the near and kept ends of their edges) grow with it, and Neo4j checks
    /// <c>IN $kept</c> against the whole list; a few hundred starts keep every statement small.
    /// </summary>
    internal const int StartsPerStatement = 256;

    public async Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken = default)
    {
        var plan = WalkPlan.From(request, _limits);
        return (await WalkAsync([plan], cancellationToken).ConfigureAwait(false))[0]
            ?? throw await EntityNotFound.ErrorAsync(this, plan.Start, plan.AsOf, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The full walks' keys: the walk statements return each node's properties with its key, so
    /// answering keys alone would save Neo4j no reads, only some of the answer's bytes.
    /// </summary>
    public async Task<IReadOnlyList<WalkKeys?>> WalkKeysManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default) =>
        [.. (await WalkManyAsync(requests, cancellationToken).ConfigureAwait(false)).Select(walk => walk is null ? null : WalkKeys.Of(walk))];

    public async Task<IReadOnlyList<RetiredEdge>> RetiredEdgesIntoAsync(
        IReadOnlyCollection<EntityKey> keys, IReadOnlyList<RelationKind> relations, DateTimeOffset? asOf, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(relations);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (keys.Count == 0 || relations.Count == 0 || limit == 0)
        {
            return [];
        }

        var rows = await RunTextAsync(CypherStatements.Typed("retired-edges-into", relations), new Dictionary<string, object?>
        {
            ["keys"] = keys.Select(k => k.ToString()).Distinct().ToList(),
            ["at"] = At(asOf),
            ["take"] = limit,
        }, AccessMode.Read, counters: false, cancellationToken).ConfigureAwait(false);

        // An end deleted by a purge while the statement read it reads as null: its edges went with it.
        var retired = Neo4jRow.All(rows)
            .Where(r => r["from"].ValueKind == JsonValueKind.String && r["to"].ValueKind == JsonValueKind.String)
            .Select(r => new RetiredEdge(EntityKey.FromStoredText(r.String("from")), EntityKey.FromStoredText(r.String("to")), Relations.Parse(r.String("relation")), Neo4jRow.Time(r.Long("retiredAt"))))
            .ToList();
        // Neo4j sent them in this order; a key written before sortKey existed may sort otherwise there (as a walk's may).
        retired.Sort((a, b) => EdgeRef.Compare(a.Ref, b.Ref));
        return retired;
    }

    public async Task<IReadOnlyList<WalkResult?>> WalkManyAsync(IReadOnlyList<WalkRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var plans = requests.Select(request => WalkPlan.From(request, _limits)).ToList();
        return await WalkAsync(plans, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The walks of <paramref name="plans"/>, in order; null where the start does not exist at the
    /// plan's asOf. Plans that differ only in their start are walked together: one statement reads
    /// their starts, and each direction takes three more (the walk, the answers' entities, their
    /// edges) for up to <see cref="StartsPerStatement"/> starts, where one walk alone takes the same.
    /// </summary>
    private async Task<WalkResult?[]> WalkAsync(List<WalkPlan> plans, CancellationToken cancellationToken)
    {
        var answers = new WalkResult?[plans.Count];
        var groups = plans.Select((plan, i) => (Plan: plan, Index: i))
            .GroupBy(p => (p.Plan.Direction, p.Plan.MaxDepth, Relations: string.Join(',', p.Plan.Relations),
                Kinds: p.Plan.Kinds is null ? null : string.Join(',', p.Plan.Kinds), p.Plan.AsOf, p.Plan.Limit));
        foreach (var group in groups)
        {
            var plan = group.First().Plan;
            var at = At(plan.AsOf);
            foreach (var chunk in group.Select(p => p.Plan.Start).Distinct().Chunk(StartsPerStatement))
            {
                var starts = (await FetchAsync(chunk, at, includeRetired: false, cancellationToken).ConfigureAwait(false)).Values.ToList();
                if (starts.Count == 0)
                {
                    continue;
                }

                var walks = plan.Direction == Direction.Both
                    ? Combine(
                        await WalkAsync(plan, starts, downstream: false, at, cancellationToken).ConfigureAwait(false),
                        await WalkAsync(plan, starts, downstream: true, at, cancellationToken).ConfigureAwait(false),
                        plan.Limit)
                    : await WalkAsync(plan, starts, plan.Direction == Direction.Downstream, at, cancellationToken).ConfigureAwait(false);
                foreach (var (member, index) in group)
                {
                    if (walks.TryGetValue(member.Start, out var walk))
                    {
                        answers[index] = walk;
                    }
                }
            }
        }

        return answers;

        static Dictionary<EntityKey, WalkResult> Combine(Dictionary<EntityKey, WalkResult> upstream, Dictionary<EntityKey, WalkResult> downstream, int limit) =>
            upstream.ToDictionary(u => u.Key, u => Walks.CombineBoth(u.Value, downstream[u.Key], limit));
    }

    /// <summary>
    /// One direction from each of <paramref name="starts"/>: from the walk statement, how many nodes
    /// and edges each start's walk visited (counted as the embedded store's walk counts them) and its answer, filtered by kind, ordered and cut to one past the limit in
    /// Neo4j (so that a hub's walk sends no more than that); then the answers' entities and their
    /// edges by the model's rule. The edge statement is sent once for every start's near and kept
    /// ends together; each start keeps the edges from its own near ends to its own kept ones, which
    /// is what it alone would be sent.
    /// </summary>
    private async Task<Dictionary<EntityKey, WalkResult>> WalkAsync(
        WalkPlan plan, List<Entity> starts, bool downstream, long at, CancellationToken cancellationToken)
    {
        var reached = await RunTextAsync(
            CypherStatements.Walk(downstream ? "walk-downstream" : "walk-upstream", plan.MaxDepth, plan.Relations),
            new Dictionary<string, object?>
            {
                ["starts"] = starts.Select(s => s.Key.ToString()).ToList(),
                ["at"] = at,
                ["kinds"] = plan.Kinds?.Select(kind => kind.ToString()).ToList(),
                ["take"] = plan.Limit + 1,
            },
            AccessMode.Read, counters: false, cancellationToken).ConfigureAwait(false);
        var rowsByStart = Neo4jRow.All(reached).ToLookup(r => r.String("start"), StringComparer.Ordinal);

        var halves = starts.Select(start =>
        {
            // One row per start alive at the walk's time; none for a start retired or purged since it was read.
            var row = rowsByStart[start.Key.ToString()].Select(r => (Neo4jRow?)r).FirstOrDefault();
            var (reachedCount, edgesCount) = row is { } counted ? (checked((int)counted.Long("reached")), checked((int)counted.Long("edges"))) : (0, 0);
            var answer = row is not { } found ? [] : found["answer"].EnumerateArray()

                // A node deleted by a purge while the statement read it has no key: it is gone, and left out.
                .Where(n => n.GetProperty("key").ValueKind != JsonValueKind.Null)
                .Select(n => (Key: EntityKey.FromStoredText(n.GetProperty("key").GetString()!), Depth: checked((int)n.GetProperty("depth").GetInt64())))

                // Neo4j sent them in this order. A node written before sortKey existed (a key with characters
                // from U+D7FF up) may sort otherwise there: sorting again puts what was sent in the model's
                // order, though Neo4j's cut may then have kept other such nodes than the model's order would.
                .OrderBy(n => n.Depth)
                .ThenBy(n => n.Key)
                .ToList();
            var truncated = answer.Count > plan.Limit;
            if (truncated)
            {
                answer.RemoveRange(plan.Limit, answer.Count - plan.Limit);
            }

            var kept = answer.Select(n => n.Key.ToString()).Append(start.Key.ToString()).ToHashSet(StringComparer.Ordinal);
            var near = answer.Where(n => n.Depth < plan.MaxDepth).Select(n => n.Key.ToString()).Prepend(start.Key.ToString()).ToHashSet(StringComparer.Ordinal);
            return (Start: start, Answer: answer, Truncated: truncated, Reached: reachedCount, EdgesVisited: edgesCount, Kept: kept, Near: near);
        }).ToList();

        var answered = halves.SelectMany(h => h.Answer.Select(n => n.Key)).ToList();
        var entities = answered.Count == 0 ? [] : await FetchAsync(answered, at, includeRetired: false, cancellationToken).ConfigureAwait(false);
        var edgeRows = await RunTextAsync(CypherStatements.Typed(downstream ? "walk-edges-downstream" : "walk-edges-upstream", plan.Relations), new Dictionary<string, object?>
        {
            ["near"] = halves.SelectMany(h => h.Near).Distinct().ToList(),
            ["kept"] = halves.SelectMany(h => h.Kept).Distinct().ToList(),
            ["at"] = at,
        }, AccessMode.Read, counters: false, cancellationToken).ConfigureAwait(false);
        var edgesByNearEnd = Neo4jRow.Edges(edgeRows).ToLookup(e => (downstream ? e.From : e.To).ToString(), StringComparer.Ordinal);

        return halves.ToDictionary(h => h.Start.Key, h =>
        {
            // A node retired or purged since the walk statement ran has no entity now: it is left out
            // with its edges, as the embedded store leaves out a row gone since its index walk.
            var edges = h.Near.SelectMany(near => edgesByNearEnd[near])
                .Where(e => h.Kept.Contains((downstream ? e.To : e.From).ToString()) && Present(h.Start, e.From) && Present(h.Start, e.To))
                .ToList();
            edges.Sort(Edge.Compare);
            return new WalkResult
            {
                Start = h.Start,
                Nodes = [.. h.Answer.Where(n => entities.ContainsKey(n.Key)).Select(n => new WalkNode(entities[n.Key], n.Depth))],
                Edges = edges,
                Truncated = h.Truncated,
                NodesVisited = h.Reached + 1,
                EdgesVisited = h.EdgesVisited,
            };
        });

        bool Present(Entity start, EntityKey key) => key.Equals(start.Key) || entities.ContainsKey(key);
    }
}
