namespace Lineage.Graph.Cli;

/// <summary>What <c>lineage --help</c> and <c>lineage COMMAND --help</c> print.</summary>
internal static class HelpText
{
    private const string Sources = """
        Where:
          --server URL      a Lineage.Graph server (or LINEAGE_URL); POSTs to URL/graphql (a URL that
                            already ends in /graphql is used as it is)
          --api-key KEY     sent as 'Authorization: Bearer KEY' (or LINEAGE_API_KEY)
          --db PATH         an embedded database file, opened directly (it wins over LINEAGE_URL)
        Give --db or --server, not both (--api-key goes with --server).
        """;

    private const string Common = """
        Output:
          --format F        table, json, dot or mermaid (dot and mermaid for impact, provenance,
                            lineage and paths). Default: table on a terminal, json when piped.
          --verbose         after an error, show the exception behind it (why a server could not
                            be reached, where an internal error happened)
        """;

    private const string Walk = """
        Walk options (where the command takes them):
          --depth N         hops from the start (default 20)
          --kind K          show only these kinds (repeat or comma-separate; search: one kind):
                            DATASET, FEATURE, CODE_VERSION, HYPERPARAMETER_SET, MODEL, RUN, JOB,
                            DEPLOYMENT
          --relation R      follow only these relations (repeat or comma-separate): INPUT_TO, PRODUCED,
                            EXECUTED_IN, CONFIGURED, DERIVES, DEPLOYED_AS (the lineage relations,
                            the default), NEXT_VERSION, INSTANCE_OF, CHILD_OF
          --as-of T         the graph as it stood at an ISO 8601 instant (2026-06-01T12:00:00Z)
          --direction D     lineage only: UPSTREAM, DOWNSTREAM (default) or BOTH
          --limit N         lineage: most nodes (1,000, or the server's default; at most 10,000, or the
                            server's cap); paths: most paths (3); search: most entities (50)
          --fail-on K       impact only: exit 2 when the change reaches an entity of these kinds
        """;

    private const string Exits = """
        Exit codes:
          0   ok
          1   usage error: bad arguments, or an import FILE that cannot be read
          2   impact --fail-on: the change reaches an entity of a listed kind, or the walk stopped
              (at the limit, or at --depth with more beyond) before it could rule one out
          3   not found: the key names no entity
          4   unavailable: the server cannot be reached, did not answer within 100 s, failed (HTTP
              5xx) or answered as no Lineage.Graph server does, or the database file cannot be opened
          5   refused: the API key is missing, wrong, or lacks the role, or the store takes no
              writes (READ_ONLY)
          6   invalid input: a malformed key, a depth or limit past the cap, an import file refused
              whole (a malformed JSON array, corrupt gzip, no items) or changed while it was imported
              (the import stops there and prints its summary), or a request past the server's
              limits (too large or too complex); a bad option value (an unknown kind or relation)
              is a usage error, 1
          7   import finished, but some items failed (each is named on stderr)
          70  internal error
          74  the output could not be written (OUTPUT_FAILED: a full disk, say); an import's
              items went in, and stderr says how it ended
          130 interrupted (Ctrl-C or SIGTERM); an import stops after the item being written and
              prints its summary
        """;

    public static void Write(CommandSpec? command, TextWriter writer)
    {
        if (command is null)
        {
            writer.WriteLine("lineage: impact analysis and provenance from a Lineage.Graph server or database file.");
            writer.WriteLine();
            writer.WriteLine("Usage: lineage COMMAND ARGUMENTS [options]");
            writer.WriteLine();
            writer.WriteLine("Commands:");
            foreach (var spec in CommandSpec.All)
            {
                writer.WriteLine($"  {$"{spec.Name} {string.Join(' ', spec.Arguments)}",-18}{spec.Summary}");
            }

            writer.WriteLine();
            writer.WriteLine("Keys are kind:namespace:name@version, e.g. dataset:s3://bucket/path:events@2024-06-01, the kind");
            writer.WriteLine("one word (codeversion, hyperparameterset); a job's key and a hyperparameter set's have no version.");
            writer.WriteLine("Options are written --name value or --name=value; put -- before arguments that start with '-'.");
            writer.WriteLine("'lineage COMMAND --help' shows a command's options.");
        }
        else
        {
            writer.WriteLine($"Usage: lineage {command.Name} {string.Join(' ', command.Arguments)} [options]");
            writer.WriteLine();
            writer.WriteLine(command.Summary);
            if (command.Options.Count > 0)
            {
                writer.WriteLine($"Options: {string.Join(", ", command.Options.Select(o => "--" + o))}.");
            }
        }

        writer.WriteLine();
        writer.Write(Sources);
        writer.WriteLine();
        writer.WriteLine();
        writer.Write(Common);
        writer.WriteLine();
        writer.WriteLine();
        if (command is null || command.Options.Count > 0)
        {
            writer.Write(Walk);
            writer.WriteLine();
            writer.WriteLine();
        }

        if (command?.Name == "import")
        {
            writer.WriteLine("FILE holds OpenLineage events or batches ({\"entities\": [...], \"edges\": [...]}), as JSON lines,");
            writer.WriteLine("a JSON array, or JSON documents one after another (pretty-printed). Each item is written atomically;");
            writer.WriteLine("writes are idempotent, so running an interrupted import again resumes it: what is stored comes");
            writer.WriteLine("back unchanged. A gzip-compressed FILE (or gzip on -, standard input) is expanded first. An item");
            writer.WriteLine("that fails is named on stderr and the others still go in (exit 7).");
            writer.WriteLine();
        }

        writer.Write(Exits);
        writer.WriteLine();
    }
}
