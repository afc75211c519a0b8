using System.Runtime.InteropServices;
using Lineage.Graph.Benchmarks;

var options = BenchmarkOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
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
    var result = await new BenchmarkRunner(options, TimeProvider.System, Console.Error).RunAsync(cancellation.Token);
    var section = ResultsReport.Section(result);
    Console.WriteLine(section);
    await ResultsReport.MergeAsync(options.OutputPath, options.Scale, section, cancellation.Token);
    Console.WriteLine($"Written to {options.OutputPath}.");
    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled; nothing was written to the results file.");
    return 130;
}
