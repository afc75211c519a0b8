using System.Globalization;
using System.Text;

namespace Lineage.Graph.Benchmarks;

/// <summary>The OpenLineage ingest suite's section of the results file, replaced when the suite is run again.</summary>
internal static class OpenLineageReport
{
    public const string SectionId = "suite:openlineage";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Section(OpenLineageResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line(ResultsReport.StartMarker(SectionId));
        Line("## OpenLineage ingest");
        Line();
        Line(F($"Run {result.StartedAt:yyyy-MM-dd HH:mm} UTC with `--suite openlineage --events {o.Events} --seed {o.Seed} --synchronous {o.Synchronous}`."));
        Line($"Machine: {result.Machine}. SQLite {result.SqliteVersion}.");
        Line();
        Line(F($"Events: {o.Events:N0} OpenLineage RunEvents of {result.Runs:N0} runs (START, then COMPLETE, or FAIL for {result.FailedRuns:N0}), ")
            + F($"{result.AverageEventBytes:N0} bytes of JSON on average ({result.MinEventBytes:N0} to {result.MaxEventBytes:N0}); ")
            + F($"a batch of {OpenLineageBenchmark.BatchSize} is {result.AverageBatchBytes / 1024:N0} KiB, {result.AverageGzipBatchBytes / 1024:N0} KiB gzip-compressed. ")
            + F($"They add {result.Http[0].Baseline!.Stored.Entities:N0} entities and {result.Http[0].Baseline!.Stored.Edges:N0} edges to the graph. ")
            + F($"Generated and serialised (and the batches compressed) in {result.GenerateSeconds:N1} s, before any clock runs."));
        Line();
        Line("Each HTTP row follows its in-process baseline, measured just before it on the same events; the ratio is HTTP events/s over that baseline's.");
        Line();
        Line("| measurement | events/s | HTTP / in-process | latency p50 / p99 | requests (writes) | non-2xx | commits | graph added: entities / edges |");
        Line("|---|---|---|---|---|---|---|---|");
        foreach (var http in result.Http)
        {
            Row(http.Baseline!, "", "per write");
            Row(http, F($"**{http.EventsPerSecond / http.Baseline!.EventsPerSecond:N2}×**"), "per request");
        }

        var single = result.Http.Where(h => h.EventsPerRequest == 1).Average(h => h.Baseline!.EventsPerSecond);
        var grouped = result.Http.Where(h => h.EventsPerRequest > 1).Average(h => h.Baseline!.EventsPerSecond);
        Line();
        Line(F($"One event per commit against {OpenLineageBenchmark.BatchSize}: the in-process baselines average {single:N0} events/s with one per write and {grouped:N0} with {OpenLineageBenchmark.BatchSize} per write, {grouped / single:N1}×. ")
            + (o.Synchronous == "FULL"
                ? "With `--synchronous FULL` (the default, and the server's) every commit syncs SQLite's log to disk, so one event per request "
                    + "pays a sync per event and a batch pays one per hundred events: that, more than HTTP, is why batches are faster."
                : "With `--synchronous NORMAL` a commit does not sync the log, so the gap between one event and a hundred per commit is the "
                    + "cost of a commit less its sync."));
        Line();
        Line("What is timed. In-process: `JsonDocument.Parse` of each event's bytes, `OpenLineageMapper.ToBatch`, and `SqliteLineageStore.WriteAsync`, "
            + F($"in the benchmark's process, one event per write or {OpenLineageBenchmark.BatchSize} events' batches combined in order into one write ")
            + "(as `POST /api/v1/lineage/batch` does): the server's work less HTTP. Over HTTP: the real server as a child process "
            + "(`dotnet Lineage.Graph.Server.dll`, Production environment, one API key of role Writer, the same `synchronous` setting), "
            + "over loopback; each request timed by the client from sending to the last byte of the answer read; events/s is the events stored "
            + F($"over the wall time from the first request sent to the last answer read. Clients share one `HttpClient` with one kept-alive connection each, ")
            + F($"and the machine's {result.Machine.LogicalCores} cores with the server; each takes the next request as soon as its answer is read. ")
            + "Single events go to `POST /api/v1/lineage` (201 expected), batches to `POST /api/v1/lineage/batch` (200 with every event stored "
            + "expected); anything else counts as non-2xx. The gzip bodies were compressed beforehand (`Content-Encoding: gzip`); the client's "
            + "compression is not timed, the server's decompression is. The server runs with the server GC the Web SDK sets, the "
            + "benchmark (and so the baselines) with the workstation GC.");
        Line();
        Line("Each measurement writes into a fresh database file, and first, untimed, "
            + F($"{result.WarmUpEvents:N0} warm-up events of another catalogue (every name prefixed `warmup_`, so they share no entity with the measured ones; ")
            + F($"{result.WarmUpBatchEvents:N0} before batches, {result.WarmUpBatchEvents / OpenLineageBenchmark.BatchSize:N0} requests, since the server's per-request code needs requests to reach its last JIT tier), ")
            + "sent or written the way the measured ones then are (same endpoint, clients, batch size and compression; in-process, the same "
            + "events per write), so that both sides start from the same database, and the server (a fresh process per measurement) "
            + "from warm JIT tiers (with 1,000 its latencies were still falling through the first third of the measured events). "
            + "The graph column is what the measured events added: the store's entity and edge counts "
            + "after less before (its health data: `/healthz`'s `store.data` from the server, `CheckHealthAsync` in-process), which must equal "
            + "the baseline's. Commits are the steps of the store's change sequence over the measured events, one per store write that "
            + "changed something: one per event, or one per batch when the batch endpoint wrote the batch as one store write.");
        Line();
        if (result.Warnings.Count > 0)
        {
            Line("Warnings:");
            Line();
            foreach (var warning in result.Warnings)
            {
                Line($"- {warning.ReplaceLineEndings(" ")}");
            }

            Line();
        }

        Line(ResultsReport.EndMarker(SectionId));
        return text.ToString();

        void Row(IngestMeasurement m, string ratio, string per)
        {
            var graph = F($"{m.Stored.Entities:N0} / {m.Stored.Edges:N0}") + (m.Baseline is null ? "" : m.GraphMatches ? " (matches)" : " (MISMATCH)");
            var errors = m.Baseline is null ? "–" : F($"{m.Errors:N0}");
            var name = m.Baseline is null ? m.Name : $"**{m.Name}**";
            Line(F($"| {name} | {m.EventsPerSecond:N0} | {ratio} | {m.Latency.P50:N2} / {m.Latency.P99:N2} ms {per} | {m.Requests:N0} | {errors} | {m.Commits:N0} | {graph} |"));
        }
    }

    private static string F(FormattableString text) => text.ToString(Invariant);
}
