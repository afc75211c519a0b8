namespace Lineage.Graph.Cli.Tests;

/// <summary>A host on the <see cref="TestGraph"/>, shared by the tests of a class that only read.</summary>
public sealed class GraphHost : IDisposable
{
    public CliHost Host { get; } = new(TestGraph.WriteAsync);

    public void Dispose() => Host.Dispose();
}
