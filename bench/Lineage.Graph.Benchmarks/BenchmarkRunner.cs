using System.Diagnostics;
using System.Globalization;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// One run on one file: ingest into a fresh database, close, reopen (index load time and
/// memory), then the same walks through the store and as a recursive CTE, then the lineage
/// query through the real server against the same walks in-process.
/// </summary>
internal sealed class BenchmarkRunner(BenchmarkOptions options, TimeProvider time, TextWriter progress)
{
    private const int BatchSize = 1_000;
    private const int ImpactDepth = 10;
    private const int ProvenanceDepth = 100;
    // Tiered compilation (with PGO) compiles a method three times over some 60 calls, on a background
    // thread after a 100 ms pause: five warm-up walks left the walk half-compiled (its first timed walks
    // ran at a third of their speed with every method fully optimised), so each kind of walk is warmed
    // up for at least this many walks and this long, on both sides, from starts that are not timed.
    private const int WarmUpWalks = 100;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(3);
    private const int WarmUpStarts = 20;
    private const int MaxWarningsPerCheck = 5;

    // Big enough that no walk of these graphs is truncated: a cut answer would flatter the store.
    private static readonly TraversalLimits Limits = new() { MaxDepthCap = ProvenanceDepth, LimitCap = 1_000_000, DefaultLimit = 1_000_000 };

    private readonly List<string> _warnings = [];

    public async Task<BenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        Directory.CreateDirectory(options.WorkFolder);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(options.DatabasePath + suffix);
        }

        var generator = new LineageGenerator(options.Entities, options.Seed);
        var (ingestSeconds, generateSeconds, batches) = await IngestAsync(generator, cancellationToken);
        var databaseBytes = new[] { "", "-wal" }.Select(s => new FileInfo(options.DatabasePath + s)).Where(f => f.Exists).Sum(f => f.Length);

        // Full collections on both sides, so the difference is what the open store keeps.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var loadClock = Stopwatch.StartNew();
        var store = SqliteLineageStore.Open(Store(), Limits, time);
        loadClock.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        progress.WriteLine($"index loaded in {loadClock.Elapsed.TotalSeconds:F2} s, {(after - before) / 1_048_576.0:F1} MiB");

        await using (store)
        {
            var (indexedEntities, indexedEdges) = store.IndexedCounts;
            if (indexedEntities != generator.EntityCount || indexedEdges != generator.EdgeCount)
            {
                Warn($"the index holds {indexedEntities:N0} entities and {indexedEdges:N0} edges; {generator.EntityCount:N0} and {generator.EdgeCount:N0} were written");
            }

            var starts = new Random(options.Seed + 1);
            var rawStarts = Sample(generator.RawDatasetVersions, starts);
            var modelStarts = Sample(generator.ModelVersions, starts);
            var deploymentStarts = Sample(generator.Deployments, starts);

            var (impact, impactAnswers, _) = await TimeWalksAsync(store, "impact", rawStarts, Direction.Downstream, ImpactDepth, kinds: null, cancellationToken);
            var (deployments, deploymentAnswers, _) = await TimeWalksAsync(
                store, "impact on deployments", rawStarts, Direction.Downstream, ImpactDepth, [EntityKind.Deployment], cancellationToken);
            // Nothing downstream of a dataset is a hyperparameter set, so these walks traverse the whole
            // closure and return nothing: edges visited per second of the traversal alone.
            var (traversalOnly, _, traversalVisited) = await TimeWalksAsync(
                store, "impact returning nothing", rawStarts, Direction.Downstream, ImpactDepth, [EntityKind.HyperparameterSet], cancellationToken);
            var (provenance, provenanceAnswers, _) = await TimeWalksAsync(store, "provenance", modelStarts, Direction.Upstream, ProvenanceDepth, kinds: null, cancellationToken);
            var (empty, _, _) = await TimeWalksAsync(store, "empty", deploymentStarts, Direction.Downstream, ImpactDepth, kinds: null, cancellationToken);

            // What the walks above left in the entity cache, and what it costs.
            var (cachedCount, hits, misses) = store.EntityCacheStatistics;
            var cacheBytes = GC.GetTotalMemory(forceFullCollection: true) - after;
            var countedBytes = Convert.ToInt64((await store.CheckHealthAsync(cancellationToken)).Data["cachedEntityBytes"], CultureInfo.InvariantCulture);
            progress.WriteLine($"entity cache: {cachedCount:N0} kept, {hits:N0} hits, {misses:N0} misses, {cacheBytes / 1_048_576.0:F1} MiB");
            var (impactRepeated, _, _) = await TimeWalksAsync(store, "impact repeated", rawStarts, Direction.Downstream, ImpactDepth, kinds: null, cancellationToken);
            var (provenanceRepeated, _, _) = await TimeWalksAsync(
                store, "provenance repeated", modelStarts, Direction.Upstream, ProvenanceDepth, kinds: null, cancellationToken);
            var (impactUncached, provenanceUncached) = await TimeUncachedWalksAsync(rawStarts, modelStarts, cancellationToken);

            var cteIndexSeconds = RecursiveCteWalker.CreateIndexes(options.DatabasePath);
            using var cte = new RecursiveCteWalker(options.DatabasePath);
            // The nodes-only CTE first: the full one, timed after it on the same starts, finds their
            // pages warm, which favours the baseline the target is judged against.
            var impactCteNodes = TimeCteNodes(cte, "impact", rawStarts, Direction.Downstream, ImpactDepth, impactAnswers, cancellationToken);
            var provenanceCteNodes = TimeCteNodes(cte, "provenance", modelStarts, Direction.Upstream, ProvenanceDepth, provenanceAnswers, cancellationToken);
            var impactCte = TimeCte(cte, "impact", rawStarts, Direction.Downstream, ImpactDepth, impactAnswers, deploymentAnswers, cancellationToken);
            var provenanceCte = TimeCte(
                cte, "provenance", modelStarts, Direction.Upstream, ProvenanceDepth, provenanceAnswers, deploymentAnswers: null, cancellationToken);
            var traversalCte = TimeCteTraversal(cte, rawStarts, traversalVisited, cancellationToken);

            // After the walks, so that no walk figure shares the machine with an idle server.
            HttpMeasurement? http = null;
            if (options.HttpSeconds > 0)
            {
                http = await new HttpBenchmark(options, store, time, progress, Warn)
                    .RunAsync(rawStarts.Timed, generator.RawDatasetVersions, ImpactDepth, Limits.LimitCap, cancellationToken);
            }

            // After everything else, so that its gigabyte of writes disturbs no other figure.
            var bare = await BareInsertBaseline.RunAsync(options.DatabasePath, options.BareDatabasePath, options.Synchronous, cancellationToken);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(options.BareDatabasePath + suffix);
            }

            progress.WriteLine($"bare inserts of the same rows: {bare.Entities / bare.Seconds:N0} entities/s");
            if (bare.Entities != generator.EntityCount || bare.Edges != generator.EdgeCount)
            {
                Warn($"the bare-insert ceiling copied {bare.Entities:N0} entities and {bare.Edges:N0} edges; the store holds {generator.EntityCount:N0} and {generator.EdgeCount:N0}");
            }

            return new BenchmarkResult
            {
                Options = options,
                StartedAt = startedAt,
                Machine = MachineInfo.Current(),
                SqliteVersion = cte.SqliteVersion,
                Entities = generator.EntityCount,
                Edges = generator.EdgeCount,
                EntitiesByKind = generator.EntitiesByKind,
                EdgesByRelation = generator.EdgesByRelation,
                Batches = batches,
                DatabaseBytes = databaseBytes,
                IngestSeconds = ingestSeconds,
                BareInsertSeconds = bare.Seconds,
                CteIndexSeconds = cteIndexSeconds,
                GenerateSeconds = generateSeconds,
                IndexLoadSeconds = loadClock.Elapsed.TotalSeconds,
                IndexBytes = after - before,
                Cache = (Store().EntityCacheSize, cachedCount, hits, misses),
                CacheBytes = cacheBytes,
                CacheCountedBytes = countedBytes,
                ImpactRepeated = impactRepeated,
                ProvenanceRepeated = provenanceRepeated,
                ImpactUncached = impactUncached,
                ProvenanceUncached = provenanceUncached,
                Impact = impact,
                ImpactOnDeployments = deployments,
                ImpactTraversalOnly = traversalOnly,
                Provenance = provenance,
                EmptyWalk = empty,
                ImpactCte = impactCte,
                ProvenanceCte = provenanceCte,
                ImpactCteTraversalOnly = traversalCte,
                ImpactCteNodesOnly = impactCteNodes,
                ProvenanceCteNodesOnly = provenanceCteNodes,
                Http = http,
                Warnings = _warnings,
            };
        }
    }

    private SqliteStoreOptions Store() => new() { Path = options.DatabasePath, Synchronous = options.Synchronous, EntityCacheSize = options.EntityCache };

    private async Task<(double IngestSeconds, double GenerateSeconds, int Batches)> IngestAsync(LineageGenerator generator, CancellationToken cancellationToken)
    {
        var writeClock = new Stopwatch();
        var totalClock = Stopwatch.StartNew();
        long entitiesCreated = 0, edgesCreated = 0;
        var batches = 0;
        var nextReport = options.Entities / 10;
        await using (var store = SqliteLineageStore.Open(Store(), Limits, time))
        {
            foreach (var batch in generator.Batches(BatchSize))
            {
                writeClock.Start();
                var written = await store.WriteAsync(batch, cancellationToken);
                writeClock.Stop();
                batches++;
                entitiesCreated += written.EntitiesCreated;
                edgesCreated += written.EdgesCreated;
                if (entitiesCreated >= nextReport)
                {
                    progress.WriteLine($"ingest: {entitiesCreated:N0} entities, {edgesCreated:N0} edges, {entitiesCreated / writeClock.Elapsed.TotalSeconds:N0} entities/s");
                    nextReport += options.Entities / 10;
                }
            }
        }

        totalClock.Stop();
        if (entitiesCreated != generator.EntityCount || edgesCreated != generator.EdgeCount)
        {
            Warn($"the store reports {entitiesCreated:N0} entities and {edgesCreated:N0} edges created; the generator wrote {generator.EntityCount:N0} and {generator.EdgeCount:N0}");
        }

        return (writeClock.Elapsed.TotalSeconds, (totalClock.Elapsed - writeClock.Elapsed).TotalSeconds, batches);
    }

    /// <summary>
    /// The impact and provenance walks on a second store on the same file with the entity cache
    /// off, so that every entity returned is read and decoded: what the walks cost without it.
    /// </summary>
    private async Task<(WalkMeasurement Impact, WalkMeasurement Provenance)> TimeUncachedWalksAsync(
        StartSet rawStarts, StartSet modelStarts, CancellationToken cancellationToken)
    {
        var options = Store();
        options.EntityCacheSize = 0;
        await using var uncached = SqliteLineageStore.Open(options, Limits, time);
        var (impact, _, _) = await TimeWalksAsync(uncached, "impact without the cache", rawStarts, Direction.Downstream, ImpactDepth, kinds: null, cancellationToken);
        var (provenance, _, _) = await TimeWalksAsync(
            uncached, "provenance without the cache", modelStarts, Direction.Upstream, ProvenanceDepth, kinds: null, cancellationToken);
        return (impact, provenance);
    }

    /// <summary>Distinct starts, the timed ones first; the warm-up ones are what is left of <see cref="WarmUpStarts"/> once they are picked.</summary>
    private StartSet Sample(List<EntityKey> candidates, Random random)
    {
        var timed = Math.Min(options.Walks, candidates.Count);
        var picked = new List<int>();
        var seen = new HashSet<int>();
        while (picked.Count < Math.Min(timed + WarmUpStarts, candidates.Count))
        {
            var next = random.Next(candidates.Count);
            if (seen.Add(next))
            {
                picked.Add(next);
            }
        }

        var warmUp = picked.Skip(timed).Select(i => candidates[i]).ToList();
        if (warmUp.Count == 0)
        {
            Warn($"only {candidates.Count:N0} starts to pick from, all of them timed: the warm-up walks repeat timed ones");
            warmUp = [.. picked.Take(WarmUpStarts).Select(i => candidates[i])];
        }

        return new StartSet([.. picked.Take(timed).Select(i => candidates[i])], warmUp);
    }

    /// <summary>Whether a warm-up of <paramref name="walks"/> walks that began at <paramref name="began"/> is long enough.</summary>
    private static bool WarmedUp(int walks, long began) => walks >= WarmUpWalks && Stopwatch.GetElapsedTime(began) >= WarmUpTime;

    private async Task<(WalkMeasurement Measurement, List<AnswerDigest> Answers, List<int> NodesVisited)> TimeWalksAsync(
        SqliteLineageStore store, string name, StartSet startSet, Direction direction, int depth, IReadOnlyList<EntityKind>? kinds,
        CancellationToken cancellationToken)
    {
        WalkRequest Request(EntityKey start) => new()
        {
            Start = start,
            Direction = direction,
            MaxDepth = depth,
            Kinds = kinds,
            Limit = Limits.LimitCap,
        };

        // Untimed walks from other starts, so that JIT tiers and SQLite's page cache settle before the clock runs.
        var warmUpBegan = Stopwatch.GetTimestamp();
        for (var i = 0; !WarmedUp(i, warmUpBegan); i++)
        {
            await store.WalkAsync(Request(startSet.WarmUp[i % startSet.WarmUp.Count]), cancellationToken);
        }

        var starts = startSet.Timed;
        var (_, hitsBefore, missesBefore) = store.EntityCacheStatistics;
        var latencies = new List<double>(starts.Count);
        var answers = new List<AnswerDigest>(starts.Count);
        var visited = new List<int>(starts.Count);
        long nodes = 0, edges = 0, edgesVisited = 0;
        var truncated = 0;
        foreach (var start in starts)
        {
            var began = Stopwatch.GetTimestamp();
            var result = await store.WalkAsync(Request(start), cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            nodes += result.Nodes.Count;
            edges += result.Edges.Count;
            edgesVisited += result.EdgesVisited;
            truncated += result.Truncated ? 1 : 0;
            answers.Add(AnswerDigest.Of(result.Nodes, result.Edges));
            visited.Add(result.NodesVisited);
        }

        var (_, hitsAfter, missesAfter) = store.EntityCacheStatistics;
        if (truncated > 0)
        {
            Warn($"{truncated} {name} walks were truncated at {Limits.LimitCap:N0} nodes");
        }

        var lookups = hitsAfter - hitsBefore + missesAfter - missesBefore;
        var measurement = new WalkMeasurement(LatencySummary.Of(latencies), (double)nodes / starts.Count, edgesVisited, truncated, (double)edges / starts.Count)
        {
            CacheHitRatio = lookups > 0 ? (double)(hitsAfter - hitsBefore) / lookups : null,
        };
        progress.WriteLine($"{name}: p50 {measurement.Latency.P50:F2} ms, p99 {measurement.Latency.P99:F2} ms, {measurement.AverageNodes:N0} nodes on average");
        return (measurement, answers, visited);
    }

    /// <summary>
    /// The walks as a recursive CTE, each answer checked equal to the store's: the same start, nodes
    /// with their depths and edges, each list in the same order. With <paramref name="deploymentAnswers"/>,
    /// the CTE's deployments are also checked against the store's walks that returned only deployments.
    /// </summary>
    private WalkMeasurement TimeCte(
        RecursiveCteWalker cte, string name, StartSet startSet, Direction direction, int depth,
        List<AnswerDigest> storeAnswers, List<AnswerDigest>? deploymentAnswers, CancellationToken cancellationToken)
    {
        long nodes = 0, edges = 0;
        var starts = startSet.Timed;
        var latencies = TimeBaseline(startSet, start => cte.Walk(start, direction, depth), (i, answer, earlier) =>
        {
            if (answer is null || answer.Start.Key != starts[i])
            {
                throw new InvalidOperationException($"The recursive CTE did not find the start {starts[i]}.");
            }

            nodes += answer.Nodes.Count;
            edges += answer.Edges.Count;
            var found = Compare($"{name} from {starts[i]}", storeAnswers[i], AnswerDigest.Of(answer.Nodes, answer.Edges), nodesOnly: false, earlier);
            if (deploymentAnswers is not null)
            {
                var deployments = answer.Nodes.Where(n => n.Entity.Kind == EntityKind.Deployment).ToList();
                found += Compare($"{name} on deployments from {starts[i]}", deploymentAnswers[i], AnswerDigest.Of(deployments, []), nodesOnly: true, earlier + found);
            }

            return found;
        }, $"{name} walks", cancellationToken);

        var measurement = new WalkMeasurement(LatencySummary.Of(latencies), (double)nodes / starts.Count, 0, 0, (double)edges / starts.Count);
        progress.WriteLine(
            $"{name} as recursive CTE: p50 {measurement.Latency.P50:F2} ms, p99 {measurement.Latency.P99:F2} ms, {measurement.AverageNodes:N0} nodes and {measurement.AverageEdges:N0} edges on average");
        return measurement;
    }

    /// <summary>The CTE of the nodes alone (<see cref="RecursiveCteWalker.WalkNodes"/>), its nodes checked against the store's answers.</summary>
    private WalkMeasurement TimeCteNodes(
        RecursiveCteWalker cte, string name, StartSet startSet, Direction direction, int depth, List<AnswerDigest> storeAnswers, CancellationToken cancellationToken)
    {
        long nodes = 0;
        var starts = startSet.Timed;
        var latencies = TimeBaseline(startSet, start => cte.WalkNodes(start, direction, depth), (i, answer, earlier) =>
        {
            nodes += answer.Count;
            return Compare($"{name} (nodes only) from {starts[i]}", storeAnswers[i], AnswerDigest.Of(answer, []), nodesOnly: true, earlier);
        }, $"{name} walks (nodes only)", cancellationToken);

        var measurement = new WalkMeasurement(LatencySummary.Of(latencies), (double)nodes / starts.Count, 0, 0);
        progress.WriteLine($"{name} as recursive CTE of the nodes alone: p50 {measurement.Latency.P50:F2} ms, p99 {measurement.Latency.P99:F2} ms");
        return measurement;
    }

    /// <summary>
    /// The impact walks as a recursive CTE that returns ids and depths only, against the store's walks that
    /// return nothing: both traverse the whole closure and materialise no entity. The CTE's count must be
    /// the walk's NodesVisited less the start.
    /// </summary>
    private WalkMeasurement TimeCteTraversal(RecursiveCteWalker cte, StartSet startSet, List<int> storeVisited, CancellationToken cancellationToken)
    {
        long nodes = 0;
        var starts = startSet.Timed;
        var latencies = TimeBaseline(startSet, start => cte.WalkIds(start, Direction.Downstream, ImpactDepth), (i, reached, earlier) =>
        {
            nodes += reached.Count;
            if (reached.Count == storeVisited[i] - 1)
            {
                return 0;
            }

            if (earlier < MaxWarningsPerCheck)
            {
                Warn(string.Create(CultureInfo.InvariantCulture,
                    $"impact traversal from {starts[i]}: the ids-only CTE reached {reached.Count} nodes, the store's walk visited {storeVisited[i]} (start included)"));
            }

            return 1;
        }, "impact traversals (ids only)", cancellationToken);

        var measurement = new WalkMeasurement(LatencySummary.Of(latencies), (double)nodes / starts.Count, 0, 0);
        progress.WriteLine($"impact traversal as a recursive CTE of ids: p50 {measurement.Latency.P50:F2} ms, p99 {measurement.Latency.P99:F2} ms, {measurement.AverageNodes:N0} nodes on average");
        return measurement;
    }

    /// <summary>
    /// The loop every baseline measurement shares: untimed warm-up walks as the store's get, then each start's walk timed
    /// and its answer checked after the clock stops. <paramref name="check"/> gets the start's index,
    /// the answer and the mismatches found so far (to warn about the first few only), and returns
    /// how many it found; the total is warned about past <see cref="MaxWarningsPerCheck"/>.
    /// </summary>
    private List<double> TimeBaseline<T>(
        StartSet startSet, Func<EntityKey, T> walk, Func<int, T, int, int> check, string what, CancellationToken cancellationToken)
    {
        var warmUpBegan = Stopwatch.GetTimestamp();
        for (var i = 0; !WarmedUp(i, warmUpBegan); i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            walk(startSet.WarmUp[i % startSet.WarmUp.Count]);
        }

        var starts = startSet.Timed;
        var latencies = new List<double>(starts.Count);
        var mismatches = 0;
        for (var i = 0; i < starts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var began = Stopwatch.GetTimestamp();
            var answer = walk(starts[i]);
            latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            mismatches += check(i, answer, mismatches);
        }

        if (mismatches > MaxWarningsPerCheck)
        {
            Warn($"{mismatches} {what} in all disagree with the store's; the first {MaxWarningsPerCheck} are above");
        }

        return latencies;
    }

    /// <summary>Returns 1 (and warns, for the first few) when the store's and the CTE's answers differ: their nodes, or with <paramref name="nodesOnly"/> false their edges too.</summary>
    private int Compare(string walk, AnswerDigest store, AnswerDigest cte, bool nodesOnly, int earlier)
    {
        var nodesDiffer = store.Nodes != cte.Nodes;
        var edgesDiffer = !nodesOnly && store.Edges != cte.Edges;
        if (!nodesDiffer && !edgesDiffer)
        {
            return 0;
        }

        if (earlier < MaxWarningsPerCheck)
        {
            var what = nodesDiffer && edgesDiffer ? "nodes and edges" : nodesDiffer ? "nodes" : "edges";
            Warn(string.Create(CultureInfo.InvariantCulture,
                $"{walk}: the store's and the CTE's {what} differ; the store returned {store.NodeCount} nodes and {store.EdgeCount} edges, the CTE {cte.NodeCount} and {cte.EdgeCount}"));
        }

        return 1;
    }

    private void Warn(string message)
    {
        _warnings.Add(message);
        progress.WriteLine($"WARNING: {message}");
    }
}
