using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Text.Json;
using Lineage.Graph.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lineage.Graph.Sqlite;

/// <summary>
/// The embedded store: SQLite in WAL mode is the system of record, and an in-memory
/// <see cref="AdjacencyIndex"/> answers walks. The index is loaded at open, updated by every
/// write this store commits, and caught up with commits of any other connection or process
/// (noticed through <c>PRAGMA data_version</c>) before a walk is answered.
/// </summary>
public sealed partial class SqliteLineageStore : ILineageStore
{
    private readonly string _connectionString;
    private readonly TraversalLimits _limits;
    private readonly TimeProvider _time;
    private readonly int _lockTimeoutSeconds;
    private readonly bool _readOnly;

    // Set when the file was opened as unchanging (Open says when): what it looked like then.
    private FileStamp? _unchanging;
    private readonly ILogger _logger;
    private readonly AdjacencyIndex _index = new();
    private readonly RowCache<Entity> _cache;
    private RowCache<IReadOnlyDictionary<string, JsonElement>> _edgeProperties = new(0, 0);

    // One writer at a time in this process; SQLite's own lock orders writers across processes.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // When the write whose turn it is began to wait (a Stopwatch timestamp): its turn and SQLite's
    // lock share one limit. Only the holder of the write gate reads or sets it.
    private long _writeWaitStarted;

    // Catching up and applying a commit to the index happen under one lock, so that rows read
    // earlier can never be applied over rows read later.
    private readonly Lock _catchUpGate = new();

    private readonly SqliteConnection _writer;
    private readonly OpenFile _file;

    // The write-ahead log and the shared-memory index the writer holds open. Deleted under the store (a
    // cleaner of stale files), its writes went on into a log no new connection would read, every other
    // read failed with a disk I/O error while health said healthy, and the next open found an empty
    // graph; a -shm deleted while another process wrote let the two append to one log without sharing
    // its locks, which corrupted the file. Watched as the file is, so that both stop at once; from the end
    // of Open, when the connections have them open (a connection opens them at its first read, not at its own).
    // Only a lost log is emptied into the file (EmptyOldLog): its commits are nowhere else. A lost -shm
    // leaves the log at its path, whole, for the next open to recover; a checkpoint through the old index,
    // truncating the log, would cut off what another process appended since under a new one.
    private SideFile _log = SideFile.None;
    private SideFile _sharedMemory = SideFile.None;
    private static readonly TimeSpan FileCheckInterval = TimeSpan.FromMilliseconds(100);
    private long _fileCheckDue = long.MinValue;
    // Why this store answers nothing more from its file (moved away, or taken back to an earlier
    // state under it); null while the file is the one it opened.
    private volatile string? _fileLost;

    // The file the configured path led to at open, every link on it followed.
    private readonly string _realPath;
    private readonly SqliteConnection _probe;
    private readonly RawStatement _dataVersionStatement;
    private long _dataVersion;

    // Reader connections with their statements compiled, one per concurrent read at most. A burst
    // of reads opens more, but only MaxPooledSessions stay open after it: each holds a page cache.
    private const int MaxPooledSessions = 16;
    private readonly ConcurrentBag<ReadSession> _sessions = [];

    private SqliteLineageStore(string connectionString, string path, TraversalLimits limits, TimeProvider time, ILogger logger, SqliteStoreOptions options)
    {
        _cache = new RowCache<Entity>(options.EntityCacheSize, options.EntityCacheBytes);
        _lockTimeoutSeconds = options.LockTimeoutSeconds;
        _readOnly = options.ReadOnly;
        _connectionString = connectionString;
        _limits = limits;
        _time = time;
        _logger = logger;
        _realPath = path;
        var before = OpenFile.Open(path);
        _writer = Connect(options.Synchronous);
        try
        {
            _file = OpenFile.Since(path, before);
            _probe = Connect(options.Synchronous);

            // The pragma runs through SQLite's own interface, which Microsoft.Data.Sqlite does not retry while
            // the file is busy (another process recovering the log after a crash): SQLite waits itself, as long
            // as the connection's commands would, as a read session's statements do (ReadSession).
            Execute(_probe, $"PRAGMA busy_timeout = {_probe.DefaultTimeout * 1000};");
            _dataVersionStatement = new RawStatement(_probe, "PRAGMA data_version");
        }
        catch
        {
            SqliteConnection.ClearPool(_writer);
            _probe?.Dispose();
            _writer.Dispose();
            throw;
        }
    }

    /// <summary>The file this store keeps its graph in.</summary>
    public required string Path { get; init; }

    /// <summary>How many reader connections stay open for the next reads.</summary>
    internal int PooledSessions => _sessions.Count;

    /// <summary>Whether a write has this process's turn to write now.</summary>
    internal bool WriteTurnTaken => _writeGate.CurrentCount == 0;

    /// <summary>How many entities and edges the index holds, retired ones included.</summary>
    public (int Entities, int Edges) IndexedCounts => (_index.NodeCount, _index.EdgeCount);

    /// <summary>How many decoded entities are cached, and how many cache lookups since open found an up-to-date copy and how many did not.</summary>
    public (int Count, long Hits, long Misses) EntityCacheStatistics => _cache.Statistics;

    /// <summary>How many edges' properties are cached.</summary>
    internal int CachedEdgeProperties => _edgeProperties.Statistics.Count;

    /// <summary>
    /// Called once a read has read entities or edge properties missing from their caches, before it
    /// caches them: a test's way into the window in which a purge may be applied.
    /// </summary>
    internal Action? RowsRead { get; set; }

    /// <summary>
    /// Opens (creating when missing) the database file, applies the schema and loads the index.
    /// Throws <see cref="ValidationException"/> for bad options and <see cref="StoreUnavailableException"/>
    /// when the file cannot be opened.
    /// </summary>
    /// <remarks>
    /// With <see cref="SqliteStoreOptions.ReadOnly"/>, a file whose folder this process cannot write
    /// is opened as unchanging (SQLite's <c>immutable</c>) when every commit is in the file itself (no
    /// log holding any, no rollback journal): SQLite must otherwise create the log's shared-memory file
    /// (<c>-shm</c>) there even to read. SQLite then takes no locks and follows no writer, so the store
    /// checks around every read of the file that it is as it was at open (<see cref="FileStamp"/>), and
    /// once it is not, answers nothing more from it: a writer (the folder's owner) makes it unavailable,
    /// never a mix of old and new. On Unix only: a Windows path is not a URI's path as it stands.
    /// </remarks>
    public static SqliteLineageStore Open(
        SqliteStoreOptions options, TraversalLimits limits, TimeProvider timeProvider, ILogger<SqliteLineageStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (Settings.Problems(options, SqliteStoreOptions.Section) is { Count: > 0 } problems)
        {
            throw new ValidationException(string.Join(" ", problems));
        }

        var path = System.IO.Path.GetFullPath(options.Path);
        // Every connection opens the file the path leads to now, and reader connections open as reads need
        // them: through a link changed since (a snapshot published by swapping `current`), later ones would
        // open another file than the first, and answers would mix the two. So the links are followed once.
        var real = OpenFile.RealPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = real,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = options.LockTimeoutSeconds,
        };

        SqliteLineageStore Create()
        {
            var store = new SqliteLineageStore(builder.ToString(), real, limits, timeProvider, logger ?? (ILogger)NullLogger.Instance, options)
            {
                Path = path,
            };
            try
            {
                store.Initialize();
                return store;
            }
            catch
            {
                store.Close();
                throw;
            }
        }

        if (options.ReadOnly && !File.Exists(path))
        {
            throw new StoreUnavailableException($"No database file at {path}; a read-only store never creates one.");
        }

        try
        {
            if (!options.ReadOnly)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            }

            try
            {
                return Create();
            }
            catch (SqliteException ex) when (options.ReadOnly && ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_CANTOPEN
                && !OperatingSystem.IsWindows())
            {
                var stamp = FileStamp.Take(path);
                if (!stamp.Settled)
                {
                    var file = System.IO.Path.GetFileName(path);
                    throw new StoreUnavailableException(
                        $"Cannot open the embedded store at {path} read-only: its folder cannot be written, so SQLite cannot create the {file}-shm file it needs to read the commits in {file}-wal (or to finish the write {file}-journal records). Open it once where it can be written, which folds them into the file.",
                        ex);
                }

                // SQLite's URI names the file by its path with '?', '#' and '%' escaped; each part is escaped whole.
                builder.DataSource = "file:" + string.Join('/', real.Split('/').Select(Uri.EscapeDataString)) + "?immutable=1";
                var store = Create();
                store._unchanging = stamp;
                try
                {
                    // Changed while the index was loaded: the index could be part old, part new.
                    store.RequireUnchanged();
                    return store;
                }
                catch
                {
                    store.Close();
                    throw;
                }
            }
        }
        catch (SqliteException ex) when (!options.ReadOnly
            && ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_PERM)
        {
            // SQLite's own words ("unable to open database file") say neither what it could not do nor what to check.
            var what = File.Exists(path) ? "open the file for writing" : "create the file";
            throw new StoreUnavailableException(
                $"Cannot open the embedded store at {path}: SQLite could not {what} ({ex.Message.TrimEnd('.')}). Check that this user may write the file and its folder {System.IO.Path.GetDirectoryName(path)}, and that the file system is not mounted read-only. A store that only answers queries can open an existing file read-only (the server's Lineage:Sqlite:ReadOnly; lineage queries with --db do so by themselves).",
                ex);
        }
        catch (SqliteException ex)
        {
            throw new StoreUnavailableException($"Cannot open the embedded store at {path}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new StoreUnavailableException($"Cannot open the embedded store at {path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreUnavailableException($"Cannot open the embedded store at {path}: {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        if (!_readOnly && Moved())
        {
            EmptyOldLog();
        }

        _writer.Dispose();
        _dataVersionStatement.Dispose();
        _probe.Dispose();
        while (_sessions.TryTake(out var session))
        {
            session.Dispose();
        }

        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private void Initialize()
    {
        // Looked at before anything is written: a file that is already ours and ready is opened
        // without a write, so that a query neither waits on another process's write lock nor
        // fails on a file it may only read, and another application's database is left as it is.
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using (var command = Command(_writer, "SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
                if (reader.GetString(1) == "table")
                {
                    tables.Add(reader.GetString(0));
                }
            }
        }

        if (names.Count > 0 && !IsOurs(tables))
        {
            throw new StoreUnavailableException(
                $"{Path} is an SQLite database of another application (it has tables, but not Lineage.Graph's); it was left as it is. Give the store a file of its own.");
        }

        // SQLite opens a file it may not write (its permissions, an immutable flag) read-only without a
        // word; a writer store on it would start healthy and fail every write as if it were transient.
        // The inner SQLITE_READONLY lets a caller that only reads (the CLI's queries) open it read-only instead.
        if (!_readOnly && SQLitePCL.raw.sqlite3_db_readonly(_writer.Handle, "main") == 1)
        {
            throw new StoreUnavailableException(
                $"{Path} cannot be written (its permissions, or an immutable flag, allow reading only). Make it writable, or open it read-only (ReadOnly; Lineage:Sqlite:ReadOnly=true on the server) to serve it as it is.",
                new SqliteException("attempt to write a readonly database", SQLitePCL.raw.SQLITE_READONLY));
        }

        if (_readOnly && names.Count == 0)
        {
            throw new StoreUnavailableException($"{Path} is empty: it holds no graph to read, and it was opened read-only, so it was left as it is.");
        }

        // Read-only, a file of ours is read as it is: its schema version is checked below, and
        // the journal mode is not looked at (an immutable open reports none).
        using var journal = Command(_writer, "PRAGMA journal_mode;");
        if (!_readOnly && !(journal.ExecuteScalar() is "wal" && Schema.Objects.All(names.Contains) && !Schema.Dropped.Any(names.Contains)))
        {
            Execute(_writer, "PRAGMA journal_mode = WAL;");
            using var transaction = _writer.BeginTransaction(deferred: false);
            Execute(_writer, Schema.Create);
            transaction.Commit();
        }

        var stored = Scalar(_writer, "SELECT value FROM meta WHERE name = 'schema'");
        if (stored > Schema.Version)
        {
            throw new StoreUnavailableException(
                $"{Path} was written by a newer Lineage.Graph (schema {stored}; this one reads up to {Schema.Version}).");
        }

        if (stored < Schema.Version && _readOnly)
        {
            throw new StoreUnavailableException(
                $"{Path} was written by an earlier Lineage.Graph (schema {stored}); it is brought up to schema {Schema.Version} once, by a writable open (the server, or lineage import), which a read-only open cannot do.");
        }

        if (stored < Schema.Version)
        {
            Migrate();
        }

        // A copy of an edge's properties is kept by edge id, which only AUTOINCREMENT never gives
        // again: an edges table made before purging existed gives a purged last edge's id to the
        // next one, so such a file's edge properties are read every time.
        var edgeIdsUnique = Scalar(_writer, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'edges' AND sql LIKE '%AUTOINCREMENT%'") > 0;
        _edgeProperties = new(edgeIdsUnique ? _cache.Capacity : 0, _cache.MaxBytes);

        var clock = Stopwatch.StartNew();
        _dataVersion = DataVersion();

        // One read transaction, so that entities, edges and the sequence come from one snapshot
        // even while another process commits.
        using (var snapshot = _probe.BeginTransaction(deferred: true))
        {
            var sequence = Scalar(_probe, "SELECT value FROM meta WHERE name = 'seq'");
            _index.Load(ReadNodes(_probe, "SELECT id, kind, recorded_at, retired_at, key, seq FROM entities"),
                ReadEdges(_probe, $"SELECT {Schema.EdgeColumns} FROM edges"), sequence);
            snapshot.Commit();
        }

        _logger.IndexLoaded(Path, _index.NodeCount, _index.EdgeCount, clock.ElapsedMilliseconds);
        (_log, _sharedMemory) = (SideFile.Watch(_realPath + "-wal"), SideFile.Watch(_realPath + "-shm"));
    }

    /// <summary>
    /// Whether a file's tables are this store's: its entity and edge tables, no table of another
    /// application beside them, and a <c>meta</c> table of name and value with the schema's row (the
    /// schema is created in one transaction, so that row comes with the rest). A <c>meta</c> table with
    /// a <c>schema</c> row alone is a common design: taken for ours, another application's file was
    /// given this store's tables and its schema row rewritten. Indexes are not looked at: an operator
    /// may add one of their own to these tables (the benchmark's recursive CTE does).
    /// </summary>
    private bool IsOurs(HashSet<string> tables)
    {
        if (!tables.Contains("meta") || !tables.Contains("entities") || !tables.Contains("edges")
            || !tables.All(t => t is "meta" or "entities" or "edges" or "purged"))
        {
            return false;
        }

        try
        {
            using var command = Command(_writer, "SELECT count(*) FROM meta WHERE name = 'schema' AND typeof(value) = 'integer'");
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            // A meta table without those columns.
            return false;
        }
    }

    /// <summary>
    /// Brings a file of an earlier schema up to this one, in one write transaction: another
    /// process opening the same file at the same time waits for it, then finds nothing to do.
    /// </summary>
    private void Migrate()
    {
        var clock = Stopwatch.StartNew();
        using var transaction = _writer.BeginTransaction(deferred: false);
        var stored = Scalar(_writer, "SELECT value FROM meta WHERE name = 'schema'");
        if (stored == Schema.Version)
        {
            return;
        }

        Execute(_writer, Schema.MigrateFrom1);

        // The rebuild drops the table that edges refer to, which the writer allows (Connect says
        // why); so the references are checked here, before anything is committed.
        if (Scalar(_writer, "SELECT count(*) FROM pragma_foreign_key_check") > 0)
        {
            throw new StoreUnavailableException($"{Path} has edges whose entities are missing; it was not migrated.");
        }

        transaction.Commit();
        _logger.Migrated(Path, stored, Schema.Version, clock.ElapsedMilliseconds);
    }

    private SqliteConnection Connect(string synchronous)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA synchronous = {synchronous};");

            // Edges name their entities by id, and SQLite would check both on every edge inserted: two
            // searches of the entity table, about a tenth of an ingest's time. The store checks ends itself,
            // against the in-memory index that is exact inside the write transaction, and deletes an
            // entity's edges before it; the schema keeps the references, for foreign_key_check.
            Execute(connection, "PRAGMA foreign_keys = OFF;");
            return connection;
        }
        catch
        {
            // A file that cannot be opened this way may be opened another (read-only, unchanging): this one must not
            // stay open, nor wait in the pool (Dispose alone would put it there).
            SqliteConnection.ClearPool(connection);
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs a read on a pooled <see cref="ReadSession"/>. A session whose read SQLite failed is
    /// closed rather than pooled, since its connection may be in any state; one that answered, or
    /// refused the request (an unknown start, say), goes back to the pool.
    /// </summary>
    private T Read<T>(Func<ReadSession, T> read)
    {
        // Every read, not only those that catch the index up first: a new session would open the file now at the path.
        RequireFile();
        RequireUnchanged();
        var session = _sessions.TryTake(out var pooled) ? pooled : new ReadSession(_connectionString);
        try
        {
            var result = read(session);

            // After as well as before: a change during the read may have given it part old, part new pages.
            RequireUnchanged();
            return result;
        }
        catch (SqliteException)
        {
            session.Dispose();
            session = null;
            throw;
        }
        finally
        {
            if (session is not null && _sessions.Count < MaxPooledSessions)
            {
                _sessions.Add(session);
            }
            else
            {
                session?.Dispose();
            }
        }
    }

    /// <summary>
    /// <c>PRAGMA data_version</c> through SQLite's own interface: every read runs it first, and through a
    /// <see cref="SqliteCommand"/> its data reader was about 0.8 µs of the 9 a walk that reaches nothing took.
    /// </summary>
    private long DataVersion()
    {
        if (!_dataVersionStatement.Read())
        {
            throw new InvalidOperationException("PRAGMA data_version gave no row.");
        }

        var version = _dataVersionStatement.Int64(0);
        _dataVersionStatement.Reset();
        return version;
    }

    /// <summary>
    /// Brings the index up to the last commit of any connection. <c>PRAGMA data_version</c> on the
    /// probe connection changes whenever another connection (this store's writer, another store,
    /// another process) has committed, so the common case costs one pragma.
    /// </summary>
    private void EnsureCurrent()
    {
        RequireFile();
        lock (_catchUpGate)
        {
            var version = DataVersion();
            if (version == _dataVersion)
            {
                return;
            }

            // One snapshot for the sequence, the entity rows and the edge rows: an edge committed
            // between two separate reads could otherwise name an entity the index has not seen.
            using var snapshot = _probe.BeginTransaction(deferred: true);
            CatchUp(_probe);
            snapshot.Commit();

            // Only now: a catch-up that failed (the file busy, say) must be tried again by the next read.
            _dataVersion = version;
        }
    }

    private bool Moved()
    {
        try
        {
            return _file.Moved || OpenFile.RealPath(Path) != _realPath || _log.Moved;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The path no longer leads anywhere this process can follow (a link made into a loop, a folder
            // closed to it): the file this store has open is not the one at the path for anyone else either.
            return true;
        }
    }

    /// <summary>
    /// Empties this store's write-ahead log into its own file once another file took its place (a
    /// backup moved over it): the log stays at the path, and SQLite would apply it to the file that
    /// took the place at its next open, which corrupts that file. The checkpoint goes through this
    /// store's open descriptors, to its own file and log, and leaves the log empty. Callers hold the
    /// write turn, or are closing; a checkpoint that cannot finish leaves things as they were.
    /// </summary>
    private void EmptyOldLog()
    {
        try
        {
            Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException ex)
        {
            _logger.StoreFailed(ex.SqliteErrorCode, ex);
        }
    }

    /// <summary>Refuses to read a file opened as unchanging once it has changed (Open says why).</summary>
    private void RequireUnchanged()
    {
        if (_unchanging is { } stamp && FileStamp.Take(Path) != stamp)
        {
            throw new StoreUnavailableException(
                $"{Path} changed after this store opened it read-only as unchanging (its folder cannot be written, so SQLite cannot follow a writer); nothing more is read from it. Open it again (run the command again, or restart the server) to read it as it is now.");
        }
    }

    /// <summary>
    /// Refuses to answer or write once the file this store opened is no longer at its path: its
    /// index and its writes would belong to a file that nothing else reads. <paramref name="holdsTurn"/>:
    /// the caller has the write turn and no transaction open, so the old log can be emptied at once.
    /// </summary>
    private void RequireFile(bool now = false, bool holdsTurn = false)
    {
        // A read looks at most every FileCheckInterval of the store's clock (the look costs about
        // 10 µs, a tenth of a small walk); a write looks every time, so that no write is acknowledged
        // into a file that has gone.
        var stamp = _time.GetTimestamp();
        if (!now && _fileLost is null && stamp < Volatile.Read(ref _fileCheckDue))
        {
            return;
        }

        var moved = _fileLost is null && Moved();
        if (_fileLost is null && !moved && _sharedMemory.Moved)
        {
            _fileLost = $"The shared-memory file beside the database ({Path}-shm) was deleted or replaced while this store had it open; nothing more is read or written. Restart to open the file again (its log, {Path}-wal, holds the latest commits).";
        }

        if (moved)
        {
            _fileLost = $"The database file {Path} (or its log beside it, {Path}-wal) was deleted or replaced while this store had it open, or a link on its path now leads to another file; nothing more is read or written. Restart to open the file now at that path.";
            if (holdsTurn)
            {
                EmptyOldLog();
            }
            else if (_writeGate.Wait(0))
            {
                try
                {
                    EmptyOldLog();
                }
                finally
                {
                    _writeGate.Release();
                }
            }
        }

        if (_fileLost is { } lost)
        {
            throw new StoreUnavailableException(lost);
        }

        Volatile.Write(ref _fileCheckDue, stamp + (long)(FileCheckInterval.TotalSeconds * _time.TimestampFrequency));
    }

    /// <summary>Applies every row committed after the index's sequence. Callers hold <see cref="_catchUpGate"/>.</summary>
    private void CatchUp(SqliteConnection connection)
    {
        var sequence = Scalar(connection, "SELECT value FROM meta WHERE name = 'seq'");
        if (sequence < _index.Sequence)
        {
            // Writes only move the sequence on: the file was put back to an earlier state under this store
            // (sqlite3's .restore from a backup keeps the file, so nothing else notices). Its index holds
            // rows the file no longer has, and would hide rows written from now on: it answers nothing more.
            _fileLost = $"The database file {Path} went back to an earlier state while this store had it open (its change sequence is {sequence}, this store had read up to {_index.Sequence}): restored from a backup, say. Nothing more is read or written. Restart to open the file as it is now.";
            _logger.FileRewound(Path, sequence, _index.Sequence);
            throw new StoreUnavailableException(_fileLost);
        }

        if (sequence == _index.Sequence)
        {
            return;
        }

        var nodes = ReadNodes(connection, "SELECT id, kind, recorded_at, retired_at, key, seq FROM entities WHERE seq > @seq ORDER BY id", _index.Sequence).ToList();
        var edges = ReadEdges(connection, $"SELECT {Schema.EdgeColumns} FROM edges WHERE seq > @seq ORDER BY id", _index.Sequence).ToList();
        var purged = new List<PurgedRow>();
        using (var command = Command(connection, "SELECT entity_id, edge_id, from_id, to_id FROM purged WHERE seq > @seq", ("@seq", _index.Sequence)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                purged.Add(new PurgedRow(
                    reader.IsDBNull(0) ? null : checked((int)reader.GetInt64(0)), reader.IsDBNull(1) ? null : checked((int)reader.GetInt64(1)),
                    reader.IsDBNull(2) ? 0 : checked((int)reader.GetInt64(2)), reader.IsDBNull(3) ? 0 : checked((int)reader.GetInt64(3))));
            }
        }

        ApplyToIndex(nodes, edges, sequence, purged);
        _logger.CaughtUp(nodes.Count, edges.Count, sequence);
    }

    private static IEnumerable<NodeRow> ReadNodes(SqliteConnection connection, string sql, long after = 0)
    {
        using var command = Command(connection, sql, ("@seq", after));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new NodeRow(
                checked((int)reader.GetInt64(0)), (EntityKind)reader.GetInt32(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetString(4), reader.GetInt64(5));
        }
    }

    private static IEnumerable<EdgeRow> ReadEdges(SqliteConnection connection, string sql, long after = 0)
    {
        using var command = Command(connection, sql, ("@seq", after));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return Rows.ReadEdge(reader);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The failure of a call that waited the whole lock timeout, for SQLite's lock or for this
    /// process's earlier writes (which may themselves wait for SQLite's): what it would have written
    /// is not (earlier writes of the same request or import stand).
    /// </summary>
    private StoreUnavailableException LockTimedOut(SqliteException? cause) =>
        new($"The embedded store stayed locked for more than {_lockTimeoutSeconds} s (LockTimeoutSeconds; Lineage:Sqlite:LockTimeoutSeconds on the server), by another process writing (a server, a CLI import, any SQLite client) or by this process's own writes queued before this call. This call wrote nothing; try again.", cause);

    /// <summary>Runs store work, translating SQLite's failures into the exception family at this boundary.</summary>
    private T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            _logger.StoreFailed(ex.SqliteErrorCode, ex);
            throw LockTimedOut(ex);
        }
        catch (SqliteException ex)
        {
            _logger.StoreFailed(ex.SqliteErrorCode, ex);
            throw new StoreUnavailableException($"The embedded store failed: {ex.Message}", ex);
        }
    }
}
