namespace Lineage.Graph.Cli;

/// <summary>A command's name, its positional arguments, the options it takes beyond the common ones, and its help line.</summary>
internal sealed record CommandSpec(string Name, IReadOnlyList<string> Arguments, IReadOnlyList<string> Options, string Summary)
{
    /// <summary>Options every command takes.</summary>
    public static IReadOnlyList<string> Common { get; } = ["server", "api-key", "db", "format", "verbose", "help"];

    /// <summary>Options that take no value.</summary>
    public static IReadOnlyList<string> Flags { get; } = ["verbose", "help"];

    private static readonly string[] Walk = ["depth", "relation", "as-of"];

    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new("impact", ["KEY"], [.. Walk, "kind", "fail-on"], "What a change to KEY reaches downstream; --fail-on KINDS makes it a CI gate."),
        new("provenance", ["KEY"], [.. Walk, "kind"], "What made KEY: its upstream closure and whether it is reproducible."),
        new("lineage", ["KEY"], [.. Walk, "kind", "direction", "limit"], "A walk from KEY: --direction UPSTREAM, DOWNSTREAM (default) or BOTH."),
        new("paths", ["FROM", "TO"], [.. Walk, "limit"], "Up to --limit (default 3) shortest paths between two entities."),
        new("diff", ["A", "B"], ["depth", "as-of"], "How the upstream closures of A and B differ: inputs, hyperparameters, code, metrics."),
        new("get", ["KEY"], [], "One entity with all its fields (as it is now)."),
        new("search", ["TEXT"], ["kind", "limit"], "Entities whose namespace, name or description contains TEXT (--limit, default 50)."),
        new("import", ["FILE"], [], "Writes OpenLineage events or batches from FILE (- for stdin); re-running it is safe."),
    ];

    public static CommandSpec? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    public bool Takes(string option) => Common.Contains(option) || Options.Contains(option);
}
