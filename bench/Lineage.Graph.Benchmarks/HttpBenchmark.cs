using System.Diagnostics;
using System.Globalization;
using Lineage.Graph.Core;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The lineage query through the real server: its latency against the same walk called on the
/// store in-process (the HTTP/GraphQL overhead), then its throughput with concurrent clients,
/// all over loopback, against the server running as a child process on the same database file.
/// </summary>
internal sealed class HttpBenchmark(BenchmarkOptions options, ILineageStore store, TimeProvider time, TextWriter progress, Action<string> warn)
{
    public const int Clients = 16;
    private const int MaxWarningsPerCheck = 5;

    // A bound by count as well as by time, so that a server answering errors at once cannot spin for the whole window.
    private const int MaxRequestsPerClient = 100_000;

    // Untimed requests before the timed ones, at least: tiered PGO compiles a method run once per request three times
    // (plain, instrumented, optimised) over some 60 calls, and 3 passes of the 20 starts at 1m were just that.
    private const int WarmUpRequests = 200;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Runs both measurements; the server is killed before this returns or throws.</summary>
    public async Task<HttpMeasurement> RunAsync(
        IReadOnlyList<EntityKey> starts, IReadOnlyList<EntityKey> candidates, int depth, int limit, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>
        {
            ["Lineage__Traversal__LimitCap"] = limit.ToString(CultureInfo.InvariantCulture),
            ["Lineage__Sqlite__EntityCacheSize"] = options.EntityCache.ToString(CultureInfo.InvariantCulture),
        };
        await using var server = await ServerProcess.StartAsync(options.ServerPath, options.DatabasePath, "Reader", settings, time, progress, cancellationToken);
        using var handler = new SocketsHttpHandler
        {
            // One connection per client, kept alive for the whole run: the figures are about requests, not handshakes.
            MaxConnectionsPerServer = Clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var client = new GraphQLLineageClient(http, server.ApiKey);
        try
        {
            var (direct, overHttp, nodes, bytes) = await MeasureOverheadAsync(client, starts, depth, limit, cancellationToken);
            var throughput = await MeasureThroughputAsync(client, candidates, depth, limit, cancellationToken);
            return new HttpMeasurement { Direct = direct, Http = overHttp, AverageNodes = nodes, AverageResponseBytes = bytes, Throughput = throughput };
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"A request to the server failed: {ex.Message}{Environment.NewLine}{server.OutputTail()}", ex);
        }
    }

    private async Task<(LatencySummary Direct, LatencySummary Http, double Nodes, double Bytes)> MeasureOverheadAsync(
        GraphQLLineageClient client, IReadOnlyList<EntityKey> starts, int depth, int limit, CancellationToken cancellationToken)
    {
        WalkRequest Request(EntityKey start) => new() { Start = start, Direction = Direction.Downstream, MaxDepth = depth, Limit = limit };
        var bodies = starts.Select(s => GraphQLLineageClient.Body(s, depth, limit)).ToList();

        // Untimed passes over every start on both sides first: the server's JIT and page cache start cold, the
        // benchmark's are warm from the walks before. Methods run once per request reach their last JIT tier
        // only after a few dozen calls, so one pass of 50 starts is not enough.
        for (var pass = 0; pass < Math.Max(3, (WarmUpRequests + starts.Count - 1) / starts.Count); pass++)
        {
            for (var i = 0; i < starts.Count; i++)
            {
                await store.WalkAsync(Request(starts[i]), cancellationToken);
                await client.PostAsync(bodies[i], cancellationToken);
            }
        }

        // Interleaved start by start, so that a busy moment on this shared machine falls on both sides alike.
        var direct = new List<double>(starts.Count);
        var overHttp = new List<double>(starts.Count);
        long nodes = 0, bytes = 0;
        var mismatches = 0;
        for (var i = 0; i < starts.Count; i++)
        {
            var began = Stopwatch.GetTimestamp();
            var walk = await store.WalkAsync(Request(starts[i]), cancellationToken);
            direct.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);

            var (milliseconds, status, answer) = await client.PostAsync(bodies[i], cancellationToken);
            overHttp.Add(milliseconds);
            nodes += walk.Nodes.Count;
            bytes += answer.Length;

            var read = GraphQLLineageClient.Read(status, answer);
            if (read.Error is not null || read.Nodes != walk.Nodes.Count || read.Edges != walk.Edges.Count || read.Truncated || walk.Truncated)
            {
                if (mismatches++ < MaxWarningsPerCheck)
                {
                    warn(read.Error is not null
                        ? $"HTTP impact from {starts[i]}: {read.Error}"
                        : string.Create(CultureInfo.InvariantCulture,
                            $"HTTP impact from {starts[i]}: {read.Nodes} nodes and {read.Edges} edges (truncated {read.Truncated}) over HTTP, {walk.Nodes.Count} and {walk.Edges.Count} (truncated {walk.Truncated}) in-process"));
                }
            }
        }

        if (mismatches > MaxWarningsPerCheck)
        {
            warn($"{mismatches} HTTP impact walks in all disagree with the in-process walk; the first {MaxWarningsPerCheck} are above");
        }

        var (directSummary, httpSummary) = (LatencySummary.Of(direct), LatencySummary.Of(overHttp));
        progress.WriteLine($"impact in-process: p50 {directSummary.P50:F2} ms, p99 {directSummary.P99:F2} ms; over HTTP: p50 {httpSummary.P50:F2} ms, p99 {httpSummary.P99:F2} ms");
        return (directSummary, httpSummary, (double)nodes / starts.Count, (double)bytes / starts.Count);
    }

    private async Task<ThroughputMeasurement> MeasureThroughputAsync(
        GraphQLLineageClient client, IReadOnlyList<EntityKey> candidates, int depth, int limit, CancellationToken cancellationToken)
    {
        // The same load, untimed, first: it opens every connection, and the server's JIT tiers, thread pool and
        // GC heaps settle under concurrency, which the sequential warm-up before did not reach.
        var warmUp = await RunClientsAsync(client, candidates, options.Seed + 2_000, depth, limit, WarmUp, cancellationToken);
        foreach (var failure in warmUp.SelectMany(t => t.Failures).Take(MaxWarningsPerCheck))
        {
            warn($"throughput warm-up: {failure}");
        }

        var began = Stopwatch.GetTimestamp();
        var tallies = await RunClientsAsync(client, candidates, options.Seed + 1_000, depth, limit, TimeSpan.FromSeconds(options.HttpSeconds), cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;

        var latencies = tallies.SelectMany(t => t.Latencies).ToList();
        var errors = tallies.Sum(t => t.Errors);
        var failures = tallies.SelectMany(t => t.Failures).ToList();
        foreach (var failure in failures.Take(MaxWarningsPerCheck))
        {
            warn($"throughput: {failure}");
        }

        if (errors > MaxWarningsPerCheck)
        {
            warn($"throughput: {errors} requests in all failed; the first {MaxWarningsPerCheck} are above");
        }

        var clean = Math.Max(1, latencies.Count);
        var measurement = new ThroughputMeasurement
        {
            Clients = Clients,
            Seconds = seconds,
            Requests = latencies.Count + errors,
            Errors = errors,
            Latency = LatencySummary.Of(latencies),
            AverageNodes = (double)tallies.Sum(t => t.Nodes) / clean,
            AverageResponseBytes = (double)tallies.Sum(t => t.Bytes) / clean,
        };
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput, {Clients} clients: {measurement.RequestsPerSecond:F1} requests/s over {seconds:F1} s, p50 {measurement.Latency.P50:F2} ms, p99 {measurement.Latency.P99:F2} ms, {errors} errors"));
        return measurement;
    }

    private static Task<ClientTally[]> RunClientsAsync(
        GraphQLLineageClient client, IReadOnlyList<EntityKey> candidates, int seed, int depth, int limit, TimeSpan duration, CancellationToken cancellationToken)
    {
        var began = Stopwatch.GetTimestamp();
        return Task.WhenAll(Enumerable.Range(0, Clients).Select(c =>
            Task.Run(() => ClientLoopAsync(client, candidates, new Random(seed + c), depth, limit, began, duration, cancellationToken), cancellationToken)));
    }

    private static async Task<ClientTally> ClientLoopAsync(
        GraphQLLineageClient client, IReadOnlyList<EntityKey> candidates, Random random, int depth, int limit, long began, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var tally = new ClientTally();
        while (Stopwatch.GetElapsedTime(began) < duration && tally.Latencies.Count + tally.Errors < MaxRequestsPerClient)
        {
            var start = candidates[random.Next(candidates.Count)];
            try
            {
                var (milliseconds, status, answer) = await client.PostAsync(GraphQLLineageClient.Body(start, depth, limit), cancellationToken);
                // Checked on the client like any caller would, on the same two cores as the server: part of the price.
                var read = GraphQLLineageClient.Read(status, answer);
                if (read.Error is not null || read.Truncated)
                {
                    tally.Fail($"{start}: {read.Error ?? "truncated"}");
                    continue;
                }

                tally.Latencies.Add(milliseconds);
                tally.Nodes += read.Nodes;
                tally.Bytes += answer.Length;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                tally.Fail($"{start}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return tally;
    }

    private sealed class ClientTally
    {
        public List<double> Latencies { get; } = [];

        public List<string> Failures { get; } = [];

        public int Errors { get; private set; }

        public long Nodes { get; set; }

        public long Bytes { get; set; }

        public void Fail(string failure)
        {
            Errors++;
            if (Failures.Count < MaxWarningsPerCheck)
            {
                Failures.Add(failure);
            }
        }
    }
}
