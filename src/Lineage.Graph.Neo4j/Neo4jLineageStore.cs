using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Lineage.Graph.Neo4j;

/// <summary>
/// The store on Neo4j 5.26+ (or Aura), spoken to through the HTTP Query API. Entities are nodes
/// labelled <c>Entity</c> and their kind; relations are relationship types; a current edge carries
/// <c>current: true</c>, which retiring removes, so that retired versions stay for asOf. Times are
/// UTC ticks, as in the embedded store. The upsert rules run here (<see cref="EntityMerge"/>), and
/// each batch is then one <c>UNWIND ... MERGE</c> statement, so it is atomic.
/// </summary>
public sealed partial class Neo4jLineageStore : ILineageStore
{
    /// <summary>
    /// The deepest walk this store runs. Every depth up to it is linted in CI (cypher/lint), so a
    /// larger configured cap is refused rather than sent unchecked.
    /// </summary>
    public const int MaxDepthCap = 100;

    private readonly QueryApiClient _client;
    private readonly TraversalLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly Bookmarks _bookmarks = new();
    private volatile bool _schemaApplied;

    public Neo4jLineageStore(QueryApiClient client, TraversalLimits limits, TimeProvider timeProvider, ILogger<Neo4jLineageStore> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (limits.MaxDepthCap > MaxDepthCap)
        {
            throw new ArgumentException(
                $"Lineage:Traversal:MaxDepthCap is {limits.MaxDepthCap}; the Neo4j store walks at most {MaxDepthCap} hops.", nameof(limits));
        }

        _client = client;
        _limits = limits;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Applies the schema (constraints and indexes, idempotently). A Neo4j that cannot be reached
    /// leaves the store degraded, and the schema is applied by the first call that reaches it; a
    /// Neo4j that refuses the credentials, or has no database of the configured name, is a
    /// configuration error and throws.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex) when (ex.InnerException is Neo4jException { Code: var code } && code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal))
        {
            // Wrong credentials will not fix themselves: stop the host with one clear line.
            throw new InvalidOperationException($"Neo4j refused the configured credentials (Lineage:Neo4j:User/Password or Token): {ex.InnerException.Message}", ex);
        }
        catch (StoreUnavailableException ex) when (ex.InnerException is Neo4jException { Code: "Neo.ClientError.Database.DatabaseNotFound" })
        {
            // Nor will a database name that names none (a starting database is a transient error, not this one).
            throw new InvalidOperationException($"Neo4j has no database named by Lineage:Neo4j:Database: {ex.InnerException.Message}", ex);
        }
        catch (StoreUnavailableException ex)
        {
            Log.StartedDegraded(_logger, ex.Message);
        }
    }

    public ValueTask DisposeAsync()
    {
        _schemaGate.Dispose();
        return ValueTask.CompletedTask;
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await RunAsync("ping", null, AccessMode.Read, cancellationToken).ConfigureAwait(false);
            return new StoreHealth(StoreStatus.Healthy, "Neo4j", "Neo4j answers.", new Dictionary<string, object> { ["schemaApplied"] = _schemaApplied });
        }
        catch (LineageException ex)
        {
            return new StoreHealth(StoreStatus.Degraded, "Neo4j", ex.Message, new Dictionary<string, object> { ["code"] = ex.Code });
        }
        catch (Neo4jException ex)
        {
            return new StoreHealth(StoreStatus.Degraded, "Neo4j", ex.Message, new Dictionary<string, object> { ["code"] = ex.Code });
        }
    }

    public async Task<Entity?> GetAsync(EntityKey key, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = await GetManyAsync([key], asOf, cancellationToken).ConfigureAwait(false);
        return found.GetValueOrDefault(key);
    }

    public async Task<IReadOnlyDictionary<EntityKey, Entity>> GetManyAsync(
        IReadOnlyCollection<EntityKey> keys, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return await FetchAsync(keys, At(asOf), includeRetired: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<EntityPage> ListAsync(EntityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = query.Validate();
        var after = query.After is null ? null : SortKeys.Of(Cursors.ToKey(query.After).ToString());
        var parameters = new Dictionary<string, object?>
        {
            ["namespace"] = query.Namespace,
            ["name"] = query.Name,
            ["prefix"] = string.IsNullOrEmpty(query.NameStartsWith) ? null : query.NameStartsWith,
            ["tag"] = query.Tag,
            ["text"] = string.IsNullOrEmpty(query.Text) ? null : query.Text.ToLowerInvariant(),
            ["after"] = after,
            ["take"] = query.First + 1,
        };

        // Each row holds the count with one entity of the page; a page past the last match is one row without an entity.
        var rows = Neo4jRow.All(await RunTextAsync(CypherStatements.Labelled("list-entities", query.Kind), parameters, AccessMode.Read, counters: false, cancellationToken)
            .ConfigureAwait(false)).ToList();
        // Whether more follow is told by the rows the statement found, not by those still whole: an entity purged while
        // the statement read it comes back as nulls, and counted out here it ended the listing a page early.
        var found = rows.Where(r => r["matched"].ValueKind == System.Text.Json.JsonValueKind.True).ToList();
        var more = found.Count > query.First;
        var items = found.Where(r => r.IsWholeEntity).Select(r => r.Entity()).ToList();
        if (items.Count > query.First)
        {
            items.RemoveAt(items.Count - 1);
        }

        return new EntityPage(items, items.Count == 0 ? null : Cursors.ForKey(items[^1].Key), more,
            checked((int)rows[0].Long("total")));
    }

    public async Task<IReadOnlyDictionary<(EntityKind Kind, string Namespace, string Name), IReadOnlyList<Entity>>> ListVersionsAsync(
        IReadOnlyCollection<(EntityKind Kind, string Namespace, string Name)> entities, int? newest = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        EntityVersions.CheckNewest(newest);
        if (entities.Count == 0)
        {
            return EntityVersions.Answer(entities, []);
        }

        // As many entities to a statement as a walk statement has starts: an entity may have
        // thousands of versions, and one answer for every entity asked would be held whole.
        var found = new List<Entity>();
        foreach (var chunk in entities.Distinct().Chunk(StartsPerStatement))
        {
            var parameters = new Dictionary<string, object?>
            {
                ["entities"] = chunk.Select(e => new Dictionary<string, object?>
                {
                    ["kind"] = e.Kind.ToString(),
                    ["namespace"] = e.Namespace,
                    ["name"] = e.Name,
                }).ToList(),
            };
            if (newest is { } count)
            {
                parameters["newest"] = count;
            }

            var result = await RunAsync(newest is null ? "list-versions" : "list-newest-versions", parameters, AccessMode.Read, cancellationToken).ConfigureAwait(false);
            found.AddRange(Neo4jRow.Entities(result));
        }

        return EntityVersions.Answer(entities, found, newest);
    }

    /// <summary>
    /// The entities with these keys, read <see cref="KeysPerRead"/> at a time: a batch of walks (256 starts, each
    /// answering up to the traversal cap) named millions in one statement, whose answer Neo4j would build in one
    /// transaction's memory and send as one body of gigabytes.
    /// </summary>
    private async Task<Dictionary<EntityKey, Entity>> FetchAsync(
        IEnumerable<EntityKey> keys, long at, bool includeRetired, CancellationToken cancellationToken)
    {
        var entities = new Dictionary<EntityKey, Entity>();
        foreach (var chunk in keys.Distinct().Chunk(KeysPerRead))
        {
            foreach (var (key, stored) in await FetchStoredAsync(chunk, at, includeRetired, AccessMode.Read, cancellationToken).ConfigureAwait(false))
            {
                entities[key] = stored.Entity;
            }
        }

        return entities;
    }

    /// <summary>The most keys one statement reads entities for (<see cref="FetchAsync"/>).</summary>
    internal const int KeysPerRead = 10_000;

    /// <summary>
    /// The entities with these keys, each with its revision (which a write checks before it writes).
    /// A write reads with <see cref="AccessMode.Write"/>: that goes to the leader, which has every
    /// committed write, other processes' too, where a reader may lag and send the write round its
    /// conflict loop until the reader catches up.
    /// </summary>
    private async Task<Dictionary<EntityKey, Stored>> FetchStoredAsync(
        IEnumerable<EntityKey> keys, long at, bool includeRetired, AccessMode mode, CancellationToken cancellationToken)
    {
        var result = await RunAsync("get-entities", new Dictionary<string, object?>
        {
            ["keys"] = keys.Select(k => k.ToString()).Distinct().ToList(),
            ["at"] = at,
            ["includeRetired"] = includeRetired,
        }, mode, cancellationToken).ConfigureAwait(false);
        return Neo4jRow.All(result).Where(r => r.IsWholeEntity).Select(r => new Stored(r.Entity(), r.Long("revision"))).ToDictionary(s => s.Entity.Key);
    }

    private Task<QueryResult> RunAsync(string statement, IReadOnlyDictionary<string, object?>? parameters, AccessMode mode, CancellationToken cancellationToken) =>
        RunTextAsync(CypherStatements.Query(statement), parameters, mode, false, cancellationToken);

    /// <summary>
    /// Sends one statement, applying the schema first when it has not been yet, and turns Neo4j's
    /// refusals into the exception family: what reaches the caller is a <see cref="LineageException"/>.
    /// </summary>
    private async Task<QueryResult> RunTextAsync(
        string statement, IReadOnlyDictionary<string, object?>? parameters, AccessMode mode, bool counters, CancellationToken cancellationToken)
    {
        if (!_schemaApplied)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await SendAsync(statement, parameters, mode, counters, cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jException ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>
    /// Sends one statement with the bookmarks of this store's writes so far, and keeps those of a
    /// statement sent as a write: it ran on the leader, so they cover every write committed before it.
    /// </summary>
    private async Task<QueryResult> SendAsync(
        string statement, IReadOnlyDictionary<string, object?>? parameters, AccessMode mode, bool counters, CancellationToken cancellationToken)
    {
        var sent = _bookmarks.Current;
        QueryResult result;
        try
        {
            result = await _client.RunAsync(statement, parameters, mode, counters, sent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (sent.Count > 0 && BookmarkRefusal(ex) is { } refusal)
        {
            // Bookmarks past what the database holds (restored from an older backup, or dropped and made anew while
            // this server ran) are never reached: every statement would wait them out and fail until a restart.
            // Forget them and send once without, so the store recovers; this one statement loses only the
            // guarantee of seeing this server's own last writes, which the database no longer has.
            _bookmarks.Forget(sent);
            Log.BookmarksForgotten(_logger, refusal.Code, refusal.ServerMessage);
            result = await _client.RunAsync(statement, parameters, mode, counters, [], cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex) when (sent.Count > 0 && ex.InnerException is TimeoutRejectedException or TimeoutException)
        {
            // Neo4j waits for a statement's bookmarks before it starts it, up to db.transaction.bookmark_ready_timeout
            // (30 s by default, as long as this client's own timeout), and maxExecutionTime does not bound that wait:
            // bookmarks the database never reaches then time the call out before Neo4j can say BookmarkTimeout,
            // call after call. So a call timed out with bookmarks forgets them, and the next is sent without; it
            // loses at most the guarantee of seeing this server's own last writes on a cluster's reader, for a
            // moment, where keeping them could leave the store unavailable until a restart.
            _bookmarks.Forget(sent);
            Log.BookmarksTimedOut(_logger, sent.Count);
            throw;
        }

        if (mode == AccessMode.Write)
        {
            _bookmarks.Update(sent, result.Bookmarks);
        }

        return result;
    }

    /// <summary>Neo4j's refusal of a statement's bookmarks: invalid, or not reached in time on every attempt.</summary>
    private static Neo4jException? BookmarkRefusal(Exception ex) => ex switch
    {
        Neo4jException { Code: "Neo.ClientError.Transaction.InvalidBookmark" or "Neo.ClientError.Transaction.InvalidBookmarkMixture" } refused => refused,
        StoreUnavailableException { InnerException: Neo4jException { Code: "Neo.TransientError.Transaction.BookmarkTimeout" } timedOut } => timedOut,
        _ => null,
    };

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaApplied)
            {
                return;
            }

            foreach (var (name, text) in CypherStatements.Schema)
            {
                try
                {
                    await SendAsync(text, null, AccessMode.Write, false, cancellationToken).ConfigureAwait(false);
                }
                catch (Neo4jException ex)
                {
                    // Whatever the code, a schema statement that fails says nothing about a caller's request.
                    throw Unavailable(ex, $"Applying {name}: ");
                }
            }

            _schemaApplied = true;
            Log.SchemaApplied(_logger, CypherStatements.Schema.Count);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>
    /// A refusal caused by a value of the request is the caller's to fix (INVALID_INPUT, naming
    /// Neo4j's code); anything else is reported as the store being unavailable.
    /// </summary>
    private static LineageException Translate(Neo4jException exception) =>
        Neo4jErrors.IsCausedByInput(exception.Code)
            ? new InvalidInputException($"Neo4j refused a value of this request ({exception.Code}): {exception.ServerMessage}")
            : Unavailable(exception);

    private static StoreUnavailableException Unavailable(Neo4jException exception, string context = "") =>
        new($"{context}Neo4j refused the request ({exception.Code}): {exception.Message}", exception);

    private static long At(DateTimeOffset? asOf) => asOf?.UtcTicks ?? long.MaxValue - 1;
}
