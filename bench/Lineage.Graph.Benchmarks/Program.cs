using System.Runtime.InteropServices;
using Lineage.Graph.Benchmarks;

// Two suites: the store's (--scale, the default) and OpenLineage ingest (--suite openlineage).
OpenLineageBenchmarkOptions? ingestOptions = null;
BenchmarkOptions? options = null;
string? error;
if (OpenLineageBenchmarkOptions.IsRequested(args))
{
    ingestOptions = OpenLineageBenchmarkOptions.Parse(args, out error);
}
else
{
    options = BenchmarkOptions.Parse(args, out error);
}

if (ingestOptions is null && options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(OpenLineageBenchmarkOptions.IsRequested(args) ? OpenLineageBenchmarkOptions.Usage : BenchmarkOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop between batches and walks, so the store is closed properly.
    e.Cancel = true;
    cancellation.Cancel();
};

// SIGTERM (kill, timeout) and SIGHUP would end the process without running finally blocks, and leave the
// server child running; they stop the run like Ctrl+C instead.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}

try
{
    string section, id, outputPath;
    if (ingestOptions is not null)
    {
        var result = await new OpenLineageBenchmark(ingestOptions, TimeProvider.System, Console.Error).RunAsync(cancellation.Token);
        (section, id, outputPath) = (OpenLineageReport.Section(result), OpenLineageReport.SectionId, ingestOptions.OutputPath);
    }
    else
    {
        var result = await new BenchmarkRunner(options!, TimeProvider.System, Console.Error).RunAsync(cancellation.Token);
        (section, id, outputPath) = (ResultsReport.Section(result), ResultsReport.ScaleSection(options!.Scale), options.OutputPath);
    }

    Console.WriteLine(section);
    await ResultsReport.MergeAsync(outputPath, id, section, cancellation.Token);
    Console.WriteLine($"Written to {outputPath}.");
    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled; nothing was written to the results file.");
    return 130;
}
