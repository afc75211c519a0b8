using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Marquez;

/// <summary>
/// Answers Marquez's <c>GET /api/v1/lineage</c> from our graph, so that clients of Marquez's
/// lineage API read it unchanged.
/// </summary>
/// <remarks>
/// <para>Marquez's graph has two kinds of node. A DATASET is a dataset by namespace and name, all
/// its versions together; Models and Features count as datasets, since OpenLineage knows no
/// other kind. A JOB is a job, and its runs are folded into it: a job reads a dataset when any
/// of its current runs has any version of it as input (<c>INPUT_TO</c>), and writes it when any
/// run <c>PRODUCED</c> one.</para>
/// <para>The answer holds the jobs within <c>depth</c> steps of the start and every dataset
/// they read or write, as Marquez's lineage query does. One step joins two jobs that share a
/// dataset, in either direction, so siblings (another reader of the same input) are in it. A
/// dataset starts from every job that reads or writes it (Marquez picks one), and a dataset
/// that no job touches is answered as a graph of that dataset alone.</para>
/// <para>The walk goes one hop at a time through the store's own walks, so that both stores give
/// the same answer. A node with more neighbours than a walk may return, or an answer with more
/// nodes than <c>maxNodes</c>, is refused with <c>LIMIT_EXCEEDED</c> rather than cut short.</para>
/// </remarks>
internal sealed class MarquezLineage(ILineageStore store, TraversalLimits limits, int maxNodes)
{
    private static readonly EntityKind[] DatasetKinds = [EntityKind.Dataset, EntityKind.Model, EntityKind.Feature];
    private static readonly RelationKind[] ReadsAndWrites = [RelationKind.InputTo, RelationKind.Produced];

    private readonly Dictionary<EntityKey, EntityKey?> _jobOfRun = [];
    private readonly Dictionary<(string Namespace, string Name), IReadOnlyList<Entity>> _versions = [];

    public async Task<MarquezGraph> BuildAsync(MarquezNodeId node, int depth, CancellationToken cancellationToken)
    {
        List<EntityKey> start;
        if (node.Type == MarquezNodeType.Job)
        {
            var key = EntityKey.Create(EntityKind.Job, node.Namespace, node.Name);
            _ = await store.GetAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"No job {node.Namespace}:{node.Name} is recorded.", "nodeId");
            start = [key];
        }
        else
        {
            if ((await VersionsAsync((node.Namespace, node.Name), cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                throw new NotFoundException($"No dataset {node.Namespace}:{node.Name} is recorded.", "nodeId");
            }

            start = await JobsTouchingAsync((node.Namespace, node.Name), cancellationToken).ConfigureAwait(false);
        }

        var jobs = new Dictionary<EntityKey, JobIo>();
        var expanded = new HashSet<(string, string)>();
        var datasets = new SortedSet<(string Namespace, string Name)>();
        if (node.Type == MarquezNodeType.Dataset)
        {
            datasets.Add((node.Namespace, node.Name));
        }

        var frontier = start;
        for (var level = 0; frontier.Count > 0; level++)
        {
            var next = new List<EntityKey>();
            foreach (var job in frontier.Where(j => !jobs.ContainsKey(j)))
            {
                var io = await JobIoAsync(job, cancellationToken).ConfigureAwait(false);
                jobs[job] = io;
                datasets.UnionWith(io.Inputs);
                datasets.UnionWith(io.Outputs);
                if (jobs.Count + datasets.Count > maxNodes)
                {
                    throw new LimitExceededException(
                        $"The lineage of {node.Value} within depth {depth} holds more than {maxNodes} jobs and datasets; ask for a smaller depth.", "depth");
                }

                if (level >= depth)
                {
                    continue;
                }

                foreach (var dataset in io.Inputs.Concat(io.Outputs).Where(expanded.Add))
                {
                    next.AddRange((await JobsTouchingAsync(dataset, cancellationToken).ConfigureAwait(false)).Where(j => !jobs.ContainsKey(j)));
                }
            }

            frontier = next;
        }

        var nodes = new List<MarquezNode>(jobs.Count + datasets.Count);
        foreach (var (key, io) in jobs)
        {
            var id = MarquezNodeId.Of(MarquezNodeType.Job, key).Value;
            nodes.Add(new MarquezNode(id, "JOB", MarquezData.Job(io),
                Edges(io.Inputs.Select(d => (DatasetId(d), id))),
                Edges(io.Outputs.Select(d => (id, DatasetId(d))))));
        }

        foreach (var dataset in datasets)
        {
            var id = DatasetId(dataset);
            var versions = await VersionsAsync(dataset, cancellationToken).ConfigureAwait(false);
            nodes.Add(new MarquezNode(id, "DATASET", MarquezData.Dataset(dataset, versions),
                Edges(jobs.Where(j => j.Value.Outputs.Contains(dataset)).Select(j => (MarquezNodeId.Of(MarquezNodeType.Job, j.Key).Value, id))),
                Edges(jobs.Where(j => j.Value.Inputs.Contains(dataset)).Select(j => (id, MarquezNodeId.Of(MarquezNodeType.Job, j.Key).Value)))));
        }

        // Marquez sorts nodes by id and each node's edges by origin, then destination (ordinal, as Java compares strings).
        nodes.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new MarquezGraph(nodes);
    }

    private static string DatasetId((string Namespace, string Name) dataset) =>
        new MarquezNodeId(MarquezNodeType.Dataset, dataset.Namespace, dataset.Name).Value;

    private static List<MarquezEdge> Edges(IEnumerable<(string Origin, string Destination)> edges) =>
        [.. edges.Distinct()
            .OrderBy(e => e.Origin, StringComparer.Ordinal)
            .ThenBy(e => e.Destination, StringComparer.Ordinal)
            .Select(e => new MarquezEdge(e.Origin, e.Destination))];

    /// <summary>What a job's runs read and wrote, and its latest run.</summary>
    private async Task<JobIo> JobIoAsync(EntityKey job, CancellationToken cancellationToken)
    {
        var runs = await NeighboursAsync(job, Direction.Upstream, [RelationKind.InstanceOf], [EntityKind.Run], cancellationToken).ConfigureAwait(false);
        var inputs = new SortedSet<(string, string)>();
        var outputs = new SortedSet<(string, string)>();
        foreach (var run in runs.Nodes)
        {
            _jobOfRun[run.Entity.Key] = job;
            var io = await NeighboursAsync(run.Entity.Key, Direction.Both, ReadsAndWrites, DatasetKinds, cancellationToken).ConfigureAwait(false);
            foreach (var edge in io.Edges)
            {
                if (edge.Relation == RelationKind.InputTo && edge.To.Equals(run.Entity.Key))
                {
                    inputs.Add((edge.From.Namespace, edge.From.Name));
                }
                else if (edge.Relation == RelationKind.Produced && edge.From.Equals(run.Entity.Key))
                {
                    outputs.Add((edge.To.Namespace, edge.To.Name));
                }
            }
        }

        return new JobIo(runs.Start, inputs, outputs, runs.Nodes.Select(n => n.Entity).MaxBy(r => (r.Fields as RunFields)?.StartedAt ?? r.RecordedAt));
    }

    /// <summary>The jobs whose runs read or wrote any version of a dataset, in key order.</summary>
    private async Task<List<EntityKey>> JobsTouchingAsync((string Namespace, string Name) dataset, CancellationToken cancellationToken)
    {
        var jobs = new SortedSet<EntityKey>();
        foreach (var version in await VersionsAsync(dataset, cancellationToken).ConfigureAwait(false))
        {
            var runs = await NeighboursAsync(version.Key, Direction.Both, ReadsAndWrites, [EntityKind.Run], cancellationToken).ConfigureAwait(false);
            foreach (var run in runs.Nodes)
            {
                if (await JobOfRunAsync(run.Entity.Key, cancellationToken).ConfigureAwait(false) is { } job)
                {
                    jobs.Add(job);
                }
            }
        }

        return [.. jobs];
    }

    private async Task<EntityKey?> JobOfRunAsync(EntityKey run, CancellationToken cancellationToken)
    {
        if (!_jobOfRun.TryGetValue(run, out var job))
        {
            var walk = await NeighboursAsync(run, Direction.Downstream, [RelationKind.InstanceOf], [EntityKind.Job], cancellationToken).ConfigureAwait(false);
            job = walk.Nodes.Count > 0 ? walk.Nodes[0].Entity.Key : null;
            _jobOfRun[run] = job;
        }

        return job;
    }

    /// <summary>Every stored version of a dataset (or model, or feature) by namespace and name.</summary>
    private async Task<IReadOnlyList<Entity>> VersionsAsync((string Namespace, string Name) dataset, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(dataset, out var known))
        {
            return known;
        }

        var versions = new List<Entity>();
        foreach (var kind in DatasetKinds)
        {
            string? after = null;
            do
            {
                var page = await store.ListAsync(new EntityQuery
                {
                    Kind = kind,
                    Namespace = dataset.Namespace,
                    Name = dataset.Name,
                    First = EntityQuery.MaxFirst,
                    After = after,
                }, cancellationToken).ConfigureAwait(false);
                versions.AddRange(page.Items);
                after = page.HasNextPage ? page.EndCursor : null;
            }
            while (after is not null);
        }

        _versions[dataset] = versions;
        return versions;
    }

    private async Task<WalkResult> NeighboursAsync(EntityKey key, Direction direction, RelationKind[] relations, EntityKind[] kinds, CancellationToken cancellationToken)
    {
        var walk = await store.WalkAsync(new WalkRequest
        {
            Start = key,
            Direction = direction,
            MaxDepth = 1,
            Relations = relations,
            Kinds = kinds,
            Limit = limits.LimitCap,
        }, cancellationToken).ConfigureAwait(false);
        return walk.Truncated
            ? throw new LimitExceededException($"{key} has more than {limits.LimitCap} neighbours, more than one walk may return (Lineage:Traversal:LimitCap).", "nodeId")
            : walk;
    }
}
