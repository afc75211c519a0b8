using System.Diagnostics;
using System.Text.Json;
using Lineage.Graph.Core;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Sqlite;

public sealed partial class SqliteLineageStore
{
    public Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var givenValues = HyperparameterSets.KeysGivenValues(batch.Entities);
        batch = batch.ValidateUntilRefused();
        return WritingAsync(() => Write(batch, givenValues, cancellationToken), cancellationToken);
    }

    public Task<RetireResult> RetireAsync(RetireRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Entities);
        ArgumentNullException.ThrowIfNull(request.Edges);
        cancellationToken.ThrowIfCancellationRequested();
        request = request.Validate();
        return WritingAsync(() => Retire(request, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// One batch in one transaction. The upserts are resolved in memory first (each key once, in
    /// input order, through <see cref="EntityMerge"/>) and every edge checked, so that a bad item
    /// fails the batch before anything is written; then new entities and edges go to SQLite many
    /// rows to a statement (<see cref="RowInserter"/>), and changed entities one by one.
    /// </summary>
    private WriteResult Write(WriteBatch batch, HashSet<EntityKey> givenValues, CancellationToken cancellationToken)
    {
        // A write that waited past its caller's patience for the lock is not begun.
        cancellationToken.ThrowIfCancellationRequested();
        using var transaction = Begin(cancellationToken, out var sequence);
        var now = _time.GetUtcNow();
        var ticks = Rows.Ticks(now);
        var inputs = batch.Entities.Select(e => e.Key).ToHashSet();
        var stored = Lookup(inputs);
        // Ends the batch does not write need no row read: the index has their ids and
        // retirement, exactly, inside the write transaction.
        var endpoints = _index.Find(EndsNotIn(batch.Edges, inputs));

        var state = new Dictionary<EntityKey, Entity>(inputs.Count);
        for (var i = 0; i < batch.Entities.Count; i++)
        {
            var input = batch.Entities[i];
            var found = stored.GetValueOrDefault(input.Key);
            if (found.Entity?.RetiredAt is not null)
            {
                throw new EntityRetiredException($"{input.Key} has been retired; a retired entity takes no more writes or edges.", $"entities[{i}]");
            }

            HyperparameterSets.RequireValuesToCreate(input, i, !stored.ContainsKey(input.Key), givenValues);
            state[input.Key] = EntityMerge.Write(state.GetValueOrDefault(input.Key) ?? found.Entity, input, now, $"entities[{i}]").Entity;
        }

        for (var i = 0; i < batch.Edges.Count; i++)
        {
            Check(batch.Edges[i].From, i, "from");
            Check(batch.Edges[i].To, i, "to");
        }

        // The items before a refused one are good: the refused one is the batch's first bad item.
        batch.ThrowIfRefused();
        var fresh = state.Values.Where(e => !stored.ContainsKey(e.Key)).ToList();
        var changed = state.Values.Where(e => stored.TryGetValue(e.Key, out var before) && !ReferenceEquals(before.Entity, e)).ToList();
        var ids = InsertEntities(fresh, ticks, sequence);
        UpdateEntities(changed, stored, ticks, sequence);
        var edges = InsertEdges(batch.Edges, key => ids.TryGetValue(key, out var id) ? id : stored.TryGetValue(key, out var found) ? found.Id : endpoints[key].Id,
            ids.Count == 0 ? int.MaxValue : ids.Values.Min(), ticks, sequence);
        var result = new WriteResult(fresh.Count, changed.Count, stored.Count - changed.Count, edges.Count, batch.Edges.Count - edges.Count);
        if (fresh.Count + changed.Count + edges.Count == 0)
        {
            // A replay writes nothing at all, not even a new change sequence.
            transaction.Rollback();
            return result;
        }

        // Changed entities go to the index too, for their new sequence: it is what tells a reader
        // that a decoded copy of the row it has cached is out of date.
        Commit(transaction, sequence, cancellationToken, [
            .. fresh.Select(e => new NodeRow(ids[e.Key], e.Kind, ticks, null, e.Key.ToString(), sequence)),
            .. changed.Select(e => new NodeRow(stored[e.Key].Id, e.Kind, Rows.Ticks(e.RecordedAt), null, e.Key.ToString(), sequence)),
        ], edges);
        return result;

        // The item's name is made only for an error: a batch has thousands of edge ends.
        void Check(EntityKey key, int edge, string end)
        {
            if (state.ContainsKey(key))
            {
                return;
            }

            var retired = endpoints.TryGetValue(key, out var found)
                ? found.Retired
                : throw new NotFoundException($"{key} is neither stored nor written in this batch.", $"edges[{edge}].{end}");
            if (retired)
            {
                throw new EntityRetiredException($"{key} has been retired; a retired entity takes no more writes or edges.", $"edges[{edge}].{end}");
            }
        }
    }

    /// <summary>The edges' ends that <paramref name="written"/> leaves out, each as often as it is an end.</summary>
    private static IEnumerable<EntityKey> EndsNotIn(IReadOnlyList<EdgeInput> edges, HashSet<EntityKey> written)
    {
        foreach (var edge in edges)
        {
            if (!written.Contains(edge.From))
            {
                yield return edge.From;
            }

            if (!written.Contains(edge.To))
            {
                yield return edge.To;
            }
        }
    }

    private Dictionary<EntityKey, int> InsertEntities(List<Entity> entities, long ticks, long sequence)
    {
        var json = new JsonColumns();
        var ids = RowInserter.Insert(_writer, "entities",
            ["key", "kind", "namespace", "name", "version", "description", "tags", "owners", "properties", "fields"],
            [("recorded_at", ticks), ("updated_at", ticks), ("seq", sequence)], entities.Count, (insert, at, i) =>
            {
                var entity = entities[i];
                insert.Bind(at, entity.Key.ToString());
                insert.Bind(at + 1, (int)entity.Kind);
                insert.Bind(at + 2, entity.Namespace);
                insert.Bind(at + 3, entity.Name);
                insert.Bind(at + 4, entity.Version);
                insert.Bind(at + 5, entity.Description);
                json.BindLabels(insert, at + 6, entity.Tags);
                json.BindLabels(insert, at + 7, entity.Owners);
                json.BindProperties(insert, at + 8, entity.Properties);
                json.BindFields(insert, at + 9, entity.Fields);
            });
        var byKey = new Dictionary<EntityKey, int>(entities.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            byKey[entities[i].Key] = checked((int)ids[i]);
        }

        return byKey;
    }

    private void UpdateEntities(List<Entity> entities, Dictionary<EntityKey, (int Id, Entity Entity)> stored, long ticks, long sequence)
    {
        if (entities.Count == 0)
        {
            return;
        }

        using var update = new RawStatement(_writer, """
            UPDATE entities SET description = ?2, tags = ?3, owners = ?4, properties = ?5, fields = ?6, updated_at = ?7, seq = ?8
            WHERE id = ?1
            """);
        var json = new JsonColumns();
        update.Bind(7, ticks);
        update.Bind(8, sequence);
        foreach (var entity in entities)
        {
            update.Bind(1, stored[entity.Key].Id);
            update.Bind(2, entity.Description);
            json.BindLabels(update, 3, entity.Tags);
            json.BindLabels(update, 4, entity.Owners);
            json.BindProperties(update, 5, entity.Properties);
            json.BindFields(update, 6, entity.Fields);
            update.Run();
        }
    }

    /// <summary>
    /// Inserts the edges that are not current already and returns them. The index knows every
    /// current edge exactly here (the write transaction caught it up), so it, not a unique index
    /// in SQLite, keeps one current edge per (from, to, relation): such an index would take an
    /// insert at a random place for every edge, most of an ingest's disk writes on a large graph.
    /// </summary>
    private List<EdgeRow> InsertEdges(IReadOnlyList<EdgeInput> edges, Func<EntityKey, int> id, int firstNew, long ticks, long sequence)
    {
        var rows = new List<EdgeRow>(edges.Count);
        var properties = new List<IReadOnlyDictionary<string, JsonElement>>(edges.Count);
        var written = new HashSet<(int, int, RelationKind)>(edges.Count);
        foreach (var edge in edges)
        {
            // An entity this batch created (ids from firstNew on: AUTOINCREMENT gives new rows
            // ids above every earlier one) has no edges yet, so only edges between two older
            // entities, few in an ingest, need the index's check.
            var (from, to) = (id(edge.From), id(edge.To));
            if (!written.Add((from, to, edge.Relation)) || (Math.Max(from, to) < firstNew && _index.HasCurrentEdge(from, to, edge.Relation)))
            {
                continue;
            }

            var own = edge.Properties ?? LineageJson.EmptyProperties;
            rows.Add(new EdgeRow(0, from, to, edge.Relation, ticks, null, edge.Role, own.Count > 0));
            properties.Add(own);
        }

        var json = new JsonColumns();
        var ids = RowInserter.Insert(_writer, "edges", ["from_id", "to_id", "relation", "role", "properties"],
            [("recorded_at", ticks), ("seq", sequence)], rows.Count, (insert, at, i) =>
            {
                var edge = rows[i];
                insert.Bind(at, edge.From);
                insert.Bind(at + 1, edge.To);
                insert.Bind(at + 2, (int)edge.Relation);
                insert.Bind(at + 3, edge.Role);
                json.BindProperties(insert, at + 4, properties[i]);
            });
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i] = rows[i] with { Id = checked((int)ids[i]) };
        }

        return rows;
    }

    public Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Entities);
        ArgumentNullException.ThrowIfNull(request.Edges);
        cancellationToken.ThrowIfCancellationRequested();
        request = request.Validate();
        return WritingAsync(() => Purge(request, cancellationToken), cancellationToken);
    }

    private PurgeResult Purge(PurgeRequest request, CancellationToken cancellationToken)
    {
        // A write that waited past its caller's patience for the lock is not begun.
        cancellationToken.ThrowIfCancellationRequested();
        using var transaction = Begin(cancellationToken, out var sequence);
        var ids = _index.Find(request.Entities.Concat(request.Edges.SelectMany(e => new[] { e.From, e.To })));
        var purged = new List<PurgedRow>();
        foreach (var (from, to, relation) in request.Edges.Select(e => (e.From, e.To, e.Relation)))
        {
            if (ids.TryGetValue(from, out var a) && ids.TryGetValue(to, out var b))
            {
                purged.AddRange(DeleteEdges(_index.EdgesBetween(a.Id, b.Id, relation)));
            }
        }

        var entities = 0;
        foreach (var key in request.Entities.Distinct())
        {
            if (!ids.TryGetValue(key, out var entity))
            {
                continue;
            }

            purged.AddRange(DeleteEdges(_index.EdgesAt(entity.Id)));
            Execute(_writer, "DELETE FROM entities WHERE id = @id", ("@id", entity.Id));
            purged.Add(new PurgedRow(entity.Id, null, 0, 0));
            entities++;
        }

        var result = new PurgeResult(entities, purged.Count(p => p.EdgeId is not null));
        if (purged.Count == 0)
        {
            transaction.Rollback();
            return result;
        }

        foreach (var row in purged)
        {
            Execute(_writer, "INSERT INTO purged(seq, entity_id, edge_id, from_id, to_id) VALUES (@seq, @entity, @edge, @from, @to)",
                ("@seq", sequence), ("@entity", row.EntityId), ("@edge", row.EdgeId), ("@from", row.From), ("@to", row.To));
        }

        Commit(transaction, sequence, cancellationToken, [], [], purged);
        return result;
    }

    /// <summary>Deletes edge rows the index found; those an earlier item of the same request deleted are gone already and left out.</summary>
    private List<PurgedRow> DeleteEdges(List<(int Id, int From, int To, bool Current)> edges)
    {
        using var command = Command(_writer, "DELETE FROM edges WHERE id IN (SELECT value FROM json_each(@ids)) RETURNING id, from_id, to_id",
            ("@ids", JsonSerializer.Serialize(edges.Select(e => e.Id))));
        using var reader = command.ExecuteReader();
        var rows = new List<PurgedRow>();
        while (reader.Read())
        {
            rows.Add(new PurgedRow(null, checked((int)reader.GetInt64(0)), checked((int)reader.GetInt64(1)), checked((int)reader.GetInt64(2))));
        }

        return rows;
    }

    private RetireResult Retire(RetireRequest request, CancellationToken cancellationToken)
    {
        // A write that waited past its caller's patience for the lock is not begun.
        cancellationToken.ThrowIfCancellationRequested();
        using var transaction = Begin(cancellationToken, out var sequence);
        var ticks = Rows.Ticks(_time.GetUtcNow());
        var stored = Lookup(request.Entities.Concat(request.Edges.SelectMany(e => new[] { e.From, e.To })));
        var nodes = new List<NodeRow>();
        var edges = new List<EdgeRow>();
        for (var i = 0; i < request.Entities.Count; i++)
        {
            var key = request.Entities[i];
            if (!stored.TryGetValue(key, out var found))
            {
                throw new NotFoundException($"No entity {key}.", $"entities[{i}]");
            }

            if (found.Entity.RetiredAt is not null || nodes.Any(n => n.Id == found.Id))
            {
                continue;
            }

            Execute(_writer, "UPDATE entities SET retired_at = @now, seq = @seq WHERE id = @id", ("@id", found.Id), ("@now", ticks), ("@seq", sequence));
            nodes.Add(new NodeRow(found.Id, key.Kind, Rows.Ticks(found.Entity.RecordedAt), ticks, found.Entity.Key.ToString(), sequence));

            edges.AddRange(RetireEdges(_index.EdgesAt(found.Id), ticks, sequence));
        }

        for (var i = 0; i < request.Edges.Count; i++)
        {
            var edge = request.Edges[i];
            if (!stored.TryGetValue(edge.From, out var from) || !stored.TryGetValue(edge.To, out var to))
            {
                throw new NotFoundException($"No edge {edge.From} -{Relations.Name(edge.Relation)}-> {edge.To}.", $"edges[{i}]");
            }

            // An edge retired before is still known, and retiring it again changes nothing.
            var versions = _index.EdgesBetween(from.Id, to.Id, edge.Relation);
            if (versions.Count == 0)
            {
                throw new NotFoundException($"No edge {edge.From} -{Relations.Name(edge.Relation)}-> {edge.To}.", $"edges[{i}]");
            }

            edges.AddRange(RetireEdges(versions, ticks, sequence));
        }

        // Every item before a refused one exists: the refused one is the request's first bad item, and
        // throwing rolls back what the loops above changed.
        request.ThrowIfRefused();
        var result = new RetireResult(nodes.Count, edges.DistinctBy(e => e.Id).Count());
        if (nodes.Count + edges.Count == 0)
        {
            transaction.Rollback();
            return result;
        }

        Commit(transaction, sequence, cancellationToken, nodes, edges);
        return result;
    }

    /// <summary>
    /// Retires the current ones of edges the index found. The index learns of this commit only
    /// after it, so an edge an earlier item of the same request retired still looks current there;
    /// the row's own <c>retired_at</c> leaves it out.
    /// </summary>
    private List<EdgeRow> RetireEdges(List<(int Id, int From, int To, bool Current)> edges, long ticks, long sequence)
    {
        var current = edges.Where(e => e.Current).Select(e => e.Id).ToList();
        if (current.Count == 0)
        {
            return [];
        }

        using var command = Command(_writer, $"""
            UPDATE edges SET retired_at = @now, seq = @seq
            WHERE id IN (SELECT value FROM json_each(@ids)) AND retired_at IS NULL
            RETURNING {Schema.EdgeColumns}
            """, ("@ids", JsonSerializer.Serialize(current)), ("@now", ticks), ("@seq", sequence));
        using var reader = command.ExecuteReader();
        var rows = new List<EdgeRow>();
        while (reader.Read())
        {
            rows.Add(Rows.ReadEdge(reader));
        }

        return rows;
    }

    /// <summary>
    /// Runs a write in this process's turn, and leaves SQLite the rest of the lock timeout to take
    /// the file's write lock (<see cref="Begin"/>): one limit for both, so that writes queued here
    /// behind another process's lock each give up at about the limit, rather than one limit after
    /// another (the third in line would outlast a request's timeout). A write waiting for its turn
    /// holds no thread, and stops waiting when its caller gives up; the one whose turn it is blocks
    /// a thread in SQLite's wait, a second at a time, and stops too when its caller gives up.
    /// </summary>
    private async Task<T> WritingAsync<T>(Func<T> write, CancellationToken cancellationToken)
    {
        if (_readOnly)
        {
            throw new StoreReadOnlyException(
                $"The embedded store at {Path} was opened read-only (ReadOnly; Lineage:Sqlite:ReadOnly on the server): it takes no writes, and this one wrote nothing.");
        }

        var waitStarted = Stopwatch.GetTimestamp();
        if (!await _writeGate.WaitAsync(TimeSpan.FromSeconds(_lockTimeoutSeconds), cancellationToken).ConfigureAwait(false))
        {
            _logger.WriteQueueTimedOut(_lockTimeoutSeconds);
            throw LockTimedOut(null);
        }

        try
        {
            _writeWaitStarted = waitStarted;
            return Guard(write);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Opens the write transaction. <c>BEGIN IMMEDIATE</c> takes SQLite's write lock first, so no
    /// other process can commit until this one ends; catching up inside it makes the index exact
    /// for the checks that follow (does the entity exist, is it retired).
    /// </summary>
    private SqliteTransaction Begin(CancellationToken cancellationToken, out long sequence)
    {
        RequireFile(now: true, holdsTurn: true);
        var transaction = BeginImmediate(cancellationToken);
        try
        {
            lock (_catchUpGate)
            {
                CatchUp(_writer);
            }

            sequence = Scalar(_writer, "SELECT value FROM meta WHERE name = 'seq'") + 1;
            return transaction;
        }
        catch
        {
            transaction.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes SQLite's write lock within what is left of the lock timeout since the write began to
    /// wait for its turn. SQLite's wait cannot be cancelled, so it waits a second at a time (its
    /// unit) and looks at the caller between: a request past its own timeout stops waiting within a
    /// second and is answered as timed out, instead of holding its thread to the lock timeout. The
    /// last wait may pass the limit by up to a second.
    /// </summary>
    private SqliteTransaction BeginImmediate(CancellationToken cancellationToken)
    {
        _writer.DefaultTimeout = 1;
        while (true)
        {
            try
            {
                return _writer.BeginTransaction(deferred: false);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED
                && Stopwatch.GetElapsedTime(_writeWaitStarted) < TimeSpan.FromSeconds(_lockTimeoutSeconds))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>
    /// Commits, unless the caller has given up: a cancelled write is rolled back whole (the caller's
    /// transaction is disposed), so that a caller told its request was stopped finds nothing of it
    /// stored. Once committed, a write is reported done however late.
    /// </summary>
    private void Commit(SqliteTransaction transaction, long sequence, CancellationToken cancellationToken, List<NodeRow> nodes, List<EdgeRow> edges, List<PurgedRow>? purged = null)
    {
        Execute(_writer, "UPDATE meta SET value = @seq WHERE name = 'seq'", ("@seq", sequence));
        cancellationToken.ThrowIfCancellationRequested();
        RequireFile(now: true);
        transaction.Commit();
        lock (_catchUpGate)
        {
            // A catch-up between the commit and this lock may have applied it already (Apply says why that is harmless).
            ApplyToIndex(nodes, edges, sequence, purged);
        }
    }

    /// <summary>Brings the index up to a commit, and drops the cached copies of the rows it purged.</summary>
    private void ApplyToIndex(List<NodeRow> nodes, List<EdgeRow> edges, long sequence, List<PurgedRow>? purged)
    {
        _index.Apply(nodes, edges, sequence, purged);
        if (purged is { Count: > 0 })
        {
            _cache.Forget(purged.Where(p => p.EntityId is not null).Select(p => p.EntityId!.Value));
            _edgeProperties.Forget(purged.Where(p => p.EdgeId is not null).Select(p => p.EdgeId!.Value));
        }
    }

    /// <summary>
    /// The stored rows (retired ones too) of the keys a write names: their ids from the index,
    /// which is exact inside the write transaction, then the rows by id: the up-to-date cached
    /// copies, and the others read in one statement.
    /// </summary>
    private Dictionary<EntityKey, (int Id, Entity Entity)> Lookup(IEnumerable<EntityKey> keys)
    {
        var ids = _index.Find(keys);
        if (ids.Count == 0)
        {
            return [];
        }

        using var statement = new RawStatement(_writer, Schema.EntitiesById);
        return EntitiesById(statement, [.. ids.Values.Select(found => found.Id)]).ToDictionary(row => row.Value.Key, row => (row.Key, row.Value));
    }
}
