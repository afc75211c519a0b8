using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lineage.Graph.Cli.Import;
using Lineage.Graph.Cli.Output;
using Lineage.Graph.Cli.Sources;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli;

/// <summary>
/// The <c>lineage</c> command. <see cref="RunAsync"/> is the whole program with its surroundings
/// passed in, so tests run it in-process; <see cref="Main"/> only hands it the process's own.
/// </summary>
internal static class Cli
{
    private static readonly string[] GraphCommands = ["impact", "provenance", "lineage", "paths"];

    private static readonly JsonSerializerOptions JsonOutput = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",

        // Keys are printed as typed (quotes, '+', '<' and non-ASCII letters included), not as \u escapes; the output is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> Main(string[] args)
    {
        // The first Ctrl-C (or SIGTERM) asks the command to stop where it can still say what it did: an import ends
        // after the item being written and prints its summary. A second one is left alone and ends the process at once.
        using var interrupt = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            if (!interrupt.IsCancellationRequested)
            {
                context.Cancel = true;
                interrupt.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await RunAsync(args, Console.Out, Console.Error, CliEnvironment.FromProcess(), interrupt.Token).ConfigureAwait(false);
    }

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(environment);
        // Read before the arguments are parsed, so that a usage error can be verbose too; after "--" it is a search's text.
        var verbose = args.TakeWhile(arg => arg != "--").Contains("--verbose");
        var importing = false;
        string? importPath = null;
        var format = OutputFormat.Json;
        try
        {
            var parsed = ParsedArguments.Parse(args);
            if (parsed.Help)
            {
                ToStandardOutput(() => HelpText.Write(parsed.Command, stdout));
                return ExitCodes.Ok;
            }

            var command = parsed.Command ?? throw CliException.Usage("Name a command: " + string.Join(", ", CommandSpec.All.Select(c => c.Name)) + ".");
            if (parsed.Positionals.Count != command.Arguments.Count)
            {
                throw CliException.Usage($"{command.Name} takes {string.Join(" ", command.Arguments)}; {parsed.Positionals.Count} {(parsed.Positionals.Count == 1 ? "argument was" : "arguments were")} given.");
            }

            format = Format(parsed, environment, command);
            importing = command.Name == "import";
            importPath = importing ? parsed.Positionals[0] : null;

            // The options are checked first, then the file is read, then the source opened: a usage error is
            // reported before a large file is read, and a file that cannot be imported leaves no new --db file behind.
            var open = PrepareSource(parsed, environment, create: importing);
            using var file = importing ? await ImportFile.OpenAsync(parsed.Positionals[0], environment, cancellationToken).ConfigureAwait(false) : null;
            await using var source = open();
            if (file is not null)
            {
                return await ImportAsync(parsed.Positionals[0], file, source, format, stdout, stderr, environment, verbose, cancellationToken).ConfigureAwait(false);
            }

            return await RunCommandAsync(command.Name, parsed, source, format, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (LineageException ex)
        {
            return await FailedAsync(ex, stderr, verbose).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Only reads and an import's first pass (before any item is written or a new --db file created) stop
            // this way; an import under way stops between items and says so in its summary.
            await stderr.WriteLineAsync($"lineage: {CliErrorCodes.Interrupted}: stopped (Ctrl-C or SIGTERM) before it finished{(importing ? "; no item was written" : "")}.")
                .ConfigureAwait(false);
            if (importPath is not null)
            {
                // A script reads the summary on stdout whenever an import stops, so it gets one here too: nothing in, and why.
                try
                {
                    PrintSummary(new ImportSummary
                    {
                        File = importPath,
                        Stopped = new ImportFailure("item 1", CliErrorCodes.Interrupted, "Interrupted (Ctrl-C or SIGTERM) while the file was being read, before any item was written."),
                    }, ExitCodes.Interrupted, format, stdout);
                }
                catch (CliException ex)
                {
                    // Thrown in a catch block, it would pass the catches above it and end the process with a stack trace.
                    return await FailedAsync(ex, stderr, verbose).ConfigureAwait(false);
                }
            }

            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stderr.WriteLineAsync(verbose
                ? $"lineage: internal error: {ex}"
                : $"lineage: internal error: {ex.GetType().Name}: {Texts.OneLine(ex.Message)} (--verbose shows where)").ConfigureAwait(false);
            return ExitCodes.Internal;
        }
    }

    private static async Task<int> ImportAsync(
        string path, ImportFile file, ILineageSource source, OutputFormat format, TextWriter stdout, TextWriter stderr, CliEnvironment environment,
        bool verbose, CancellationToken cancellationToken)
    {
        var progress = new ImportProgress(stderr, environment.ErrorIsTerminal, file.Count);
        var summary = await ImportCommand.RunAsync(source, path, file, progress, verbose, cancellationToken).ConfigureAwait(false);

        // A stop gives the failure's own exit code, as when nothing had gone in: scripts branch on it.
        var exit = summary.Stopped is { } stopped ? ExitCodes.For(stopped.Code)
            : summary.Failures.Count == 0 ? ExitCodes.Ok
            : ExitCodes.ImportIncomplete;
        PrintSummary(summary, exit, format, stdout);
        return exit;
    }

    /// <summary>Prints an import's summary, which ends with <paramref name="exit"/> once printed.</summary>
    /// <exception cref="CliException">Standard output cannot be written; the message says how the import ended.</exception>
    private static void PrintSummary(ImportSummary summary, int exit, OutputFormat format, TextWriter stdout)
    {
        try
        {
            Print(summary, format, stdout);
        }
        catch (CliException ex) when (ex.Code == CliErrorCodes.OutputFailed)
        {
            // What went in stays in: say on stderr what the lost summary would have, so a rerun is not guesswork.
            var wentIn = summary.Changed + summary.Unchanged;
            throw new CliException(ex.Code, string.Create(CultureInfo.InvariantCulture,
                $"{ex.Message}; the import itself ended with exit {exit}: {wentIn} {(wentIn == 1 ? "item" : "items")} of {summary.Items} went in, {summary.Failures.Count} failed{(summary.Stopped is { } at ? $", stopped at {at.Position} ({at.Code})" : "")}."), inner: ex.InnerException);
        }
    }

    /// <summary>Says on stderr why the command failed, and gives its exit code.</summary>
    private static async Task<int> FailedAsync(LineageException ex, TextWriter stderr, bool verbose)
    {
        var hint = ex.Code == CliErrorCodes.Usage ? " (see lineage --help)" : "";
        await stderr.WriteLineAsync($"lineage: {ex.Code}: {Texts.OneLine(AsOptions(ex.Message))}{hint}").ConfigureAwait(false);
        if (verbose && ex.InnerException is not null)
        {
            await stderr.WriteLineAsync(ex.InnerException.ToString()).ConfigureAwait(false);
        }

        return ExitCodes.For(ex.Code);
    }

    private static async Task<int> RunCommandAsync(
        string command, ParsedArguments parsed, ILineageSource source, OutputFormat format, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var args = parsed.Positionals;
        switch (command)
        {
            case "get":
                Print(new EntityOutput(await source.GetAsync(EntityKey.Parse(args[0]), cancellationToken).ConfigureAwait(false)), format, stdout);
                return ExitCodes.Ok;

            case "search":
                var kinds = Kinds(parsed, "kind");
                var query = new EntityQuery
                {
                    Text = args[0],
                    Kind = kinds is null ? null : kinds.Count == 1 ? kinds[0] : throw CliException.Usage("search takes one --kind."),
                    First = parsed.PositiveInt("limit") ?? EntityQuery.DefaultFirst,
                };
                Print(new SearchOutput(await source.SearchAsync(query, cancellationToken).ConfigureAwait(false)), format, stdout);
                return ExitCodes.Ok;

            case "lineage":
                var request = new WalkRequest
                {
                    Start = EntityKey.Parse(args[0]),
                    Direction = parsed.Single("direction") is { } direction ? Wire.FromUser<Direction>("direction", direction) : Direction.Downstream,
                    MaxDepth = parsed.PositiveInt("depth"),
                    Relations = Relations(parsed),
                    Kinds = Kinds(parsed, "kind"),
                    AsOf = AsOf(parsed),
                    Limit = parsed.PositiveInt("limit"),
                };
                Print(new WalkOutput(await source.WalkAsync(request, cancellationToken).ConfigureAwait(false), request.Direction), format, stdout);
                return ExitCodes.Ok;

            case "impact":
                var failOn = Kinds(parsed, "fail-on");
                var changed = EntityKey.Parse(args[0]);
                var followed = Relations(parsed);
                CheckGateCanTrip(changed.Kind, failOn, followed);
                var impact = await source.ImpactAsync(changed, parsed.PositiveInt("depth"), followed, AsOf(parsed), cancellationToken)
                    .ConfigureAwait(false);
                var gate = failOn is null ? null : ImpactGate.Judge(impact, failOn);
                if (gate is { Tripped: false } && changed.Kind == EntityKind.Job)
                {
                    await CheckJobGateCanPassAsync(source, changed, impact, AsOf(parsed), cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    Print(new ImpactOutput(impact, Kinds(parsed, "kind"), gate), format, stdout);
                }
                catch (CliException ex) when (ex.Code == CliErrorCodes.OutputFailed && gate is { Tripped: true })
                {
                    // The answer is lost, and exit 74 says nothing of the gate: its report and the message do.
                    gate.WriteReport(impact.Of.Key, new TerminalWriter(stderr));
                    throw new CliException(ex.Code, $"{ex.Message}; the gate tripped (exit 2), as reported above.", inner: ex.InnerException);
                }

                if (gate is { Tripped: true })
                {
                    gate.WriteReport(impact.Of.Key, new TerminalWriter(stderr));
                    return ExitCodes.GateTripped;
                }

                return ExitCodes.Ok;

            case "provenance":
                var provenance = await source.ProvenanceAsync(EntityKey.Parse(args[0]), parsed.PositiveInt("depth"), Relations(parsed), AsOf(parsed), cancellationToken)
                    .ConfigureAwait(false);
                Print(new ProvenanceOutput(provenance, Kinds(parsed, "kind")), format, stdout);
                return ExitCodes.Ok;

            case "paths":
                var paths = await source.PathsAsync(
                    EntityKey.Parse(args[0]), EntityKey.Parse(args[1]), parsed.PositiveInt("limit") ?? 3, parsed.PositiveInt("depth"), Relations(parsed),
                    AsOf(parsed), cancellationToken).ConfigureAwait(false);
                Print(new PathsOutput(paths), format, stdout);
                return ExitCodes.Ok;

            default:
                var diff = await source.DiffAsync(EntityKey.Parse(args[0]), EntityKey.Parse(args[1]), parsed.PositiveInt("depth"), AsOf(parsed), cancellationToken)
                    .ConfigureAwait(false);
                Print(new DiffOutput(diff), format, stdout);
                return ExitCodes.Ok;
        }
    }

    /// <exception cref="CliException">Standard output cannot be written (<see cref="CliErrorCodes.OutputFailed"/>): a full disk, say.</exception>
    private static void Print(ICommandOutput output, OutputFormat format, TextWriter stdout) => ToStandardOutput(() => Write(output, format, stdout));

    /// <summary>Runs <paramref name="write"/>, which writes to standard output: every write to it goes through here.</summary>
    /// <exception cref="CliException">Standard output cannot be written (<see cref="CliErrorCodes.OutputFailed"/>): a full disk, say.</exception>
    private static void ToStandardOutput(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not an internal error: the command did its work, and the output's destination failed. A closed or
            // read-only stdout (`>&-`, `1</dev/null`) fails with EBADF, which .NET throws as UnauthorizedAccessException.
            throw new CliException(CliErrorCodes.OutputFailed, $"Cannot write to standard output: {ex.Message}", inner: ex);
        }
    }

    private static void Write(ICommandOutput output, OutputFormat format, TextWriter stdout)
    {
        switch (format)
        {
            case OutputFormat.Json:
                stdout.Write(output.ToJson().ToJsonString(JsonOutput) + "\n");
                break;
            case OutputFormat.Dot:
                DotWriter.Write(output.Drawing!, stdout);
                break;
            case OutputFormat.Mermaid:
                MermaidWriter.Write(output.Drawing!, stdout);
                break;
            default:
                output.WriteTable(new TerminalWriter(stdout));
                break;
        }
    }

    private static OutputFormat Format(ParsedArguments parsed, CliEnvironment environment, CommandSpec command)
    {
        var format = parsed.Single("format") is { } text
            ? Wire.FromUser<OutputFormat>("format", text)
            : environment.OutputIsTerminal ? OutputFormat.Table : OutputFormat.Json;
        return format is OutputFormat.Dot or OutputFormat.Mermaid && !GraphCommands.Contains(command.Name)
            ? throw CliException.Usage($"--format {format.ToString().ToLowerInvariant()} draws a graph; {command.Name} answers with none (use table or json).")
            : format;
    }

    /// <summary>Checks the options that name the source, and gives what opens it.</summary>
    private static Func<ILineageSource> PrepareSource(ParsedArguments parsed, CliEnvironment environment, bool create)
    {
        var db = parsed.Single("db");
        var server = parsed.Single("server");
        if (db is not null)
        {
            return server is not null || parsed.Has("api-key") ? throw CliException.Usage("--db opens a database file directly; give it without --server and --api-key.")

                // --db "$DB" with DB unset: Path.GetFullPath would throw, an internal error.
                : string.IsNullOrWhiteSpace(db) ? throw CliException.Usage("--db needs a file path; it was given an empty one.")

                // An import makes a new file, but not the folders to it: a mistyped path made them without a word.
                : create && Path.GetDirectoryName(Path.GetFullPath(db)) is { } folder && !Directory.Exists(folder)
                    ? throw CliException.Usage($"--db {db}: the folder {folder} does not exist; create it first, or check the path.")
                : () => EmbeddedSource.Open(db, create);
        }

        server ??= environment.Variable("LINEAGE_URL")
            ?? throw CliException.Usage("Name a server (--server URL, or LINEAGE_URL) or a database file (--db PATH).");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw CliException.Usage($"The server must be an http or https URL, not '{server}'.");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            // The endpoint's path is added to the URL's own: a query or fragment would end up before it.
            throw CliException.Usage($"The server URL names the server or its /graphql endpoint, without a query or fragment; it was '{server}'.");
        }

        var apiKey = ApiKey(parsed, environment);
        return () => new RemoteSource(url, apiKey, environment.HttpHandler);
    }

    /// <summary>
    /// The key, without the white space around it that a key file or a Windows line end leaves; none when that
    /// leaves nothing of LINEAGE_API_KEY, as an empty variable is commonly an unset one. An empty --api-key is
    /// refused: it is what <c>--api-key "$SECRET"</c> becomes when the secret is missing, and sending no key
    /// would quietly read as anonymous where anonymous read is on. It goes in a header, which cannot carry
    /// control characters or non-ASCII text.
    /// </summary>
    private static string? ApiKey(ParsedArguments parsed, CliEnvironment environment)
    {
        var given = parsed.Single("api-key");
        if (given is not null && string.IsNullOrWhiteSpace(given))
        {
            throw CliException.Usage("--api-key is empty (a secret or variable that is not set?); give the key, or leave the option out to send none.");
        }

        var key = (given ?? environment.Variable("LINEAGE_API_KEY"))?.Trim();
        return key switch
        {
            null or "" => null,
            _ when key.All(c => c is >= ' ' and <= '~') => key,
            _ => throw CliException.Usage("The API key (--api-key or LINEAGE_API_KEY) holds a control character or a character outside ASCII, which no header can carry; check how it was copied."),
        };
    }

    /// <summary>
    /// Refuses a passing gate on a job when the pass would not mean what it says. A job's runs are INSTANCE_OF
    /// it, a structural relation no impact walk follows, so a job's impact holds only what it DERIVES: what its
    /// runs made is not judged.
    /// </summary>
    private static async Task CheckJobGateCanPassAsync(
        ILineageSource source, EntityKey job, ImpactReport impact, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var advice = "Gate on what the job reads or writes (a dataset key), or on one of its runs.";
        if (impact.Walk.Nodes.Count == 0)
        {
            throw CliException.Usage(
                $"--fail-on on {job} would pass every change: nothing leads from the job (its runs are INSTANCE_OF it, which walks do not follow; only what it DERIVES is its impact). {advice}");
        }

        var runs = await source.WalkAsync(
            new WalkRequest { Start = job, Direction = Direction.Upstream, MaxDepth = 1, Relations = [RelationKind.InstanceOf], AsOf = asOf, Limit = 1 },
            cancellationToken).ConfigureAwait(false);
        if (runs.Nodes.Count > 0)
        {
            throw CliException.Usage(
                $"--fail-on on {job} cannot pass: the job has runs, and what they made is not in its impact (runs are INSTANCE_OF the job, which walks do not follow; only what it DERIVES is judged). {advice}");
        }
    }

    /// <summary>
    /// Refuses a gate that the relations followed can never trip, since no chain of them leads from
    /// the changed entity's kind to a listed kind (<c>--relation INPUT_TO,PRODUCED --fail-on
    /// Deployment</c>, or <c>INPUT_TO,DEPLOYED_AS</c> from a dataset: no model is ever reached to be
    /// deployed): it would pass every change.
    /// </summary>
    private static void CheckGateCanTrip(EntityKind start, List<EntityKind>? failOn, List<RelationKind>? followed)
    {
        if (failOn is null || followed is null)
        {
            return;
        }

        // The kinds a downstream walk can meet: each followed relation adds the kinds it ends at once a
        // kind it starts from is met; NEXT_VERSION leads to the kind it leaves.
        var reachable = new HashSet<EntityKind>();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var relation in followed)
            {
                var from = Lineage.Graph.Core.Relations.AllowedFrom(relation).Where(k => k == start || reachable.Contains(k)).ToList();
                var to = relation == RelationKind.NextVersion ? from : from.Count > 0 ? Lineage.Graph.Core.Relations.AllowedTo(relation) : [];
                foreach (var kind in to)
                {
                    grew |= reachable.Add(kind);
                }
            }
        }

        if (!failOn.Any(reachable.Contains))
        {
            throw CliException.Usage(
                $"--fail-on {string.Join(",", failOn.Select(Wire.Name))} can never trip: from a {Wire.Name(start)}, the relations in --relation {string.Join(",", followed.Select(Wire.Name))} lead only to {(reachable.Count == 0 ? "nothing" : string.Join(", ", reachable.Order().Select(Wire.Name)))}, so every change would pass.");
        }
    }

    private static List<EntityKind>? Kinds(ParsedArguments parsed, string option) =>
        parsed.Many(option) is { Count: > 0 } kinds ? [.. kinds.Select(k => Wire.FromUser<EntityKind>(option, k)).Distinct()] : null;

    private static List<RelationKind>? Relations(ParsedArguments parsed) =>
        parsed.Many("relation") is { Count: > 0 } relations ? [.. relations.Select(r => Wire.FromUser<RelationKind>("relation", r)).Distinct()] : null;

    private static DateTimeOffset? AsOf(ParsedArguments parsed) => parsed.Single("as-of") is { } text ? Wire.TimeFromUser("as-of", text) : null;

    /// <summary>
    /// A bound's refusal in the options the user typed: the store and the server name their own
    /// parameters as the item (maxDepth, limit, k, first), which on the command line are --depth and --limit.
    /// </summary>
    private static string AsOptions(string message)
    {
        foreach (var (parameter, option) in new[] { ("maxDepth", "--depth"), ("limit", "--limit"), ("k", "--limit"), ("first", "--limit") })
        {
            // "maxDepth: must be between…" as the item prefixes it, and "maxDepth must be between…" from a server of before
            // 2026-11-29; a refusal of another kind with that item (the server's walk budget) keeps its own words.
            foreach (var prefix in new[] { parameter + ": must ", parameter + " must " })
            {
                if (message.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return option + " must " + message[prefix.Length..];
                }
            }
        }

        return message;
    }
}
