using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Core.OpenLineage;
using Lineage.Graph.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// OpenLineage ingest: the same generated events written in-process (the baselines: parse, map and
/// <c>WriteAsync</c>, one event per write and 100 per write) and posted to the real server over
/// loopback, as single events and as batches, each into a fresh database file, each checked for
/// the graph it left against the baseline's.
/// </summary>
internal sealed class OpenLineageBenchmark(OpenLineageBenchmarkOptions options, TimeProvider time, TextWriter progress)
{
    public const int BatchSize = 100;
    // Fewer left the server's per-request code short of its last JIT tier: with 1,000, its latencies were still falling
    // through the first third of 10,000 measured events (batches: 82 ms at first, 45 ms at the end), which the in-process
    // baselines, in a process warmed by everything before, did not pay.
    public const int WarmUpEvents = 5_000;

    // The batch endpoints' per-request code needs requests, not events: tiered PGO compiles a method three times (plain,
    // instrumented, optimised) over some 60 calls, and with 50 warm-up batches a profile of the server showed its
    // tiered-compilation thread on 11-20 % of the CPU through the measured batches.
    public const int WarmUpRequests = 200;
    public const int SingleClients = 16;
    public const int BatchClients = 4;
    private const int MaxWarnings = 5;

    // Bounds on a measurement against a server that fails: it stops at this many errors, or after this long.
    private const int MaxErrors = 20;
    private static readonly TimeSpan MaxMeasurement = TimeSpan.FromMinutes(5);

    private static readonly TraversalLimits Limits = new();

    private readonly List<string> _warnings = [];

    public async Task<OpenLineageResult> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        Directory.CreateDirectory(options.WorkFolder);

        // Everything a producer would have ready before sending is made here, before any clock runs.
        var generateClock = Stopwatch.StartNew();
        var generator = new OpenLineageEventGenerator(options.Seed);
        var events = generator.Events(options.Events);
        // Another catalogue (its names prefixed) for the warm-ups, so that it shares no entity with the measured events.
        var warmUp = new OpenLineageEventGenerator(options.Seed + 1, "warmup_").Events(Math.Max(WarmUpEvents, WarmUpRequests * BatchSize));
        var warmUpSingles = warmUp[..WarmUpEvents];
        var singles = Requests(events, 1, gzip: false);
        var batches = Requests(events, BatchSize, gzip: false);
        var gzipBatches = Requests(events, BatchSize, gzip: true);
        generateClock.Stop();
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{events.Count:N0} events ({generator.Runs:N0} runs), {events.Average(e => e.Length):N0} bytes on average, generated in {generateClock.Elapsed.TotalSeconds:F1} s"));

        // Each HTTP measurement right after its own in-process baseline on the same events: this machine's load drifts over
        // minutes, and a baseline taken minutes earlier would put that drift into the ratio.
        (string Name, string File, int Size, bool Gzip, int Clients)[] plan =
        [
            ("HTTP, single events, 1 client", "single-1", 1, false, 1),
            ($"HTTP, single events, {SingleClients} clients", $"single-{SingleClients}", 1, false, SingleClients),
            ($"HTTP, batches of {BatchSize}, 1 client", "batch-1", BatchSize, false, 1),
            ($"HTTP, batches of {BatchSize}, {BatchClients} clients", $"batch-{BatchClients}", BatchSize, false, BatchClients),
            ($"HTTP, batches of {BatchSize} gzip-compressed, 1 client", "batch-gzip-1", BatchSize, true, 1),
        ];
        var http = new List<IngestMeasurement>();
        foreach (var (name, file, size, gzip, clients) in plan)
        {
            // Each database goes once measured: with ten of them, a run would leave hundreds of megabytes behind.
            var inProcessPath = Database($"inprocess-{file}");
            var warm = size == 1 ? warmUpSingles : warmUp;
            var baseline = await WriteInProcessAsync(
                size == 1 ? "in-process, one event per write" : $"in-process, {size} events per write", inProcessPath, warm, events, size, cancellationToken);
            Delete(inProcessPath);
            var first = http.FirstOrDefault()?.Baseline;
            if (first is not null && baseline.Stored != first.Stored)
            {
                Warn($"{baseline.Name} stored {baseline.Stored.Entities:N0} entities and {baseline.Stored.Edges:N0} edges; {first.Name} stored {first.Stored.Entities:N0} and {first.Stored.Edges:N0}");
            }

            var requests = size == 1 ? singles : gzip ? gzipBatches : batches;
            var httpPath = Database($"http-{file}");
            http.Add(await PostAsync(name, httpPath, requests, Requests(warm, size, gzip), clients, baseline, cancellationToken));
            Delete(httpPath);
        }

        return new OpenLineageResult
        {
            Options = options,
            StartedAt = startedAt,
            Machine = MachineInfo.Current(),
            SqliteVersion = SqliteVersion(),
            Runs = generator.Runs,
            FailedRuns = generator.FailedRuns,
            AverageEventBytes = events.Average(e => e.Length),
            MinEventBytes = events.Min(e => e.Length),
            MaxEventBytes = events.Max(e => e.Length),
            AverageBatchBytes = batches.Average(b => b.Body.Length),
            AverageGzipBatchBytes = gzipBatches.Average(b => b.Body.Length),
            GenerateSeconds = generateClock.Elapsed.TotalSeconds,
            WarmUpEvents = warmUpSingles.Count,
            WarmUpBatchEvents = warmUp.Count,
            Http = http,
            Warnings = _warnings,
        };
    }

    /// <summary>
    /// What the server does with a body, less HTTP, on a fresh database: the warm-up events (untimed), then the measured
    /// ones, both written the same way (<see cref="WriteEventsAsync"/>), as the server gets them.
    /// </summary>
    private async Task<IngestMeasurement> WriteInProcessAsync(
        string name, string path, List<byte[]> warmUp, List<byte[]> events, int perWrite, CancellationToken cancellationToken)
    {
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = path, Synchronous = options.Synchronous }, Limits, time);
        await WriteEventsAsync(store, warmUp, perWrite, [], cancellationToken);
        var before = await CountsAsync(store, cancellationToken);
        var latencies = new List<double>((events.Count / perWrite) + 1);
        var clock = Stopwatch.StartNew();
        await WriteEventsAsync(store, events, perWrite, latencies, cancellationToken);
        clock.Stop();
        var after = await CountsAsync(store, cancellationToken);
        var measurement = new IngestMeasurement
        {
            Name = name,
            EventsPerRequest = perWrite,
            Events = events.Count,
            Seconds = clock.Elapsed.TotalSeconds,
            Requests = latencies.Count,
            Errors = 0,
            Latency = LatencySummary.Of(latencies),
            Stored = (after.Entities - before.Entities, after.Edges - before.Edges),
            Commits = after.Changes - before.Changes,
        };
        Report(measurement);
        return measurement;
    }

    /// <summary>
    /// Parse, map (<see cref="OpenLineageMapper.ToBatch(JsonElement)"/>) and <c>WriteAsync</c>, <paramref name="perWrite"/> events'
    /// batches combined in order into one write, as the batch endpoint does; each write's time goes to <paramref name="latencies"/>.
    /// </summary>
    private static async Task WriteEventsAsync(
        SqliteLineageStore store, List<byte[]> events, int perWrite, List<double> latencies, CancellationToken cancellationToken)
    {
        for (var first = 0; first < events.Count; first += perWrite)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var began = Stopwatch.GetTimestamp();
            var entities = new List<EntityInput>();
            var edges = new List<EdgeInput>();
            for (var i = first; i < Math.Min(first + perWrite, events.Count); i++)
            {
                // The parser clones what it keeps, so the document can go at once.
                using var json = JsonDocument.Parse(events[i]);
                var batch = OpenLineageMapper.ToBatch(json.RootElement);
                entities.AddRange(batch.Entities);
                edges.AddRange(batch.Edges);
            }

            await store.WriteAsync(new WriteBatch { Entities = entities, Edges = edges }, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Starts the server on a fresh database file, sends the warm-up requests the way the measured ones will be sent, then the
    /// measured ones, and reads what they added to the graph from <c>/healthz</c>. The server is killed before this returns.
    /// </summary>
    private async Task<IngestMeasurement> PostAsync(
        string name, string path, List<Request> requests, List<Request> warmUp, int clients, IngestMeasurement baseline, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string> { ["Lineage__Sqlite__Synchronous"] = options.Synchronous };
        await using var server = await ServerProcess.StartAsync(options.ServerPath, path, "Writer", settings, time, progress, cancellationToken);
        using var handler = new SocketsHttpHandler
        {
            // One kept-alive connection per client: the figures are about requests, not handshakes.
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);

        var warm = await SendAllAsync(http, warmUp, clients, cancellationToken);
        if (warm.Errors > 0)
        {
            Warn($"{name}, warm-up: {warm.Errors} requests failed, the first: {warm.Failures[0]}");
        }

        var before = await CountsAsync(http, cancellationToken);
        var sent = await SendAllAsync(http, requests, clients, cancellationToken);
        var after = await CountsAsync(http, cancellationToken);
        var measurement = new IngestMeasurement
        {
            Name = name,
            EventsPerRequest = requests[0].Events,
            Events = sent.Events,
            Seconds = sent.Seconds,
            Requests = sent.Requests,
            Errors = sent.Errors,
            Latency = LatencySummary.Of(sent.Latencies),
            Stored = (after.Entities - before.Entities, after.Edges - before.Edges),
            Commits = after.Changes - before.Changes,
            Baseline = baseline,
        };
        Report(measurement);
        foreach (var failure in sent.Failures.Take(MaxWarnings))
        {
            Warn($"{name}: {failure}");
        }

        if (sent.Requests < requests.Count)
        {
            Warn($"{name}: stopped after {sent.Requests} of {requests.Count} requests ({MaxErrors} errors or {MaxMeasurement.TotalMinutes:N0} minutes); its figures are of those sent");
        }

        if (sent.Errors > 0)
        {
            Warn($"{name}: {sent.Errors} of {sent.Requests} requests failed ({requests.Count} prepared); the server's last output:{Environment.NewLine}{server.OutputTail()}");
        }

        if (!measurement.GraphMatches)
        {
            Warn($"{name}: the server's graph grew by {measurement.Stored.Entities:N0} entities and {measurement.Stored.Edges:N0} edges; " +
                $"{baseline.Name} stored {baseline.Stored.Entities:N0} and {baseline.Stored.Edges:N0}");
        }

        return measurement;
    }

    /// <summary>
    /// Sends every request once, <paramref name="clients"/> at a time, each client taking the next request when its answer is read.
    /// Stops early after <see cref="MaxErrors"/> failures or <see cref="MaxMeasurement"/>, so that a failing server ends the run.
    /// </summary>
    private static async Task<SendTally> SendAllAsync(HttpClient http, List<Request> requests, int clients, CancellationToken cancellationToken)
    {
        var tally = new SendTally();
        var next = -1;
        var began = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(
            async () =>
            {
                int index;
                while (tally.Errors < MaxErrors && Stopwatch.GetElapsedTime(began) < MaxMeasurement
                    && (index = Interlocked.Increment(ref next)) < requests.Count)
                {
                    var (milliseconds, failure) = await SendAsync(http, requests[index], cancellationToken);
                    tally.Add(requests[index].Events, milliseconds, failure);
                }
            },
            cancellationToken)));
        tally.Seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        return tally;
    }

    /// <summary>One request, timed from sending to the last byte of the answer read; then checked (not timed).</summary>
    private static async Task<(double Milliseconds, string? Failure)> SendAsync(HttpClient http, Request request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.IsBatch ? "api/v1/lineage/batch" : "api/v1/lineage")
        {
            Content = new ByteArrayContent(request.Body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (request.Gzip)
        {
            message.Content.Headers.ContentEncoding.Add("gzip");
        }

        try
        {
            var began = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            var milliseconds = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            var expected = request.IsBatch ? HttpStatusCode.OK : HttpStatusCode.Created;
            if (response.StatusCode != expected)
            {
                return (milliseconds, $"{(int)response.StatusCode} {Shorten(answer)}");
            }

            // A batch's 200 already means every event was stored; its report must say so too.
            if (request.IsBatch && StoredCount(answer) != request.Events)
            {
                return (milliseconds, $"200 without {request.Events} events stored: {Shorten(answer)}");
            }

            return (milliseconds, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (double.NaN, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>The batch report's <c>stored</c>, or null when the answer is not such a report.</summary>
    private static int? StoredCount(string answer)
    {
        try
        {
            using var report = JsonDocument.Parse(answer);
            return report.RootElement.ValueKind == JsonValueKind.Object
                && report.RootElement.TryGetProperty("stored", out var stored) && stored.TryGetInt32(out var count)
                ? count
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The store's entity and edge counts and its change sequence (one step per commit that changed something), from its
    /// health data, which the server serves as <c>/healthz</c>'s <c>store.data</c>: the same figures on both sides.
    /// </summary>
    private static async Task<(int Entities, int Edges, long Changes)> CountsAsync(SqliteLineageStore store, CancellationToken cancellationToken)
    {
        var data = (await store.CheckHealthAsync(cancellationToken)).Data;
        return (Convert.ToInt32(data["entities"], CultureInfo.InvariantCulture), Convert.ToInt32(data["edges"], CultureInfo.InvariantCulture),
            Convert.ToInt64(data["changeSequence"], CultureInfo.InvariantCulture));
    }

    /// <summary>What <see cref="CountsAsync(SqliteLineageStore, CancellationToken)"/> reads, from the server's <c>/healthz</c>.</summary>
    private static async Task<(int Entities, int Edges, long Changes)> CountsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"/healthz answered {(int)response.StatusCode}: {Shorten(body)}");
        }

        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("store").GetProperty("data");
        return (data.GetProperty("entities").GetInt32(), data.GetProperty("edges").GetInt32(), data.GetProperty("changeSequence").GetInt64());
    }

    /// <summary>The bodies, made before any clock runs: single events as they are, or <paramref name="size"/> to a JSON array.</summary>
    private static List<Request> Requests(List<byte[]> events, int size, bool gzip)
    {
        if (size == 1)
        {
            return [.. events.Select(e => new Request(e, 1, IsBatch: false, Gzip: false))];
        }

        var requests = new List<Request>((events.Count / size) + 1);
        for (var first = 0; first < events.Count; first += size)
        {
            var chunk = events.GetRange(first, Math.Min(size, events.Count - first));
            using var body = new MemoryStream();
            using (var target = gzip ? new GZipStream(body, CompressionLevel.Optimal, leaveOpen: true) : (Stream)body)
            {
                target.WriteByte((byte)'[');
                for (var i = 0; i < chunk.Count; i++)
                {
                    if (i > 0)
                    {
                        target.WriteByte((byte)',');
                    }

                    target.Write(chunk[i]);
                }

                target.WriteByte((byte)']');
            }

            requests.Add(new Request(body.ToArray(), chunk.Count, IsBatch: true, gzip));
        }

        return requests;
    }

    private string Database(string name)
    {
        var path = Path.Combine(options.WorkFolder, $"openlineage-{name}.db");
        Delete(path);
        return path;
    }

    private static void Delete(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }

    private void Report(IngestMeasurement m) => progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{m.Name}: {m.EventsPerSecond:N0} events/s ({m.Events:N0} events in {m.Seconds:F1} s, {m.Requests:N0} requests), p50 {m.Latency.P50:F2} ms, p99 {m.Latency.P99:F2} ms, {m.Errors} errors, graph +{m.Stored.Entities:N0} entities +{m.Stored.Edges:N0} edges, {m.Commits:N0} commits"));

    private void Warn(string message)
    {
        _warnings.Add(message);
        progress.WriteLine($"WARNING: {message}");
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    private sealed record Request(byte[] Body, int Events, bool IsBatch, bool Gzip);

    /// <summary>What the clients of one measurement got, added to from all of them at once.</summary>
    private sealed class SendTally
    {
        private readonly Lock _gate = new();
        private int _errors;

        public List<double> Latencies { get; } = [];

        public List<string> Failures { get; } = [];

        public int Events { get; private set; }

        public int Requests { get; private set; }

        /// <summary>Read by every client before each request, outside the lock.</summary>
        public int Errors => Volatile.Read(ref _errors);

        public double Seconds { get; set; }

        public void Add(int events, double milliseconds, string? failure)
        {
            lock (_gate)
            {
                Requests++;
                if (failure is null)
                {
                    Events += events;
                    Latencies.Add(milliseconds);
                    return;
                }

                _errors++;
                if (Failures.Count < MaxWarnings)
                {
                    Failures.Add(failure);
                }
            }
        }
    }
}
