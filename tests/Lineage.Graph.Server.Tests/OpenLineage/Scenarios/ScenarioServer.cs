namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios;

/// <summary>A server of its own for one scenario class, holding that scenario's events once sent.</summary>
public abstract class ScenarioServer : ServerFixture, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        using var writer = Writer();
        await SendAsync(writer);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Sends the scenario's events as its producer would; tests call it again to replay them.</summary>
    public abstract Task SendAsync(GraphQLClient writer);
}
