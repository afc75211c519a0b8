using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Cli.Sources;

/// <summary>An embedded database file opened directly, with Core's reports run on it in this process.</summary>
internal sealed class EmbeddedSource : ILineageSource
{
    // One for the process, as the server has one: an import's times never go back with a clock stepped back.
    private static readonly MonotonicClock Clock = new(TimeProvider.System);

    private readonly SqliteLineageStore _store;
    private readonly LineageReports _reports;

    private EmbeddedSource(SqliteLineageStore store)
    {
        _store = store;
        _reports = new LineageReports(store, new TraversalLimits());
    }

    /// <summary>
    /// Opens the file. Only <c>import</c> may create it: a query against a mistyped path must
    /// fail, not answer from a new, empty database. A query on a file this process may only read
    /// (a read-only folder or mount, another user's file) reads it read-only.
    /// </summary>
    public static EmbeddedSource Open(string path, bool create)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            // "No database file" would send the user looking for a file that is missing, not at the path.
            throw CliException.Usage($"--db {full} is a folder; name the database file (such as {Path.Combine(full, "lineage.db")}).");
        }

        if (!create && !File.Exists(full))
        {
            throw new StoreUnavailableException($"No database file at {full}.");
        }

        if (!create && new FileInfo(full).Length == 0)
        {
            // SQLite would make an empty file a new database: a truncated artifact would answer as an empty graph.
            throw new StoreUnavailableException($"The database file at {full} is empty: it holds no graph, and a query leaves it as it is.");
        }

        var options = new SqliteStoreOptions { Path = full };
        try
        {
            return new EmbeddedSource(SqliteLineageStore.Open(options, new TraversalLimits(), Clock));
        }
        catch (StoreUnavailableException ex) when (!create && ex.InnerException is SqliteException
        {
            SqliteErrorCode: SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PERM,
        })
        {
            // Tried writable first, so that a file of an earlier schema is still brought up to this one where it can be.
            options.ReadOnly = true;
            return new EmbeddedSource(SqliteLineageStore.Open(options, new TraversalLimits(), Clock));
        }
    }

    public async Task<Entity> GetAsync(EntityKey key, CancellationToken cancellationToken) =>
        await _store.GetAsync(key, null, cancellationToken).ConfigureAwait(false)
            ?? throw await EntityNotFound.ErrorAsync(_store, key, null, cancellationToken).ConfigureAwait(false);

    public Task<EntityPage> SearchAsync(EntityQuery query, CancellationToken cancellationToken) =>
        _store.ListAsync(query.Validate(), cancellationToken);

    public Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken) =>
        _store.WalkAsync(request, cancellationToken);

    public Task<ImpactReport> ImpactAsync(
        EntityKey key, int? maxDepth, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf, CancellationToken cancellationToken) =>
        _reports.ImpactAsync(key, maxDepth, relations, asOf, cancellationToken);

    public Task<ProvenanceReport> ProvenanceAsync(
        EntityKey key, int? maxDepth, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf, CancellationToken cancellationToken) =>
        _reports.ProvenanceAsync(key, maxDepth, relations, asOf, cancellationToken: cancellationToken);

    public Task<PathsResult> PathsAsync(
        EntityKey from, EntityKey to, int k, int? maxDepth, IReadOnlyList<RelationKind>? relations, DateTimeOffset? asOf,
        CancellationToken cancellationToken) =>
        _reports.PathsAsync(from, to, k, maxDepth, relations, asOf, cancellationToken);

    public Task<DiffReport> DiffAsync(EntityKey a, EntityKey b, int? maxDepth, DateTimeOffset? asOf, CancellationToken cancellationToken) =>
        _reports.DiffAsync(a, b, maxDepth, asOf, cancellationToken);

    public Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken) => _store.WriteAsync(batch, cancellationToken);

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
