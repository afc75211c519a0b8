using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;
using Lineage.Graph.Store.Contract;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Neo4j.Tests;

/// <summary>
/// The store contract suite on Neo4j. Without a Neo4j (see <see cref="Neo4jServer"/>) every
/// test is reported as skipped with the reason, never as passed.
/// </summary>
public sealed class Neo4jStoreContractTests(Neo4jServer server) : StoreContractTests, IClassFixture<Neo4jServer>
{
    protected override async Task<ILineageStore> CreateStoreAsync(TimeProvider timeProvider, TraversalLimits limits)
    {
        Skip.If(server.Url is null, server.Unavailable);
        var options = Options.Create(new Neo4jOptions
        {
            Url = server.Url,
            User = server.User,
            Password = server.Password,
            MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        });
        var client = new QueryApiClient(new HttpClient(), options, NullLogger<QueryApiClient>.Instance, TimeProvider.System);

        // Every test starts from an empty graph; the schema stays.
        await client.RunAsync("MATCH (n) DETACH DELETE n");
        var store = new Neo4jLineageStore(client, limits, timeProvider, NullLogger<Neo4jLineageStore>.Instance);
        await store.InitializeAsync();
        return store;
    }
}
