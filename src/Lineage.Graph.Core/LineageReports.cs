using System.Globalization;
using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// The reports built on a walk (lineage-model.md, "Built on the same walk"): paths, impact,
/// provenance and diff. They run on any store, since they only call the port.
/// </summary>
public sealed class LineageReports(ILineageStore store, TraversalLimits limits)
{
    /// <summary>The most paths one request may ask for.</summary>
    public const int MaxPaths = 100;

    /// <summary>
    /// Up to <paramref name="k"/> shortest paths between two entities, downstream of
    /// <paramref name="from"/> or upstream of it, whichever is shorter (downstream when both are as
    /// short: on a cycle both can be). An entity's path to itself is the entity alone.
    /// </summary>
    public async Task<PathsResult> PathsAsync(
        EntityKey from, EntityKey to, int k = 3, int? maxDepth = null, IReadOnlyList<RelationKind>? relations = null,
        DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (k is < 1 or > MaxPaths)
        {
            throw new LimitExceededException($"must be between 1 and {MaxPaths}; it was {k}.", "k");
        }

        var target = await store.GetAsync(to, asOf, cancellationToken).ConfigureAwait(false)
            ?? throw await EntityNotFound.ErrorAsync(store, to, asOf, cancellationToken).ConfigureAwait(false);
        if (from == to)
        {
            // Checked as a walk would check them, so that a bad maxDepth is refused here too.
            _ = WalkPlan.From(new WalkRequest { Start = from, Direction = Direction.Downstream, MaxDepth = maxDepth, Relations = relations, AsOf = asOf }, limits);
            return new PathsResult(target, target, Direction.Downstream, [new LineagePath([target], [])], false);
        }

        var downstream = await WalkAsync(from, Direction.Downstream, maxDepth, relations, asOf, cancellationToken).ConfigureAwait(false);
        var found = ShortestPaths(downstream, Direction.Downstream, to, k);

        // Upstream, only a shorter path can win, so the walk stops a hop short of the one found.
        var upstreamDepth = found.Count > 0 ? found[0].Edges.Count - 1 : maxDepth;
        if (upstreamDepth is 0)
        {
            return new PathsResult(downstream.Start, target, Direction.Downstream, found, false);
        }

        var upstream = await WalkAsync(from, Direction.Upstream, upstreamDepth, relations, asOf, cancellationToken).ConfigureAwait(false);
        var shorter = ShortestPaths(upstream, Direction.Upstream, to, k);

        // A walk cut by the limit before it reached the target may have missed a shorter path.
        var truncated = (downstream.Truncated && found.Count == 0) || (upstream.Truncated && shorter.Count == 0);
        if (shorter.Count > 0)
        {
            return new PathsResult(upstream.Start, target, Direction.Upstream, shorter, downstream.Truncated && found.Count == 0);
        }

        // No path at all: whether one could lie past the depth bound, as impact tells (both walks went to it).
        var bound = DepthBound(maxDepth);
        var beyond = found.Count == 0
            && ((await BeyondDepthAsync(downstream, Direction.Downstream, bound, relations, asOf, cancellationToken).ConfigureAwait(false)).Count > 0
                || (await BeyondDepthAsync(upstream, Direction.Upstream, bound, relations, asOf, cancellationToken).ConfigureAwait(false)).Count > 0);
        return new PathsResult(downstream.Start, target, Direction.Downstream, found, truncated) { BeyondDepth = beyond };
    }

    /// <summary>
    /// The downstream closure of an entity by kind, with every affected model and deployment and a path
    /// to each deployment, and the entities at the depth bound that lead further downstream.
    /// </summary>
    public async Task<ImpactReport> ImpactAsync(
        EntityKey of, int? maxDepth = null, IReadOnlyList<RelationKind>? relations = null,
        DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var walk = await WalkAsync(of, Direction.Downstream, maxDepth, relations, asOf, cancellationToken).ConfigureAwait(false);
        // One path finder for every deployment: built for each, its maps of the walk took seconds for a walk
        // reaching thousands of deployments (8,355 nodes, 2,488 deployments: 7.9 s).
        var paths = PathFinder(walk, Direction.Downstream);
        var deployments = walk.Nodes
            .Where(n => n.Entity.Kind == EntityKind.Deployment)
            .Select(n => new DeploymentImpact(n, paths(n.Entity.Key, 1)[0]))
            .ToList();

        var beyond = await BeyondDepthAsync(walk, Direction.Downstream, DepthBound(maxDepth), relations, asOf, cancellationToken).ConfigureAwait(false);
        return new ImpactReport(
            walk.Start, GroupByKind(walk), [.. walk.Nodes.Where(n => n.Entity.Kind == EntityKind.Model)], deployments, walk.Truncated, walk, beyond);
    }

    /// <summary>
    /// The entities of a walk at its depth bound that lead further (one more step along the walk's direction
    /// reaches an entity it does not hold). A walk cut by the limit already says it is incomplete, and its last
    /// depth is not the bound: only a whole walk's entities at the bound are looked past.
    /// </summary>
    private async Task<List<EntityKey>> BeyondDepthAsync(
        WalkResult walk, Direction direction, int depthBound, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var frontier = walk.Truncated ? [] : walk.Nodes.Where(n => n.Depth >= depthBound).Select(n => n.Entity.Key).ToList();
        if (frontier.Count == 0)
        {
            return [];
        }

        var reached = walk.Nodes.Select(n => n.Entity.Key).Append(walk.Start.Key).ToHashSet();
        // One more neighbour than the walk holds is enough to show one lies outside it.
        var hopLimit = Math.Min(limits.LimitCap, reached.Count + 1);
        var hops = await store.WalkKeysManyAsync(
            [.. frontier.Select(key => new WalkRequest { Start = key, Direction = direction, MaxDepth = 1, Relations = relations, AsOf = asOf, Limit = hopLimit })],
            cancellationToken).ConfigureAwait(false);

        // A step cut by the limit has more neighbours than the walk holds, so some lie beyond it.
        return [.. frontier.Zip(hops).Where(f => f.Second is { } hop && (hop.Truncated || hop.Nodes.Any(n => !reached.Contains(n.Key)))).Select(f => f.First)];
    }

    /// <summary>
    /// The upstream closure of an entity by kind, and whether it is reproducible: every run in it
    /// has a versioned code version and only versioned inputs.
    /// </summary>
    /// <remarks>
    /// The verdict reads a run's <c>EXECUTED_IN</c> and <c>INPUT_TO</c> edges, reaches the runs
    /// that made datasets, features and models through <c>PRODUCED</c>, and judges declared lineage
    /// through <c>DERIVES</c>. A walk told not to follow one of them has no evidence for that part of the verdict, so it reports <c>NOT_CHECKED</c> (and
    /// is not reproducible) instead of blaming every run for what it did not look at, or passing a
    /// closure whose runs it never reached. Declared lineage (<c>DERIVES</c>) from an unversioned
    /// entity is an unversioned input too, and a run of code with uncommitted changes
    /// (<see cref="CodeVersionFields.Dirty"/>) cannot be rerun from its commit.
    /// <paramref name="retiredUpstream"/> false leaves out <see cref="ProvenanceReport.RetiredUpstream"/>
    /// (null), a read of its own that a caller who does not show it need not wait for.
    /// </remarks>
    public async Task<ProvenanceReport> ProvenanceAsync(
        EntityKey of, int? maxDepth = null, IReadOnlyList<RelationKind>? relations = null, DateTimeOffset? asOf = null,
        bool retiredUpstream = true, CancellationToken cancellationToken = default)
    {
        var walk = await WalkAsync(of, Direction.Upstream, maxDepth, relations, asOf, cancellationToken).ConfigureAwait(false);
        var issues = new List<ReproducibilityIssue>();
        var followed = relations ?? Relations.Lineage;
        var checksCode = followed.Contains(RelationKind.ExecutedIn);
        var checksInputs = followed.Contains(RelationKind.InputTo);
        if (!checksCode)
        {
            issues.Add(NotChecked(RelationKind.ExecutedIn, "code versions"));
        }

        if (!checksInputs)
        {
            issues.Add(NotChecked(RelationKind.InputTo, "inputs"));
        }

        if (!followed.Contains(RelationKind.Produced))
        {
            issues.Add(new("NOT_CHECKED", "The walk did not follow PRODUCED, so the runs that made the closure's datasets, features and models were not reached."));
        }

        if (!followed.Contains(RelationKind.Derives))
        {
            issues.Add(new("NOT_CHECKED", "The walk did not follow DERIVES, so lineage declared without a run (an unversioned source among it) was not checked."));
        }

        // The runs of the closure, the start too when it is one: "every run in the closure" judges the run asked about.
        var depthLimit = DepthBound(maxDepth);
        var runs = walk.Nodes.Where(n => n.Entity.Kind == EntityKind.Run).Select(n => (n.Entity.Key, n.Depth)).ToList();
        if (walk.Start.Kind == EntityKind.Run)
        {
            runs.Insert(0, (walk.Start.Key, 0));
        }

        var entities = walk.Nodes.ToDictionary(n => n.Entity.Key, n => n.Entity);
        var judged = runs.Where(run => run.Depth < depthLimit).Select(run => run.Key).ToList();
        var incomingOf = await IncomingAsync(walk, judged, followed, asOf, cancellationToken).ConfigureAwait(false);
        foreach (var (key, depth) in runs)
        {
            if (depth >= depthLimit)
            {
                issues.Add(new("BEYOND_DEPTH", $"The inputs of {key} lie beyond maxDepth {depthLimit}.", key));
                continue;
            }

            var incoming = incomingOf[key];
            var code = incoming.Where(e => e.Relation == RelationKind.ExecutedIn).Select(e => e.From).ToList();
            if (code.Count == 0 && checksCode)
            {
                issues.Add(new("MISSING_CODE_VERSION", $"{key} has no code version.", key));
            }

            foreach (var unversioned in code.Where(c => c.Version is null))
            {
                issues.Add(new("UNVERSIONED_CODE", $"{key} ran code {unversioned} without a commit.", key, unversioned));
            }

            foreach (var dirty in incoming.Where(e => e.Relation == RelationKind.ExecutedIn && RanDirty(e, entities)).Select(e => e.From))
            {
                issues.Add(new("DIRTY_CODE", $"{key} ran code {dirty} with changes not in its commit (dirty).", key, dirty));
            }

            foreach (var input in incoming.Where(e => e.Relation == RelationKind.InputTo && e.From.Version is null))
            {
                issues.Add(new("UNVERSIONED_INPUT", $"{key} read {input.From}, which has no version.", key, input.From));
            }
        }

        // Any other entity at the depth bound with something upstream that the walk stopped before (the
        // run that produced a dataset, what it derives from) may hide a run the verdict never judged: it
        // must not pass what it never reached. Its edges from entities the closure holds (another at the
        // bound, the start) were not followed either, and are judged as followed ones are. So a closure
        // that passes at one depth passes at any greater.
        List<EdgeRef> declared = [.. walk.Edges.Where(e => e.Relation == RelationKind.Derives).Select(e => e.Ref)];
        List<EdgeRef> intoFrontier = [];
        var frontier = walk.Nodes.Where(n => n.Depth >= depthLimit && n.Entity.Kind != EntityKind.Run).Select(n => n.Entity.Key).ToList();
        if (frontier.Count > 0)
        {
            var hops = await store.WalkKeysManyAsync(
                [.. frontier.Select(key => new WalkRequest { Start = key, Direction = Direction.Upstream, MaxDepth = 1, Relations = followed, AsOf = asOf, Limit = limits.LimitCap })],
                cancellationToken).ConfigureAwait(false);
            foreach (var (key, hop) in frontier.Zip(hops))
            {
                if (hop is null)
                {
                    continue;
                }

                if (hop.Nodes.Any(n => n.Key != walk.Start.Key && !entities.ContainsKey(n.Key)))
                {
                    issues.Add(new("BEYOND_DEPTH", $"What lies upstream of {key} is beyond maxDepth {depthLimit}.", Input: key));
                }

                // The look one step up was cut by the limit: what it left out was not judged.
                if (hop.Truncated)
                {
                    issues.Add(new("TRUNCATED", $"{key} has more than {limits.LimitCap} entities one step upstream; the verdict could not look at them all.", Input: key));
                }

                declared.AddRange(hop.Edges.Where(e => e.Relation == RelationKind.Derives && e.To == key));
                intoFrontier.AddRange(hop.Edges.Where(e => e.To == key));
            }
        }

        foreach (var derived in declared.Distinct().Where(e => e.From.Version is null && e.From.Kind is not (EntityKind.HyperparameterSet or EntityKind.Job)))
        {
            issues.Add(new("UNVERSIONED_INPUT", $"{derived.To} derives from {derived.From}, which has no version.", Input: derived.From));
        }

        if (walk.Truncated)
        {
            issues.Add(new("TRUNCATED", $"The closure has more than {walk.Nodes.Count} entities, the server's limit cap (Lineage:Traversal:LimitCap); the verdict could not judge all of it."));
        }

        // A model or feature is always made from something; when no run produced it and it derives from
        // nothing there is no run to judge, and "every run passes" would certify what no one can show how
        // to remake (a previous version, reached through NEXT_VERSION, is no origin, nor is the entity itself
        // through a self-loop). A job is no source either: it is the definition its runs are instances of
        // (INSTANCE_OF, structural), so its closure is empty whatever its runs read, and an empty closure
        // passing would call reproducible a job whose only run is not. A walk told to follow INSTANCE_OF
        // reaches the job's runs, which are then judged as its origin. A dataset may be a
        // source, so it passes alone. Without PRODUCED or DERIVES the walk could not look, which
        // NOT_CHECKED says already.
        var looksForOrigins = followed.Contains(RelationKind.Produced) && followed.Contains(RelationKind.Derives);
        var runsOfJob = walk.Start.Kind == EntityKind.Job && followed.Contains(RelationKind.InstanceOf);
        if (walk.Start.Kind is EntityKind.Model or EntityKind.Feature or EntityKind.Job && looksForOrigins
            && !HasOrigin(walk.Start.Key, walk.Edges.Select(e => e.Ref), runsOfJob))
        {
            issues.Add(new("UNKNOWN_ORIGIN", walk.Start.Kind != EntityKind.Job
                ? $"Nothing upstream of {walk.Start.Key} is recorded: no run produced it and it derives from nothing, so how it was made cannot be shown."
                : runsOfJob
                    ? $"{walk.Start.Key} is a job with no run recorded as an instance of it, and it derives from nothing: there is no run to judge."
                    : $"{walk.Start.Key} is a job, the definition its runs are instances of: nothing is upstream of it. Ask about one of its runs, or what a run produced, or follow INSTANCE_OF to judge its runs."));
        }

        // A deployment is made of the models deployed as it, and its closure holds no run of its own: a
        // deployed model with nothing upstream would otherwise pass it for want of anything to fail,
        // though the model asked about alone is UNKNOWN_ORIGIN. So is a deployment of nothing recorded.
        if (walk.Start.Kind == EntityKind.Deployment && looksForOrigins && followed.Contains(RelationKind.DeployedAs))
        {
            var deployed = walk.Edges.Where(e => e.To == walk.Start.Key && e.From != walk.Start.Key && e.Relation is RelationKind.DeployedAs or RelationKind.Derives)
                .Select(e => e.From).Distinct().ToList();
            if (deployed.Count == 0)
            {
                issues.Add(new("UNKNOWN_ORIGIN", $"No model is recorded as deployed as {walk.Start.Key}, and it derives from nothing, so what it serves cannot be shown."));
            }

            List<EdgeRef> known = [.. walk.Edges.Select(e => e.Ref), .. intoFrontier];
            foreach (var model in deployed.Where(m => m.Kind is EntityKind.Model or EntityKind.Feature && !HasOrigin(m, known)))
            {
                issues.Add(new("UNKNOWN_ORIGIN", $"Nothing upstream of {model}, deployed as {walk.Start.Key}, is recorded: no run produced it and it derives from nothing, so how it was made cannot be shown.", Input: model));
            }
        }

        var (lost, lostTruncated) = retiredUpstream
            ? await RetiredUpstreamAsync(walk, depthLimit, followed, asOf, cancellationToken).ConfigureAwait(false)
            : (null, false);
        return new ProvenanceReport(walk.Start, GroupByKind(walk), issues.Count == 0, issues, walk.Truncated, walk, lost, lostTruncated);
    }

    /// <summary>
    /// The edges into the closure that the walk would have followed had they not been retired: into the
    /// start and every node above the bound, as the walk's own edges are. Read after the walk, they may
    /// hold an edge retired since the walk followed it: the report does not call retired what it judged.
    /// </summary>
    private async Task<(List<RetiredEdge> Edges, bool Truncated)> RetiredUpstreamAsync(
        WalkResult walk, int depthLimit, IReadOnlyList<RelationKind> followed, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var retired = await store.RetiredEdgesIntoAsync(
            [walk.Start.Key, .. walk.Nodes.Where(n => n.Depth < depthLimit).Select(n => n.Entity.Key)], followed, asOf, limits.LimitCap + 1, cancellationToken).ConfigureAwait(false);
        var followedEdges = walk.Edges.Select(e => e.Ref).ToHashSet();
        List<RetiredEdge> lost = [.. retired.Where(e => !followedEdges.Contains(e.Ref))];
        if (lost.Count > limits.LimitCap)
        {
            lost.RemoveRange(limits.LimitCap, lost.Count - limits.LimitCap);
        }

        return (lost, retired.Count > limits.LimitCap);
    }

    /// <summary>
    /// Whether a run produced <paramref name="key"/> or it derives from another entity, by <paramref name="edges"/>;
    /// with <paramref name="runsCount"/>, for a job whose walk followed INSTANCE_OF, whether a run is an instance of it.
    /// </summary>
    private static bool HasOrigin(EntityKey key, IEnumerable<EdgeRef> edges, bool runsCount = false) =>
        edges.Any(e => e.To == key && e.From != key
            && (e.Relation is RelationKind.Produced or RelationKind.Derives || (runsCount && e.Relation == RelationKind.InstanceOf)));

    /// <summary>
    /// The code-version and input edges into each run to judge. A whole closure holds them all; one
    /// cut by the limit may hold a run without the nodes those edges come from (they sort after the
    /// cut), so then each run's own are read in one batch of one-hop walks, rather than a run being
    /// reported without a code version it has.
    /// </summary>
    private async Task<Dictionary<EntityKey, List<Edge>>> IncomingAsync(
        WalkResult walk, List<EntityKey> runs, IReadOnlyList<RelationKind> followed, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        if (!walk.Truncated)
        {
            // Grouped once, in the walk's order: every run against every edge was millions of key comparisons.
            var into = walk.Edges.ToLookup(e => e.To);
            return runs.ToDictionary(run => run, run => into[run].ToList());
        }

        RelationKind[] judgedBy = [.. followed.Where(r => r is RelationKind.ExecutedIn or RelationKind.InputTo)];
        if (judgedBy.Length == 0 || runs.Count == 0)
        {
            return runs.ToDictionary(run => run, _ => new List<Edge>());
        }

        var hops = await store.WalkManyAsync(
            [.. runs.Select(run => new WalkRequest { Start = run, Direction = Direction.Upstream, MaxDepth = 1, Relations = judgedBy, AsOf = asOf, Limit = limits.LimitCap })],
            cancellationToken).ConfigureAwait(false);
        return runs.Select((run, i) => (run, edges: hops[i]?.Edges.Where(e => e.To == run).ToList() ?? [])).ToDictionary(r => r.run, r => r.edges);
    }

    private static ReproducibilityIssue NotChecked(RelationKind relation, string what) =>
        new("NOT_CHECKED", $"The walk did not follow {Relations.Name(relation)}, so the runs' {what} were not checked.");

    /// <summary>Compares the upstream closures of two entities, typically two versions of a model.</summary>
    public async Task<DiffReport> DiffAsync(
        EntityKey a, EntityKey b, int? maxDepth = null, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var walkA = await WalkAsync(a, Direction.Upstream, maxDepth, null, asOf, cancellationToken).ConfigureAwait(false);
        var walkB = await WalkAsync(b, Direction.Upstream, maxDepth, null, asOf, cancellationToken).ConfigureAwait(false);
        var inputs = CompareInputs(walkA, walkB);
        var metrics = CompareMetrics(
            await MetricsAsync(walkA.Start, asOf, cancellationToken).ConfigureAwait(false),
            await MetricsAsync(walkB.Start, asOf, cancellationToken).ConfigureAwait(false));

        // A closure cut at maxDepth compares what it holds: an input or a hyperparameter set past the bound
        // would otherwise be missing from both sides and read as no difference (at depth 1 a model's
        // training run is reached, but not the set CONFIGURED into it).
        var bound = DepthBound(maxDepth);
        var beyond = (await BeyondDepthAsync(walkA, Direction.Upstream, bound, null, asOf, cancellationToken).ConfigureAwait(false))
            .Union(await BeyondDepthAsync(walkB, Direction.Upstream, bound, null, asOf, cancellationToken).ConfigureAwait(false))
            .Order()
            .ToList();
        return new DiffReport(
            walkA.Start,
            walkB.Start,
            inputs,
            CompareHyperparameters(Hyperparameters(walkA), Hyperparameters(walkB)),
            [.. inputs.Where(i => i.Kind == EntityKind.CodeVersion)],
            metrics,
            walkA.Truncated || walkB.Truncated)
        { BeyondDepth = beyond };
    }

    /// <summary>The depth a report's walk stops at: the one asked for, or the server's default.</summary>
    private int DepthBound(int? maxDepth) => maxDepth ?? limits.MaxDepthIfUnasked;

    private Task<WalkResult> WalkAsync(
        EntityKey start, Direction direction, int? maxDepth, IReadOnlyList<RelationKind>? relations,
        DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);

        // Reports need whole closures to be right, so they walk with the largest limit the server allows.
        return store.WalkAsync(
            new WalkRequest
            {
                Start = start,
                Direction = direction,
                MaxDepth = maxDepth,
                Relations = relations,
                AsOf = asOf,
                Limit = limits.LimitCap,
            },
            cancellationToken);
    }

    /// <summary>
    /// Shortest paths from a walk's start to a returned node, oriented along the flow of data. A
    /// walk returns every node nearer than any returned node, so their edges are all there.
    /// </summary>
    private static List<LineagePath> ShortestPaths(WalkResult walk, Direction direction, EntityKey target, int k) =>
        PathFinder(walk, direction)(target, k);

    /// <summary>
    /// Finds the first k shortest paths from the walk's start to a target, in the walk's edge order: the walk's
    /// depths, entities and the steps back toward the start are mapped once, for every target asked about.
    /// </summary>
    private static Func<EntityKey, int, List<LineagePath>> PathFinder(WalkResult walk, Direction direction)
    {
        var depth = walk.Nodes.ToDictionary(n => n.Entity.Key, n => n.Depth);
        depth[walk.Start.Key] = 0;
        var entities = walk.Nodes.ToDictionary(n => n.Entity.Key, n => n.Entity);
        entities[walk.Start.Key] = walk.Start;
        var downstream = direction == Direction.Downstream;

        // Steps back toward the start: an edge one hop nearer to it.
        var back = walk.Edges
            .Select(e => (Edge: e, Near: downstream ? e.From : e.To, Far: downstream ? e.To : e.From))
            .Where(s => depth.TryGetValue(s.Near, out var near) && depth.TryGetValue(s.Far, out var far) && near == far - 1)
            .ToLookup(s => s.Far);
        return (target, k) => target == walk.Start.Key || !depth.ContainsKey(target) ? [] : Find(target, k);

        List<LineagePath> Find(EntityKey target, int k)
        {
            var found = new List<LineagePath>();
            var trail = new List<Edge>();
            Follow(target);
            return found;

            void Follow(EntityKey node)
            {
                if (found.Count == k)
                {
                    return;
                }

                if (node == walk.Start.Key)
                {
                    var edges = downstream ? Enumerable.Reverse(trail).ToList() : [.. trail];
                    var chain = downstream ? [walk.Start.Key, .. edges.Select(e => e.To)] : edges.Select(e => e.From).Append(walk.Start.Key).ToList();
                    found.Add(new LineagePath([.. chain.Select(c => entities[c])], edges));
                    return;
                }

                foreach (var step in back[node])
                {
                    trail.Add(step.Edge);
                    Follow(step.Near);
                    trail.RemoveAt(trail.Count - 1);
                }
            }
        }
    }

    private static List<KindGroup> GroupByKind(WalkResult walk) =>
        [.. walk.Nodes.GroupBy(n => n.Entity.Kind).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal).Select(g => new KindGroup(g.Key, [.. g]))];

    private static List<InputChange> CompareInputs(WalkResult a, WalkResult b)
    {
        var versionsA = LogicalInputs(a);
        var versionsB = LogicalInputs(b);
        var readsA = InputReads(a);
        var readsB = InputReads(b);
        return [.. versionsA.Keys.Union(versionsB.Keys)
            .OrderBy(l => EntityKinds.KeyPrefix(l.Kind), StringComparer.Ordinal)
            .ThenBy(l => l.Namespace, Texts.CodePointOrder)
            .ThenBy(l => l.Name, Texts.CodePointOrder)
            .Select(logical =>
            {
                var inA = versionsA.GetValueOrDefault(logical) ?? [];
                var inB = versionsB.GetValueOrDefault(logical) ?? [];
                var (byA, byB) = (readsA.GetValueOrDefault(logical) ?? [], readsB.GetValueOrDefault(logical) ?? []);

                // The same versions read in other roles are a change too (a holdout set now trained on,
                // or two versions whose roles swapped): judged by which version was read in which role.
                var change = inA.Count == 0 ? ChangeKind.Added
                    : inB.Count == 0 ? ChangeKind.Removed
                    : inA.SequenceEqual(inB) && byA.SetEquals(byB) ? ChangeKind.Unchanged
                    : ChangeKind.Changed;
                return new InputChange(logical.Kind, logical.Namespace, logical.Name, change, inA, inB) { RolesA = Roles(byA), RolesB = Roles(byB) };
            })];
    }

    /// <summary>Which version of each logical input runs of the closure read in which role (null: read without one).</summary>
    private static Dictionary<(EntityKind Kind, string Namespace, string Name), HashSet<(string Version, string? Role)>> InputReads(WalkResult walk) =>
        walk.Edges
            .Where(e => e.Relation == RelationKind.InputTo)
            .GroupBy(e => e.From.Logical)
            .ToDictionary(g => g.Key, g => g.Select(e => (e.From.Version ?? "", e.Role)).ToHashSet());

    /// <summary>The distinct roles among reads, in ordinal order.</summary>
    private static List<string> Roles(HashSet<(string Version, string? Role)> reads) =>
        [.. reads.Where(r => r.Role is not null).Select(r => r.Role!).Distinct().Order(StringComparer.Ordinal)];

    // Runs are never the same twice and hyperparameter sets are compared value by value, so
    // neither is a logical input; an unversioned input shows as the empty version. Another version of
    // the entity compared is an input like any other (a model warm-started from the one before it):
    // the walk leaves out only its start.
    private static Dictionary<(EntityKind Kind, string Namespace, string Name), List<string>> LogicalInputs(WalkResult walk) =>
        walk.Nodes
            .Select(n => n.Entity.Key)
            .Where(k => k.Kind is not (EntityKind.Run or EntityKind.HyperparameterSet))
            .GroupBy(k => k.Logical)
            .ToDictionary(g => g.Key, g => g.Select(k => k.Version ?? "").Distinct().Order(Texts.CodePointOrder).ToList());

    /// <summary>
    /// The entity's own hyperparameters: those of the sets CONFIGURED into its runs, by key where two give one name.
    /// Its runs are the entity itself when it is a run, else the runs that PRODUCED it, else (a model declared to
    /// derive from another, a fine-tune) those of the entities of its kind it DERIVES from, nearest first. Not the
    /// nearest sets at any depth: a training run without a set would take an upstream ETL run's window as the
    /// model's own, and a model deriving from a dataset is not configured by the run that made the dataset.
    /// Runs that completed outrank the others, as for metrics: a failed attempt's set is not the model's
    /// when a retry completed.
    /// </summary>
    private static Dictionary<string, JsonElement> Hyperparameters(WalkResult walk)
    {
        var start = walk.Start.Key;
        var runs = new HashSet<EntityKey>();
        if (start.Kind == EntityKind.Run)
        {
            runs.Add(start);
        }

        var frontier = new HashSet<EntityKey> { start };
        var seen = new HashSet<EntityKey> { start };
        while (runs.Count == 0 && frontier.Count > 0)
        {
            runs.UnionWith(walk.Edges.Where(e => e.Relation == RelationKind.Produced && frontier.Contains(e.To)).Select(e => e.From));
            frontier = [.. walk.Edges
                .Where(e => e.Relation == RelationKind.Derives && frontier.Contains(e.To) && e.From.Kind == start.Kind && seen.Add(e.From))
                .Select(e => e.From)];
        }

        var completed = walk.Nodes.Select(n => n.Entity).Append(walk.Start).Where(e => runs.Contains(e.Key) && Completed(e)).Select(e => e.Key).ToHashSet();
        if (completed.Count > 0)
        {
            runs = completed;
        }

        var configured = walk.Edges.Where(e => e.Relation == RelationKind.Configured && runs.Contains(e.To)).Select(e => e.From).ToHashSet();
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var node in walk.Nodes.Where(n => configured.Contains(n.Entity.Key)).OrderBy(n => n.Entity.Key))
        {
            foreach (var (name, value) in ((HyperparameterSetFields)node.Entity.Fields!).Values)
            {
                values.TryAdd(name, value);
            }
        }

        return values;
    }

    private static List<ValueChange> CompareHyperparameters(Dictionary<string, JsonElement> a, Dictionary<string, JsonElement> b) =>
        [.. a.Keys.Union(b.Keys)
            .Order(Texts.CodePointOrder)
            .Select(name =>
            {
                var inA = a.TryGetValue(name, out var valueA);
                var inB = b.TryGetValue(name, out var valueB);
                var change = !inA ? ChangeKind.Added
                    : !inB ? ChangeKind.Removed
                    : LineageJson.Canonical(valueA) == LineageJson.Canonical(valueB) ? ChangeKind.Unchanged
                    : ChangeKind.Changed;
                return new ValueChange(name, change, inA ? valueA : null, inB ? valueB : null);
            })];

    /// <summary>The entity's own metrics (a model's) and those of the latest run of each evaluation job that read it.</summary>
    private async Task<Dictionary<(string Source, string Name), (double Value, EntityKey? Run)>> MetricsAsync(
        Entity entity, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<(string, string), (double, EntityKey?)>();
        foreach (var (name, value) in (entity.Fields as ModelFields)?.Metrics ?? new Dictionary<string, double>())
        {
            metrics[("model", name)] = (value, null);
        }

        var readers = await store.WalkAsync(
            new WalkRequest
            {
                Start = entity.Key,
                Direction = Direction.Downstream,
                MaxDepth = 1,
                Relations = [RelationKind.InputTo],
                Kinds = [EntityKind.Run],
                AsOf = asOf,
                Limit = limits.LimitCap,
            },
            cancellationToken).ConfigureAwait(false);
        // A job's latest run that completed, else its latest: a failed or unfinished evaluation's
        // metrics are what it got before it stopped. Jobs are told apart by key, where
        // "namespace:name" would make one of the jobs (a:b, c) and (a, b:c).
        // The run is chosen before its metrics are looked at: a completed run without metrics is the
        // job's answer (it has none), not an earlier failed run's numbers.
        var latestByJob = readers.Nodes
            .Select(n => n.Entity)
            .Where(e => e.Fields is RunFields { RunType: RunType.Evaluation })
            .GroupBy(e => EntityKey.Create(EntityKind.Job, e.Namespace, e.Name))
            .Select(g => (Job: g.Key, Run: g.OrderByDescending(Completed).ThenByDescending(RunTime).ThenByDescending(e => e.Key).First()));
        foreach (var (job, run) in latestByJob)
        {
            foreach (var (name, value) in ((RunFields)run.Fields!).Metrics ?? new Dictionary<string, double>())
            {
                metrics[(job.ToString(), name)] = (value, run.Key);
            }
        }

        return metrics;
    }

    /// <summary>
    /// Whether a run's code had changes not in its commit: as the run recorded it on its EXECUTED_IN edge
    /// (<see cref="CodeVersionFields.DirtyEdgeProperty"/>), which later runs at the same commit cannot change;
    /// else, for code linked without it, the code version's own flag, which the last write to it set.
    /// </summary>
    private static bool RanDirty(Edge executedIn, Dictionary<EntityKey, Entity> entities) =>
        executedIn.Properties.TryGetValue(CodeVersionFields.DirtyEdgeProperty, out var recorded) && recorded.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? recorded.ValueKind == JsonValueKind.True
            : entities.TryGetValue(executedIn.From, out var code) && code.Fields is CodeVersionFields { Dirty: true };

    private static bool Completed(Entity run) =>
        run.Fields is RunFields { Status: { } status } && string.Equals(status, "COMPLETE", StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset RunTime(Entity run) =>
        run.Fields is RunFields fields ? fields.EndedAt ?? fields.StartedAt ?? run.RecordedAt : run.RecordedAt;

    private static List<MetricChange> CompareMetrics(
        Dictionary<(string Source, string Name), (double Value, EntityKey? Run)> a, Dictionary<(string Source, string Name), (double Value, EntityKey? Run)> b) =>
        [.. a.Keys.Union(b.Keys)
            .OrderBy(m => m.Source == "model" ? "" : m.Source, Texts.CodePointOrder)
            .ThenBy(m => m.Name, Texts.CodePointOrder)
            .Select(metric =>
            {
                var (inA, inB) = (a.TryGetValue(metric, out var x), b.TryGetValue(metric, out var y));
                double? valueA = inA ? x.Value : null;
                double? valueB = inB ? y.Value : null;
                var change = valueA is null ? ChangeKind.Added
                    : valueB is null ? ChangeKind.Removed
                    : valueA == valueB ? ChangeKind.Unchanged
                    : ChangeKind.Changed;
                return new MetricChange(metric.Source, metric.Name, change, valueA, valueB, valueA is { } from && valueB is { } to ? Delta(from, to) : null)
                {
                    RunA = inA ? x.Run : null,
                    RunB = inB ? y.Run : null,
                };
            })];

    /// <summary>
    /// How much a metric moved. Metrics are decimal fractions held as doubles, whose binary difference
    /// shows the noise of both (0.9 − 0.8 = 0.09999999999999998); the difference of their decimal values
    /// (each double's shortest round-trip text) does not. Values too small or too large for a decimal to
    /// hold at that precision take the plain difference; null where that passes the largest double (1.7e308
    /// after -1.7e308), which JSON cannot carry as a number.
    /// </summary>
    private static double? Delta(double from, double to)
    {
        static bool FitsDecimal(double x) => x == 0 || Math.Abs(x) is >= 1e-9 and <= 1e15;

        // Through the shortest text that reads back as the same double (at most 17 digits, which a decimal
        // holds at this range): two different values never give a difference of 0.
        static decimal Exact(double x) => decimal.Parse(x.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (FitsDecimal(from) && FitsDecimal(to))
        {
            return (double)(Exact(to) - Exact(from));
        }

        var delta = to - from;
        return double.IsFinite(delta) ? delta : null;
    }
}
