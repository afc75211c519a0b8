using System.Globalization;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The command line of the OpenLineage ingest suite: <c>--suite openlineage [--events 20000] [--seed 42]
/// [--out bench/results.md] [--work bench/work] [--synchronous FULL|NORMAL] [--server PATH]</c>.
/// </summary>
internal sealed record OpenLineageBenchmarkOptions
{
    public const string SuiteName = "openlineage";

    public const string Usage =
        "usage: dotnet run -c Release --project bench/Lineage.Graph.Benchmarks -- --suite openlineage " +
        "[--events 20000] [--seed 42] [--out bench/results.md] [--work bench/work] [--synchronous FULL|NORMAL] " +
        "[--server path/to/Lineage.Graph.Server.dll]";

    public required int Events { get; init; }

    public int Seed { get; init; } = 42;

    public required string OutputPath { get; init; }

    public required string WorkFolder { get; init; }

    public string Synchronous { get; init; } = "FULL";

    public required string ServerPath { get; init; }

    /// <summary>Whether the arguments ask for this suite rather than the store's (<see cref="BenchmarkOptions"/>).</summary>
    public static bool IsRequested(IReadOnlyList<string> args)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i].Equals("--suite", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses the arguments, or returns null with the reason in <paramref name="error"/>.</summary>
    public static OpenLineageBenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var values = BenchmarkOptions.Values(args, ["suite", "events", "seed", "out", "work", "synchronous", "server"], out error);
        if (values is null)
        {
            return null;
        }

        if (!values["suite"].Equals(SuiteName, StringComparison.OrdinalIgnoreCase))
        {
            error = $"--suite must be {SuiteName} (leave it out for the store's suite, which takes --scale).";
            return null;
        }

        var events = 20_000;
        if (values.TryGetValue("events", out var eventsText) &&
            (!int.TryParse(eventsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out events) || events is < 100 or > 1_000_000))
        {
            error = "--events must be an integer from 100 to 1,000,000.";
            return null;
        }

        var seed = 42;
        if (values.TryGetValue("seed", out var seedText) && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            error = "--seed must be an integer.";
            return null;
        }

        var synchronous = values.GetValueOrDefault("synchronous", "FULL").ToUpperInvariant();
        if (synchronous is not ("FULL" or "NORMAL"))
        {
            error = "--synchronous must be FULL or NORMAL.";
            return null;
        }

        // Every figure but the baselines needs the server, so there is no running without it.
        var root = BenchmarkOptions.RepositoryRoot();
        var server = values.GetValueOrDefault("server") ?? BenchmarkOptions.BuiltServer();
        var serverPath = server is null ? "" : Path.GetFullPath(server, root);
        if (!File.Exists(serverPath))
        {
            error = $"The server is not at '{serverPath}'; build the benchmark (which builds the server) or pass --server PATH.";
            return null;
        }

        return new OpenLineageBenchmarkOptions
        {
            Events = events,
            Seed = seed,
            OutputPath = Path.GetFullPath(values.GetValueOrDefault("out", "bench/results.md"), root),
            WorkFolder = Path.GetFullPath(values.GetValueOrDefault("work", "bench/work"), root),
            Synchronous = synchronous,
            ServerPath = serverPath,
        };
    }
}
