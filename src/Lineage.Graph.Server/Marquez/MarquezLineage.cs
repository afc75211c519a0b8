using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Marquez;

/// <summary>
/// Answers Marquez's <c>GET /api/v1/lineage</c> from our graph, so that clients of Marquez's
/// lineage API read it unchanged.
/// </summary>
/// <remarks>
/// <para>Marquez's graph has two kinds of node. A DATASET is a dataset by namespace and name, all
/// its versions together; Models and Features count as datasets, since OpenLineage knows no
/// other kind. A JOB is a job, and its runs are folded into it: a job reads a dataset when its
/// current run (the one that finished last, else the latest) has any version of it as input
/// (<c>INPUT_TO</c>), and writes it when that run <c>PRODUCED</c> one, as Marquez shows a job's
/// current version.</para>
/// <para>The answer holds the jobs within <c>depth</c> steps of the start and every dataset
/// they read or write, as Marquez's lineage query does. One step joins two jobs that share a
/// dataset, in either direction, so siblings (another reader of the same input) are in it. A
/// dataset starts from every job that reads or writes it (Marquez picks one), and a dataset
/// that no job touches is answered as a graph of that dataset alone.</para>
/// <para>The walk goes one hop at a time through the store's own walks, so that both stores give
/// the same answer, and sends each hop's walks together (<see cref="ILineageStore.WalkKeysManyAsync"/>,
/// or <see cref="ILineageStore.WalkManyAsync"/> for the one hop that needs entities, jobs to their
/// runs), so that a level of jobs costs a few calls to the store however many runs and versions it
/// meets, and one listing of the versions of the datasets it adds (<see cref="ILineageStore.ListVersionsAsync"/>).
/// A node with more neighbours than a walk may return, or an answer with more nodes than
/// <c>maxNodes</c>, is refused with <c>LIMIT_EXCEEDED</c> rather than cut short.</para>
/// </remarks>
internal sealed class MarquezLineage(ILineageStore store, TraversalLimits limits, int maxNodes)
{
    private static readonly EntityKind[] DatasetKinds = [EntityKind.Dataset, EntityKind.Model, EntityKind.Feature];
    private static readonly RelationKind[] ReadsAndWrites = [RelationKind.InputTo, RelationKind.Produced];

    /// <summary>Walks sent to the store in one call: few calls however much history a level meets, and only so many answers held at once.</summary>
    private const int WalksPerCall = 4_096;

    private readonly Dictionary<EntityKey, EntityKey?> _jobOfRun = [];
    private readonly Dictionary<(string Namespace, string Name), IReadOnlyList<Entity>> _versions = [];

    /// <summary>The lineage of the first of a node id's readings (<see cref="MarquezNodeId.Parse"/>) that names a recorded node.</summary>
    public async Task<MarquezGraph> BuildAsync(IReadOnlyList<MarquezNodeId> readings, int depth, CancellationToken cancellationToken)
    {
        var node = await ResolveAsync(readings, cancellationToken).ConfigureAwait(false);

        // Each job found through datasets is kept only if it reads or writes one of them now (JobIoAsync): a job
        // whose earlier runs touched a dataset, and whose current run does not, is no longer its reader or writer.
        var via = new Dictionary<EntityKey, HashSet<(string Namespace, string Name)>>();
        var start = node.Type == MarquezNodeType.Job
            ? [EntityKey.Create(EntityKind.Job, node.Namespace, node.Name)]
            : Via((await JobsTouchingAsync([(node.Namespace, node.Name)], cancellationToken).ConfigureAwait(false)), via);

        var jobs = new Dictionary<EntityKey, JobIo>();
        var expanded = new HashSet<(string, string)>();
        var datasets = new SortedSet<(string Namespace, string Name)>();
        if (node.Type == MarquezNodeType.Dataset)
        {
            datasets.Add((node.Namespace, node.Name));
        }

        // Breadth first, a level of jobs at a time, each level's walks sent together,
        // so that the calls to the store grow with the depth, not with the runs and versions met.
        var frontier = start;
        for (var level = 0; frontier.Count > 0; level++)
        {
            if (jobs.Count + frontier.Count + datasets.Count > maxNodes)
            {
                throw TooLarge(node, depth);
            }

            var levelIo = (await JobIoAsync(frontier, cancellationToken).ConfigureAwait(false))
                .Where(j => !via.TryGetValue(j.Key, out var through) || j.Value.Inputs.Overlaps(through) || j.Value.Outputs.Overlaps(through))
                .ToList();
            foreach (var (job, io) in levelIo)
            {
                jobs[job] = io;
                datasets.UnionWith(io.Inputs);
                datasets.UnionWith(io.Outputs);
            }

            if (jobs.Count + datasets.Count > maxNodes)
            {
                throw TooLarge(node, depth);
            }

            if (level >= depth)
            {
                break;
            }

            var touched = levelIo.SelectMany(j => j.Value.Inputs.Concat(j.Value.Outputs)).Where(expanded.Add).ToList();
            via.Clear();
            frontier = [.. Via(await JobsTouchingAsync(touched, cancellationToken).ConfigureAwait(false), via).Where(j => !jobs.ContainsKey(j))];
        }

        var nodes = new List<MarquezNode>(jobs.Count + datasets.Count);
        foreach (var (key, io) in jobs)
        {
            var id = MarquezNodeId.Of(MarquezNodeType.Job, key).Value;
            nodes.Add(new MarquezNode(id, "JOB", MarquezData.Job(io),
                Edges(io.Inputs.Select(d => (DatasetId(d), id))),
                Edges(io.Outputs.Select(d => (id, DatasetId(d))))));
        }

        await ListVersionsAsync(datasets, cancellationToken).ConfigureAwait(false);
        var writers = jobs.SelectMany(j => j.Value.Outputs.Select(d => (Dataset: d, Job: MarquezNodeId.Of(MarquezNodeType.Job, j.Key).Value))).ToLookup(w => w.Dataset, w => w.Job);
        var readers = jobs.SelectMany(j => j.Value.Inputs.Select(d => (Dataset: d, Job: MarquezNodeId.Of(MarquezNodeType.Job, j.Key).Value))).ToLookup(r => r.Dataset, r => r.Job);
        // A dataset no job of the answer writes now may still have been written: by a job past the depth, or by an
        // earlier run of a job whose current run writes elsewhere (left out of the answer for it), so each is looked at.
        var written = await WrittenAsync([.. datasets.Where(d => !writers[d].Any())], cancellationToken).ConfigureAwait(false);
        written.UnionWith(writers.Select(w => w.Key));
        foreach (var dataset in datasets)
        {
            var id = DatasetId(dataset);
            nodes.Add(new MarquezNode(id, "DATASET", MarquezData.Dataset(dataset, _versions[dataset], written.Contains(dataset)),
                Edges(writers[dataset].Select(job => (job, id))),
                Edges(readers[dataset].Select(job => (id, job)))));
        }

        // Marquez sorts nodes by id and each node's edges by origin, then destination (ordinal, as Java compares strings).
        nodes.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new MarquezGraph(nodes);
    }

    /// <summary>
    /// The first of the readings (all of one type) that names a recorded node. Jobs are looked up
    /// together, in one call; datasets are listed one at a time, stopping at the first found, so
    /// an id with one reading, or whose first reading is recorded, costs the one listing it always
    /// did (and the listing is kept for the walk).
    /// </summary>
    private async Task<MarquezNodeId> ResolveAsync(IReadOnlyList<MarquezNodeId> readings, CancellationToken cancellationToken)
    {
        var id = $"{readings[0].Namespace}:{readings[0].Name}";
        if (readings[0].Type == MarquezNodeType.Job)
        {
            // Parse has left out the readings that make no valid key.
            var keyed = readings.Select(r => (Reading: r, Key: EntityKey.Create(EntityKind.Job, r.Namespace, r.Name))).ToList();
            var found = await store.GetManyAsync([.. keyed.Select(r => r.Key)], cancellationToken: cancellationToken).ConfigureAwait(false);
            var first = keyed.FindIndex(r => found.ContainsKey(r.Key));
            return first >= 0 ? keyed[first].Reading : throw new NotFoundException($"No job {id} is recorded.", "nodeId");
        }

        foreach (var reading in readings)
        {
            await ListVersionsAsync([(reading.Namespace, reading.Name)], cancellationToken).ConfigureAwait(false);
            if (_versions[(reading.Namespace, reading.Name)].Count > 0)
            {
                return reading;
            }
        }

        throw new NotFoundException($"No dataset {id} is recorded.", "nodeId");
    }

    /// <summary>The jobs that touched any of the datasets, each once, with the datasets it was found through put in <paramref name="via"/>.</summary>
    private static List<EntityKey> Via(
        Dictionary<(string Namespace, string Name), List<EntityKey>> touching, Dictionary<EntityKey, HashSet<(string Namespace, string Name)>> via)
    {
        foreach (var (dataset, jobs) in touching)
        {
            foreach (var job in jobs)
            {
                (via.TryGetValue(job, out var through) ? through : via[job] = []).Add(dataset);
            }
        }

        return [.. touching.Values.SelectMany(jobs => jobs).Distinct()];
    }

    private static string DatasetId((string Namespace, string Name) dataset) =>
        new MarquezNodeId(MarquezNodeType.Dataset, dataset.Namespace, dataset.Name).Value;

    private static List<MarquezEdge> Edges(IEnumerable<(string Origin, string Destination)> edges) =>
        [.. edges.Distinct()
            .OrderBy(e => e.Origin, StringComparer.Ordinal)
            .ThenBy(e => e.Destination, StringComparer.Ordinal)
            .Select(e => new MarquezEdge(e.Origin, e.Destination))];

    private LimitExceededException TooLarge(MarquezNodeId node, int depth) =>
        new($"The lineage of {node.Value} within depth {depth} holds more than {maxNodes} jobs and datasets (Lineage:OpenLineage:MaxLineageNodes); "
            + (depth > 0 ? "ask for a smaller depth." : "no smaller depth leaves it out: the server's bound would have to be raised to show this node."), "depth");

    /// <summary>
    /// What each job reads and writes now, and its latest run: batches of walks for the jobs' runs, then for the
    /// inputs and outputs of each job's current run (<see cref="Current"/>). Marquez shows a job's current version,
    /// whose inputs and outputs are those of the run that last finished; a table the job stopped writing is not
    /// its output any more.
    /// </summary>
    private async Task<Dictionary<EntityKey, JobIo>> JobIoAsync(List<EntityKey> jobs, CancellationToken cancellationToken)
    {
        var runsOf = new Dictionary<EntityKey, WalkResult>();
        await NeighboursAsync(jobs, Direction.Upstream, [RelationKind.InstanceOf], [EntityKind.Run], walk => runsOf[walk.Start.Key] = walk, cancellationToken)
            .ConfigureAwait(false);
        var inputs = runsOf.Keys.ToDictionary(job => job, _ => new SortedSet<(string, string)>());
        var outputs = runsOf.Keys.ToDictionary(job => job, _ => new SortedSet<(string, string)>());
        var jobsOfRun = new Dictionary<EntityKey, List<EntityKey>>();
        foreach (var (job, walk) in runsOf)
        {
            foreach (var run in walk.Nodes.Select(n => n.Entity.Key))
            {
                _jobOfRun[run] = job;
            }

            if (Current(walk.Nodes.Select(n => n.Entity)) is { } current)
            {
                (jobsOfRun.TryGetValue(current.Key, out var of) ? of : jobsOfRun[current.Key] = []).Add(job);
            }
        }

        await NeighbourKeysAsync([.. jobsOfRun.Keys], Direction.Both, ReadsAndWrites, DatasetKinds, io =>
        {
            var run = io.Start;
            foreach (var job in jobsOfRun[run])
            {
                foreach (var edge in io.Edges)
                {
                    if (edge.Relation == RelationKind.InputTo && edge.To.Equals(run))
                    {
                        inputs[job].Add((edge.From.Namespace, edge.From.Name));
                    }
                    else if (edge.Relation == RelationKind.Produced && edge.From.Equals(run))
                    {
                        outputs[job].Add((edge.To.Namespace, edge.To.Name));
                    }
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        return runsOf.ToDictionary(j => j.Key, j => new JobIo(j.Value.Start, inputs[j.Key], outputs[j.Key],
            j.Value.Nodes.Select(n => n.Entity).MaxBy(LatestFirst)));
    }

    /// <summary>
    /// The run whose inputs and outputs are the job's now: the one that finished (COMPLETE, FAIL, ABORT) last, by
    /// its end time, as Marquez makes a job version when a run ends; else, before any run ended, the latest
    /// (<see cref="LatestFirst"/>).
    /// </summary>
    private static Entity? Current(IEnumerable<Entity> runs)
    {
        var all = runs.ToList();
        return all.Where(r => r.Fields is RunFields { Status: { } status } && Finished.Contains(status))
                .MaxBy(r => ((r.Fields as RunFields)?.EndedAt ?? LatestFirst(r).At, LatestFirst(r).At))
            ?? all.MaxBy(LatestFirst);
    }

    private static readonly HashSet<string> Finished = new(["COMPLETE", "FAIL", "ABORT"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When a run happened, for picking a job's latest: when it started, else when it ended (a run
    /// reported only by its COMPLETE event), else when an event last described it (a run reported
    /// only as RUNNING), all the producer's event times. A run no event described (one a child's
    /// <c>parent</c> facet named) comes after every run that was, by the server's own clock (when it
    /// was recorded): ranked with them by that clock, a backfilled or placeholder run recorded today
    /// would pass for the latest.
    /// </summary>
    private static (bool Described, DateTimeOffset At) LatestFirst(Entity run) =>
        run.Fields is RunFields { StartedAt: { } started } ? (true, started)
        : run.Fields is RunFields { EndedAt: { } ended } ? (true, ended)
        : EntityMerge.ObservedAt(run.Properties) is { } observed ? (true, observed)
        : (false, run.RecordedAt);

    /// <summary>
    /// Which of <paramref name="datasets"/>, at the edge of the answer, some run wrote (a version of it):
    /// the depth may have left its writer out, and whether it was ever modified does not depend on how
    /// far the question looked. One step upstream along PRODUCED from each version, at most one run
    /// each: one is enough to know.
    /// </summary>
    private async Task<HashSet<(string Namespace, string Name)>> WrittenAsync(
        IReadOnlyList<(string Namespace, string Name)> datasets, CancellationToken cancellationToken)
    {
        var written = new HashSet<(string Namespace, string Name)>();
        foreach (var chunk in datasets.SelectMany(d => _versions[d]).Select(v => v.Key).Chunk(WalksPerCall))
        {
            var walks = await store.WalkKeysManyAsync([.. chunk.Select(key => new WalkRequest
            {
                Start = key,
                Direction = Direction.Upstream,
                MaxDepth = 1,
                Relations = [RelationKind.Produced],
                Kinds = [EntityKind.Run],
                Limit = 1,
            })], cancellationToken).ConfigureAwait(false);
            written.UnionWith(walks.OfType<WalkKeys>().Where(w => w.Nodes.Count > 0).Select(w => (w.Start.Namespace, w.Start.Name)));
        }

        return written;
    }

    /// <summary>For each dataset, the jobs whose runs read or wrote any version of it, in key order.</summary>
    private async Task<Dictionary<(string Namespace, string Name), List<EntityKey>>> JobsTouchingAsync(
        IReadOnlyList<(string Namespace, string Name)> datasets, CancellationToken cancellationToken)
    {
        await ListVersionsAsync(datasets, cancellationToken).ConfigureAwait(false);

        // A version's namespace and name are its dataset's: that is how its versions were listed.
        var runsOf = datasets.Distinct().ToDictionary(d => d, _ => new HashSet<EntityKey>());
        await NeighbourKeysAsync([.. runsOf.Keys.SelectMany(d => _versions[d]).Select(v => v.Key).Distinct()], Direction.Both, ReadsAndWrites, [EntityKind.Run],
            walk => runsOf[(walk.Start.Namespace, walk.Start.Name)].UnionWith(walk.Nodes.Select(n => n.Key)), cancellationToken).ConfigureAwait(false);
        var unknown = runsOf.Values.SelectMany(runs => runs).Where(run => !_jobOfRun.ContainsKey(run)).Distinct().ToList();
        await NeighbourKeysAsync(unknown, Direction.Downstream, [RelationKind.InstanceOf], [EntityKind.Job],
            walk => _jobOfRun[walk.Start] = walk.Nodes.Count > 0 ? walk.Nodes[0].Key : null, cancellationToken).ConfigureAwait(false);

        return runsOf.ToDictionary(d => d.Key, d => d.Value
            .Select(run => _jobOfRun.GetValueOrDefault(run))
            .OfType<EntityKey>()
            .Distinct()
            .Order()
            .ToList());
    }

    /// <summary>
    /// Every current version of each dataset (or model, or feature) by namespace and name, into
    /// <see cref="_versions"/>: those not listed yet, in one call for all of them and every kind
    /// that counts as a dataset.
    /// </summary>
    private async Task ListVersionsAsync(IEnumerable<(string Namespace, string Name)> datasets, CancellationToken cancellationToken)
    {
        var wanted = datasets.Where(d => !_versions.ContainsKey(d)).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var listed = await store.ListVersionsAsync(
            [.. wanted.SelectMany(d => DatasetKinds.Select(kind => (kind, d.Namespace, d.Name)))], cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var dataset in wanted)
        {
            _versions[dataset] = [.. DatasetKinds.SelectMany(kind => listed.GetValueOrDefault((kind, dataset.Namespace, dataset.Name)) ?? [])];
        }
    }

    /// <summary>
    /// One hop from each of <paramref name="keys"/>, <see cref="WalksPerCall"/> to a call to the
    /// store, each answer handed to <paramref name="fold"/> and none kept here: a level of jobs can
    /// meet hundreds of thousands of runs. An entity gone since it was found is left out. A node
    /// with more neighbours than a walk may return is refused. This is the one hop that needs
    /// entities (a job's runs, for its latest); the others need keys (<see cref="NeighbourKeysAsync"/>).
    /// </summary>
    private Task NeighboursAsync(
        List<EntityKey> keys, Direction direction, RelationKind[] relations, EntityKind[] kinds, Action<WalkResult> fold, CancellationToken cancellationToken) =>
        HopAsync(keys, direction, relations, kinds, store.WalkManyAsync, walk => (walk.Start.Key, walk.Truncated), fold, cancellationToken);

    /// <summary>
    /// The same hop as keys alone (<see cref="ILineageStore.WalkKeysManyAsync"/>): which runs touched a
    /// version, which datasets a run touched, a run's job. The embedded store answers these from its
    /// index; reading the entities of every version and run of a lineage was most of its time.
    /// </summary>
    private Task NeighbourKeysAsync(
        List<EntityKey> keys, Direction direction, RelationKind[] relations, EntityKind[] kinds, Action<WalkKeys> fold, CancellationToken cancellationToken) =>
        HopAsync(keys, direction, relations, kinds, store.WalkKeysManyAsync, walk => (walk.Start, walk.Truncated), fold, cancellationToken);

    private async Task HopAsync<TWalk>(
        List<EntityKey> keys, Direction direction, RelationKind[] relations, EntityKind[] kinds,
        Func<IReadOnlyList<WalkRequest>, CancellationToken, Task<IReadOnlyList<TWalk?>>> walkMany,
        Func<TWalk, (EntityKey Start, bool Truncated)> describe, Action<TWalk> fold, CancellationToken cancellationToken)
        where TWalk : class
    {
        foreach (var chunk in keys.Chunk(WalksPerCall))
        {
            var walks = await walkMany([.. chunk.Select(key => new WalkRequest
            {
                Start = key,
                Direction = direction,
                MaxDepth = 1,
                Relations = relations,
                Kinds = kinds,
                Limit = limits.LimitCap,
            })], cancellationToken).ConfigureAwait(false);
            foreach (var walk in walks.OfType<TWalk>())
            {
                var (start, truncated) = describe(walk);
                fold(truncated
                    ? throw new LimitExceededException($"The lineage of this node meets {start}, which has more than {limits.LimitCap} neighbours: the answer is built from one step around each run and dataset, and one step returns at most Lineage:Traversal:LimitCap nodes. The answer is refused rather than cut short.", "nodeId")
                    : walk);
            }
        }
    }
}
