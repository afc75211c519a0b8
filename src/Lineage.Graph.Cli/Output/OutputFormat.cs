namespace Lineage.Graph.Cli.Output;

/// <summary>How a command prints its answer (<c>--format</c>).</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Dot,
    Mermaid,
}
