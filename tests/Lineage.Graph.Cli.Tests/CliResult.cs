namespace Lineage.Graph.Cli.Tests;

/// <summary>What one run of the command did: its exit code and everything it printed.</summary>
public sealed record CliResult(int Exit, string Out, string Err);
