using System.Globalization;
using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The markdown the benchmark leaves in the repository: one section per scale and one for the
/// OpenLineage ingest suite, each replaced when it is run again, so that all sit side by side.
/// </summary>
internal static class ResultsReport
{
    private const string Title = "# Benchmark results";

    private const string Preamble = """
        Written by `bench/Lineage.Graph.Benchmarks` (see `bench/README.md`): run by hand, never in CI.
        Each section is one run, and is replaced when its scale (or suite) is run again.
        The targets are the issue's, set for 1M entities; smaller scales show where they stand.
        The OpenLineage ingest section (`--suite openlineage`) has no target: its figures are ratios to an in-process baseline of the same run.
        """;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Section(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        void Row(string measure, string value, string target = "", bool? pass = null) =>
            Line($"| {measure} | {value} | {target} | {(pass is null ? "" : pass.Value ? "PASS" : "MISS")} |");

        var entitiesPerSecond = result.Entities / result.IngestSeconds;
        var bytesPerEntity = (double)result.IndexBytes / result.Entities;
        var impactSpeedUp = result.ImpactCte.Latency.P50 / result.Impact.Latency.P50;
        var provenanceSpeedUp = result.ProvenanceCte.Latency.P50 / result.Provenance.Latency.P50;
        var traversalSpeedUp = result.ImpactCteTraversalOnly.Latency.P50 / result.ImpactTraversalOnly.Latency.P50;

        Line(StartMarker(ScaleSection(o.Scale)));
        Line($"## {o.Scale} entities");
        Line();
        Line(F($"Run {result.StartedAt:yyyy-MM-dd HH:mm} UTC with `--scale {o.Scale} --seed {o.Seed} --walks {o.Walks} --synchronous {o.Synchronous} --entity-cache {o.EntityCache}`."));
        Line($"Machine: {result.Machine}. SQLite {result.SqliteVersion}.");
        Line();
        Line(F($"Graph: {result.Entities:N0} entities and {result.Edges:N0} edges ({(double)result.Edges / result.Entities:F2} per entity), written in {result.Batches:N0} batches of {1_000:N0} entities; database file {result.DatabaseBytes / 1_048_576.0:N1} MiB."));
        Line("Entities: " + string.Join(", ", EntityKinds.All.Select(k => F($"{k} {result.EntitiesByKind[(int)k]:N0}"))) + ".");
        Line("Edges: " + string.Join(", ", Relations.All.Where(r => result.EdgesByRelation[(int)r] > 0).Select(r => F($"{Relations.Name(r)} {result.EdgesByRelation[(int)r]:N0}"))) + ".");
        Line();
        Line("| measure | value | target at 1M | verdict |");
        Line("|---|---|---|---|");
        Row("ingest, entities per second (with their edges; `WriteAsync` time only)", F($"{entitiesPerSecond:N0}"), "≥ 50,000", entitiesPerSecond >= 50_000);
        Row("ingest, edges per second", F($"{result.Edges / result.IngestSeconds:N0}"));
        Row("ingest ceiling: the same rows inserted again into a fresh file of the same schema by SQLite alone (no store code), entities per second",
            F($"{result.Entities / result.BareInsertSeconds:N0} ({result.BareInsertSeconds:N1} s)"));
        Row("ingest, store / ceiling", F($"{result.BareInsertSeconds / result.IngestSeconds:P0}"));
        Row("ingest, total `WriteAsync` time", F($"{result.IngestSeconds:N1} s (generating the batches: {result.GenerateSeconds:N1} s more)"));
        Row("index load time (`SqliteLineageStore.Open`)", F($"{result.IndexLoadSeconds:N2} s"), "< 10 s", result.IndexLoadSeconds < 10);
        Row("index memory per entity, its edges included (managed heap growth across `Open` / entities)", F($"{bytesPerEntity:N0} B ({result.IndexBytes / 1_048_576.0:N1} MiB)"), "≤ 400 B", bytesPerEntity <= 400);
        Row(F($"impact walk (raw dataset, downstream, depth 10), p50 / p99 over {result.Impact.Latency.Count}; entity cache hits during them"), WithHits(result.Impact));
        Row("impact as a recursive CTE (nodes and edges, the same answer), p50 / p99", Latency(result.ImpactCte));
        Row("impact, nodes and edges returned on average (walk / CTE)", Returned(result.Impact, result.ImpactCte));
        Row("impact as a recursive CTE of the nodes alone (no edges), p50 / p99; its p50 / walk p50", F($"{Latency(result.ImpactCteNodesOnly)}; {SpeedUp(result.ImpactCteNodesOnly.Latency.P50 / result.Impact.Latency.P50)}"));
        Row("impact, CTE p50 / walk p50", SpeedUp(impactSpeedUp), "≥ 100×", impactSpeedUp >= 100);
        Row("impact, traversal only: recursive CTE returning ids and depths (no entity rows), p50 / p99", Latency(result.ImpactCteTraversalOnly));
        Row("impact, traversal only: walk with kinds=[HyperparameterSet] (whole closure walked, nothing returned), p50 / p99", Latency(result.ImpactTraversalOnly));
        Row("impact, traversal only: nodes reached on average (CTE ids; checked against the walk's nodes visited less the start)", F($"{result.ImpactCteTraversalOnly.AverageNodes:N0}"));
        Row("impact, traversal only: CTE p50 / walk p50 (not the full walks the target is set for)", SpeedUp(traversalSpeedUp), "(full walks: ≥ 100×)");
        Row(F($"provenance walk (model version, upstream, depth 100), p50 / p99 over {result.Provenance.Latency.Count}; entity cache hits during them"), WithHits(result.Provenance));
        Row("provenance as a recursive CTE (nodes and edges, the same answer), p50 / p99", Latency(result.ProvenanceCte));
        Row("provenance, nodes and edges returned on average (walk / CTE)", Returned(result.Provenance, result.ProvenanceCte));
        Row("provenance as a recursive CTE of the nodes alone (no edges), p50 / p99; its p50 / walk p50",
            F($"{Latency(result.ProvenanceCteNodesOnly)}; {SpeedUp(result.ProvenanceCteNodesOnly.Latency.P50 / result.Provenance.Latency.P50)}"));
        Row("provenance, CTE p50 / walk p50", SpeedUp(provenanceSpeedUp), "≥ 100×", provenanceSpeedUp >= 100);
        var (capacity, cached, hits, misses) = result.Cache;
        Row(F($"entity cache (`EntityCacheSize` {capacity:N0}) after the walks above: entities kept; lookups that found an up-to-date copy (warm-up walks included)"),
            F($"{cached:N0}; {(double)hits / Math.Max(1, hits + misses):P0} of {hits + misses:N0}"));
        Row("entity cache memory: managed heap growth across the walks above, and per entity kept; what the cache counted them as, against its bound (`EntityCacheBytes`)",
            F($"{result.CacheBytes / 1_048_576.0:N1} MiB, {(double)result.CacheBytes / Math.Max(1, cached):N0} B; counted {result.CacheCountedBytes / 1_048_576.0:N1} MiB, {(double)result.CacheCountedBytes / Math.Max(1, cached):N0} B"));
        Row("impact walk repeated from the same starts (each entity read once already), p50 / p99; entity cache hits; CTE p50 / this p50",
            F($"{WithHits(result.ImpactRepeated)}; {SpeedUp(result.ImpactCte.Latency.P50 / result.ImpactRepeated.Latency.P50)}"));
        Row("provenance walk repeated from the same starts, p50 / p99; entity cache hits; CTE p50 / this p50",
            F($"{WithHits(result.ProvenanceRepeated)}; {SpeedUp(result.ProvenanceCte.Latency.P50 / result.ProvenanceRepeated.Latency.P50)}"));
        Row("impact walk with the cache off (`EntityCacheSize` 0; a second store on the same file), p50 / p99; CTE p50 / this p50",
            F($"{Latency(result.ImpactUncached)}; {SpeedUp(result.ImpactCte.Latency.P50 / result.ImpactUncached.Latency.P50)}"));
        Row("provenance walk with the cache off, p50 / p99; CTE p50 / this p50",
            F($"{Latency(result.ProvenanceUncached)}; {SpeedUp(result.ProvenanceCte.Latency.P50 / result.ProvenanceUncached.Latency.P50)}"));
        Row("edges visited per second, one core: impact walks returning nothing (kinds=[HyperparameterSet]; the whole walk call, finding the start and the read transaction included; lineage relations' edges counted)",
            EdgesPerSecond(result.ImpactTraversalOnly), "≥ 10 M", result.ImpactTraversalOnly.EdgesPerSecond >= 10_000_000);
        Row("edges visited per second: impact walks returning only deployments", EdgesPerSecond(result.ImpactOnDeployments));
        Row("edges visited per second: impact walks returning every node", EdgesPerSecond(result.Impact));
        Row("edges visited per second: provenance walks returning every node", EdgesPerSecond(result.Provenance));
        Row("impact walks returning nothing, p50 / p99", Latency(result.ImpactTraversalOnly));
        Row("impact walks returning only deployments, p50 / p99", Latency(result.ImpactOnDeployments));
        Row("a walk that reaches nothing (downstream of a deployment), p50 / p99", Latency(result.EmptyWalk));
        if (result.Http is { } http)
        {
            var throughput = http.Throughput;
            Row(F($"`lineage` query over HTTP/GraphQL, impact from the same starts (POST /graphql, answer read in full), p50 / p99 over {http.Http.Count}"), Latency(http.Http));
            Row("the same walks called on the store in-process, interleaved with the HTTP ones, p50 / p99", Latency(http.Direct));
            Row("HTTP/GraphQL overhead: HTTP p50 / in-process p50", F($"{http.OverheadRatio:N1}×"));
            Row("impact over HTTP, nodes and answer size on average", F($"{http.AverageNodes:N0} nodes, {http.AverageResponseBytes / 1024:N0} KiB"));
            Row(F($"throughput over loopback, {throughput.Clients} concurrent clients for {throughput.Seconds:N1} s, impact of random raw dataset versions: requests per second"),
                F($"{throughput.RequestsPerSecond:N1} ({throughput.Requests:N0} requests)"));
            Row(F($"throughput: latency under {throughput.Clients} clients, p50 / p99"), Latency(throughput.Latency));
            Row("throughput: errors", F($"{throughput.Errors:N0}"), "0", throughput.Errors == 0);
            Row("throughput: nodes and answer size on average", F($"{throughput.AverageNodes:N0} nodes, {throughput.AverageResponseBytes / 1024:N0} KiB"));
        }

        Line();
        Line("The traversal-only rows compare SQLite's recursion without reading an entity row against the store's walk that reaches the");
        Line("whole closure and returns nothing: the cost of the traversal alone on both sides. The full-walk rows above them materialise");
        Line("the whole answer on both sides, which is what a caller gets, and what the issue's 100× target is set for.");
        Line();
        Line("The full-walk CTE returns what the store's walk returns: the start's entity, the nodes in (depth, key) order and the edges the");
        Line("walk followed between them in (from, to, relation) order. Its recursion runs once, into a temporary table that a node query");
        Line("and an edge query both read, in one read transaction; SQLite sorts both lists. Every answer is checked equal to the store's:");
        Line("each node's key, depth and times, each edge's ends, relation, role, properties and times, both lists in order. The rows of");
        Line("the nodes alone are the one-statement CTE the earlier runs timed, which returned no edges; they are there to show what the");
        Line("edges add to the baseline.");
        Line();
        Line("Every kind of walk, the store's and the CTE's, is warmed up untimed first: at least 100 walks and at least three seconds,");
        Line("from starts that are then not timed, so that tiered compilation has finished with the code both sides run (five warm-up");
        Line("walks, as runs before 2026-11-28 had, left it part-compiled, and so did one second, as runs before 2026-11-29 14:10 UTC had:");
        Line("at 100k the first row, impact, the first walks timed after the store opens, took 1.15 ms at p50 after one second and 0.52 ms");
        Line("after three, with 97 % of cache hits both times: slower for compilation, not for the store's cache).");
        Line("Each timed start is walked once per row. The store caches decoded entities (`EntityCacheSize`, `--entity-cache` above); the");
        Line("warm-up and earlier walks of the run fill it, as a running server's queries would, and each walk row gives the share of the");
        Line("cache lookups during its timed walks that found an entity there. The repeated rows walk the same starts again; the cache-off");
        Line("rows read and decode every entity, as the CTE does: the like-for-like comparison. The CTE runs on its own connection,");
        Line("with SQLite's page cache warm from its warm-up walks.");
        if (o.Walks < 100)
        {
            Line(F($"With {o.Walks} walks of each kind, p99 (nearest rank) is the slowest walk of each."));
        }

        Line();
        Line(F($"The store keeps no index on the edges' ends nor on the entity key (its in-memory index does that work); the CTE gets the"));
        Line(F($"three it needs, `entities(key)` for its start, and `edges(from_id, to_id, relation)` and `edges(to_id, from_id, relation)`,"));
        Line(F($"both `WHERE retired_at IS NULL`, to walk on without reading an edge's row, built after ingest and before any walk"));
        Line(F($"({result.CteIndexSeconds:N1} s, untimed); its connection keeps temporary tables in memory and a 64 MiB page cache."));
        Line();
        Line("Index load is timed with the file in the OS page cache (it was just written); a first start after a reboot reads it from disk.");
        Line("Index memory leaves out what the first walk allocates per concurrent walker (a visit stamp of 4 B per entity) and SQLite's");
        Line("own memory. The generated graph retires nothing: `asOf` and retirement, which the store's walks handle and the CTE's need");
        Line("not, play no part in these figures. About a third of the edges (NEXT_VERSION, INSTANCE_OF) are not lineage relations,");
        Line("which walks do not follow by default: the edges-visited rows count the lineage relations' edges.");
        Line();
        Line("The ingest ceiling reads the rows of each of the store's commits back from its file and encodes their text as UTF-8");
        Line("(untimed), then inserts them into a fresh file of the same schema through SQLite's own interface, 32 rows to a statement as");
        Line("the store writes them, one commit per batch with the store's settings (timed). Runs begun before 2026-11-28 12:22 UTC bound the");
        Line("text as .NET strings, which SQLitePCL's binding counts and encodes inside the timed inserts, and so gave a lower ceiling.");
        Line();
        if (result.Http is { } notes)
        {
            Line(F($"HTTP rows: the in-process walks are `store.WalkAsync` in the benchmark's own process, with no serialisation; the HTTP ones"));
            Line("include the GraphQL layer (parsing, validation, resolving each node's fields), JSON serialisation of the answer and HTTP over");
            Line("loopback to the real server, run as a child process (`dotnet Lineage.Graph.Server.dll`, Production environment, a Reader API");
            Line("key, its own store on the same database file). Each request is timed from sending to the last byte read; the answer is");
            Line(F($"then parsed and checked (node and edge counts against the in-process walk; no errors, nothing truncated). The {notes.Throughput.Clients}"));
            Line(F($"clients share one HttpClient, one kept-alive connection each, and the machine's {result.Machine.LogicalCores} cores with the server."));
            Line();
        }

        if (result.Warnings.Count > 0)
        {
            Line("Warnings:");
            Line();
            foreach (var warning in result.Warnings)
            {
                Line($"- {warning}");
            }

            Line();
        }

        Line(EndMarker(ScaleSection(o.Scale)));
        return text.ToString();
    }

    /// <summary>The section of a scale's run, as <see cref="MergeAsync"/> names it.</summary>
    public static string ScaleSection(string scale) => $"scale:{scale}";

    /// <summary>
    /// Writes the section (<paramref name="id"/>: <see cref="ScaleSection"/> or <see cref="OpenLineageReport.SectionId"/>) into the
    /// file, replacing the one of the same id and keeping the others, scales first in scale order.
    /// </summary>
    public static async Task MergeAsync(string path, string id, string section, CancellationToken cancellationToken)
    {
        string[] order = [.. BenchmarkOptions.Scales.Select(s => ScaleSection(s.Name)), OpenLineageReport.SectionId];
        var sections = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(path))
        {
            var existing = (await File.ReadAllTextAsync(path, cancellationToken)).ReplaceLineEndings("\n");
            foreach (var name in order)
            {
                var start = existing.IndexOf(StartMarker(name), StringComparison.Ordinal);
                var end = existing.IndexOf(EndMarker(name), StringComparison.Ordinal);
                if (start >= 0 && end > start)
                {
                    sections[name] = existing[start..(end + EndMarker(name).Length)] + "\n";
                }
            }
        }

        sections[id] = section;
        var text = new StringBuilder(Title).Append("\n\n").Append(Preamble.ReplaceLineEndings("\n")).Append('\n');
        foreach (var name in order)
        {
            if (sections.TryGetValue(name, out var kept))
            {
                text.Append('\n').Append(kept);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken);
    }

    public static string StartMarker(string id) => $"<!-- {id} -->";

    public static string EndMarker(string id) => $"<!-- /{id} -->";

    private static string Latency(WalkMeasurement walk) => Latency(walk.Latency);

    private static string Latency(LatencySummary latency) => F($"{latency.P50:N2} / {latency.P99:N2} ms");

    private static string WithHits(WalkMeasurement walk) => walk.CacheHitRatio is { } hits ? F($"{Latency(walk)}; {hits:P0}") : Latency(walk);

    private static string EdgesPerSecond(WalkMeasurement walk) =>
        (walk.EdgesPerSecond >= 1_000_000 ? F($"{walk.EdgesPerSecond / 1_000_000:N1} M") : F($"{walk.EdgesPerSecond:N0}"))
        + F($" ({walk.EdgesVisited:N0} edges in {walk.Latency.TotalSeconds * 1_000:N1} ms)");

    // Below 10 the first decimal matters: 0.3× says the walk is slower than the CTE.
    private static string Returned(WalkMeasurement walk, WalkMeasurement cte) =>
        F($"{walk.AverageNodes:N0} and {walk.AverageEdges:N0} / {cte.AverageNodes:N0} and {cte.AverageEdges:N0}");

    private static string SpeedUp(double ratio) => ratio < 10 ? F($"{ratio:N1}×") : F($"{ratio:N0}×");

    private static string F(FormattableString text) => text.ToString(Invariant);
}
