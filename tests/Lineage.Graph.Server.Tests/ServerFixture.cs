using Lineage.Graph.Core;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// A <see cref="LineageServerFactory"/> with a test class's own settings and its store wrapped in
/// an <see cref="InstrumentedStore"/>. Each test class that shares one gets its own database.
/// </summary>
public abstract class ServerFixture : IDisposable
{
    private readonly LineageServerFactory _server = new();

    protected ServerFixture(IReadOnlyDictionary<string, string?>? settings = null)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _server.Settings[key] = value;
        }

        Factory = _server.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(ILineageStore));
            services.Remove(original);
            services.AddSingleton<ILineageStore>(sp => new InstrumentedStore((ILineageStore)original.ImplementationFactory!(sp)));
        }));
    }

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>The server's database file, which a fixture may write before the server first starts.</summary>
    protected string DatabasePath => _server.DatabasePath;

    public InstrumentedStore Store => (InstrumentedStore)Factory.Services.GetRequiredService<ILineageStore>();

    public GraphQLClient Client(string? key = null, bool keyAsHeader = false) => GraphQLClient.For(Factory, key, keyAsHeader);

    public GraphQLClient Reader() => Client(LineageServerFactory.ReaderKey);

    public GraphQLClient Writer() => Client(LineageServerFactory.WriterKey);

    public GraphQLClient Admin() => Client(LineageServerFactory.AdminKey);

    public void Dispose()
    {
        _server.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The server as production runs it, on an empty graph.</summary>
public sealed class EmptyServer : ServerFixture;

/// <summary>The server as production runs it, holding the demo graph (<see cref="Hosting.DemoGraph"/>).</summary>
public sealed class DemoServer : ServerFixture, IAsyncLifetime
{
    public Task InitializeAsync() => Hosting.DemoGraph.WriteAsync(Store);

    public Task DisposeAsync() => Task.CompletedTask;
}
