using System.Globalization;
using System.Reflection;
using Lineage.Graph.Sqlite;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The command line: <c>--scale 10k|100k|1m [--seed 42] [--out bench/results.md] [--work bench/work] [--walks N]
/// [--synchronous FULL|NORMAL] [--entity-cache N] [--http-seconds 10] [--server PATH]</c>.
/// </summary>
internal sealed record BenchmarkOptions
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Lineage.Graph.Benchmarks -- --scale 10k|100k|1m " +
        "[--seed 42] [--out bench/results.md] [--work bench/work] [--walks N] [--synchronous FULL|NORMAL] " +
        "[--entity-cache N (the store's EntityCacheSize; 200000 by default, 0 turns it off)] " +
        "[--http-seconds 10 (0 skips the server)] [--server path/to/Lineage.Graph.Server.dll]";

    /// <summary>The scales the issue asks for, in the order the results file lists them.</summary>
    public static IReadOnlyList<(string Name, int Entities)> Scales { get; } = [("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)];

    public required string Scale { get; init; }

    public required int Entities { get; init; }

    public int Seed { get; init; } = 42;

    public required string OutputPath { get; init; }

    public required string WorkFolder { get; init; }

    /// <summary>How many walks of each kind are timed: 100 by default, the fewest whose nearest-rank p99 is not simply the slowest walk.</summary>
    public required int Walks { get; init; }

    public string Synchronous { get; init; } = "FULL";

    /// <summary>The stores' <c>EntityCacheSize</c>, in the benchmark's process and in the server; the store's default unless given.</summary>
    public int EntityCache { get; init; } = SqliteStoreOptions.DefaultEntityCacheSize;

    /// <summary>How long the concurrent clients run against the server; 0 skips the HTTP figures (and starting the server).</summary>
    public int HttpSeconds { get; init; } = 10;

    /// <summary>The server's dll: by default the one the benchmark's build built (see the csproj).</summary>
    public required string ServerPath { get; init; }

    public string DatabasePath => Path.Combine(WorkFolder, $"lineage-{Scale}.db");

    /// <summary>Where the bare-insert ceiling writes its copy of the rows; deleted after.</summary>
    public string BareDatabasePath => Path.Combine(WorkFolder, $"lineage-{Scale}-bare.db");

    /// <summary>Parses the arguments, or returns null with the reason in <paramref name="error"/>.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var values = Values(args, ["scale", "seed", "out", "work", "walks", "synchronous", "entity-cache", "http-seconds", "server"], out error);
        if (values is null)
        {
            return null;
        }

        if (!values.TryGetValue("scale", out var scaleName) || Scales.All(s => !s.Name.Equals(scaleName, StringComparison.OrdinalIgnoreCase)))
        {
            error = "--scale must be 10k, 100k or 1m.";
            return null;
        }

        var scale = Scales.First(s => s.Name.Equals(scaleName, StringComparison.OrdinalIgnoreCase));
        var seed = 42;
        if (values.TryGetValue("seed", out var seedText) && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            error = "--seed must be an integer.";
            return null;
        }

        var walks = 100;
        if (values.TryGetValue("walks", out var walksText) &&
            (!int.TryParse(walksText, NumberStyles.Integer, CultureInfo.InvariantCulture, out walks) || walks < 1))
        {
            error = "--walks must be a positive integer.";
            return null;
        }

        var synchronous = values.GetValueOrDefault("synchronous", "FULL").ToUpperInvariant();
        if (synchronous is not ("FULL" or "NORMAL"))
        {
            error = "--synchronous must be FULL or NORMAL.";
            return null;
        }

        var entityCache = SqliteStoreOptions.DefaultEntityCacheSize;
        if (values.TryGetValue("entity-cache", out var cacheText) &&
            (!int.TryParse(cacheText, NumberStyles.Integer, CultureInfo.InvariantCulture, out entityCache) || entityCache < 0))
        {
            error = "--entity-cache must be a whole number of entities, 0 to turn the cache off.";
            return null;
        }

        var httpSeconds = 10;
        if (values.TryGetValue("http-seconds", out var httpText) &&
            (!int.TryParse(httpText, NumberStyles.Integer, CultureInfo.InvariantCulture, out httpSeconds) || httpSeconds is < 0 or > 600))
        {
            error = "--http-seconds must be an integer from 0 (no HTTP figures) to 600.";
            return null;
        }

        var server = values.GetValueOrDefault("server") ?? BuiltServer();
        if (server is null && httpSeconds > 0)
        {
            error = "This build does not know where the server is; pass --server path/to/Lineage.Graph.Server.dll, or --http-seconds 0.";
            return null;
        }

        // Relative paths are taken from the repository root, so the results land in the file README.md points to wherever it is run from.
        var root = RepositoryRoot();
        var serverPath = server is null ? "" : Path.GetFullPath(server, root);
        if (httpSeconds > 0 && !File.Exists(serverPath))
        {
            // Checked now, not after minutes of ingest and walks.
            error = $"The server is not at {serverPath}; build the benchmark (which builds the server), pass --server PATH, or --http-seconds 0.";
            return null;
        }

        return new BenchmarkOptions
        {
            Scale = scale.Name,
            Entities = scale.Entities,
            Seed = seed,
            OutputPath = Path.GetFullPath(values.GetValueOrDefault("out", "bench/results.md"), root),
            WorkFolder = Path.GetFullPath(values.GetValueOrDefault("work", "bench/work"), root),
            Walks = walks,
            Synchronous = synchronous,
            EntityCache = entityCache,
            HttpSeconds = httpSeconds,
            ServerPath = serverPath,
        };
    }

    /// <summary>The <c>--name value</c> pairs, or null with the reason in <paramref name="error"/> when one is malformed or not in <paramref name="known"/>.</summary>
    public static Dictionary<string, string>? Values(IReadOnlyList<string> args, IReadOnlyList<string> known, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                error = $"'{args[i]}' is not an option with a value.";
                return null;
            }

            values[args[i][2..]] = args[++i];
        }

        var unknown = values.Keys.Except(known, StringComparer.OrdinalIgnoreCase).ToList();
        error = unknown.Count > 0 ? $"Unknown option --{unknown[0]}." : null;
        return error is null ? values : null;
    }

    /// <summary>Where the build of the server that this benchmark's build triggered put its dll (LocateLineageServer in the csproj).</summary>
    public static string? BuiltServer() =>
        typeof(BenchmarkOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LineageServerDll" && !string.IsNullOrEmpty(a.Value))?.Value;

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Lineage.Graph.sln")))
            {
                return folder.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
