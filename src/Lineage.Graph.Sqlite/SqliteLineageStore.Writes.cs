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
        batch = batch.Validate();
        return Task.FromResult(Guard(() => Write(batch)));
    }

    public Task<RetireResult> RetireAsync(RetireRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Entities);
        ArgumentNullException.ThrowIfNull(request.Edges);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Guard(() => Retire(request)));
    }

    private WriteResult Write(WriteBatch batch)
    {
        lock (_writeGate)
        {
            using var transaction = Begin(out var sequence);
            var now = _time.GetUtcNow();
            var ticks = Rows.Ticks(now);
            var stored = Lookup(batch.Entities.Select(e => e.Key).Concat(batch.Edges.SelectMany(e => new[] { e.From, e.To })));
            var created = new Dictionary<EntityKey, int>();
            var nodes = new List<NodeRow>();
            var edges = new List<EdgeRow>();
            int updated = 0, unchanged = 0, edgesUnchanged = 0;

            using var insertEntity = Command(_writer, """
                INSERT INTO entities(key, kind, namespace, name, version, description, tags, owners, properties, fields, recorded_at, updated_at, seq)
                VALUES (@key, @kind, @namespace, @name, @version, @description, @tags, @owners, @properties, @fields, @now, @now, @seq)
                RETURNING id
                """, ("@key", null), ("@kind", null), ("@namespace", null), ("@name", null), ("@version", null), ("@description", null),
                ("@tags", null), ("@owners", null), ("@properties", null), ("@fields", null), ("@now", ticks), ("@seq", sequence));
            using var insertEdge = Command(_writer, """
                INSERT OR IGNORE INTO edges(from_id, to_id, relation, role, properties, recorded_at, seq)
                VALUES (@from, @to, @relation, @role, @properties, @now, @seq)
                RETURNING id
                """, ("@from", null), ("@to", null), ("@relation", null), ("@role", null), ("@properties", null), ("@now", ticks), ("@seq", sequence));

            for (var i = 0; i < batch.Entities.Count; i++)
            {
                var input = batch.Entities[i];
                var earlier = created.ContainsKey(input.Key);
                var id = Resolve(input.Key, stored, created, $"entities[{i}]");
                if (id is null)
                {
                    var (entity, _) = EntityMerge.Apply(null, input, now);
                    Bind(insertEntity, entity);
                    var newId = checked((int)(long)insertEntity.ExecuteScalar()!);
                    created[input.Key] = newId;
                    nodes.Add(new NodeRow(newId, input.Key.Kind, ticks, null));
                    continue;
                }

                var before = earlier ? LoadEntity(_writer, id.Value) : stored[input.Key].Entity;
                var (merged, changed) = EntityMerge.Apply(before, input, now);
                if (!changed)
                {
                    unchanged += earlier ? 0 : 1;
                    continue;
                }

                Execute(_writer, """
                    UPDATE entities SET description = @description, tags = @tags, owners = @owners, properties = @properties,
                        fields = @fields, updated_at = @now, seq = @seq
                    WHERE id = @id
                    """, ("@id", id.Value), ("@description", merged.Description), ("@tags", Rows.LabelsJson(merged.Tags)),
                    ("@owners", Rows.LabelsJson(merged.Owners)), ("@properties", LineageJson.SerializeProperties(merged.Properties)),
                    ("@fields", LineageJson.SerializeFields(merged.Fields)), ("@now", ticks), ("@seq", sequence));
                updated += earlier ? 0 : 1;
            }

            for (var i = 0; i < batch.Edges.Count; i++)
            {
                var edge = batch.Edges[i];
                var from = Resolve(edge.From, stored, created, $"edges[{i}].from")
                    ?? throw new NotFoundException($"{edge.From} is neither stored nor written in this batch.", $"edges[{i}].from");
                var to = Resolve(edge.To, stored, created, $"edges[{i}].to")
                    ?? throw new NotFoundException($"{edge.To} is neither stored nor written in this batch.", $"edges[{i}].to");
                insertEdge.Parameters["@from"].Value = from;
                insertEdge.Parameters["@to"].Value = to;
                insertEdge.Parameters["@relation"].Value = (int)edge.Relation;
                insertEdge.Parameters["@role"].Value = (object?)edge.Role ?? DBNull.Value;
                insertEdge.Parameters["@properties"].Value = LineageJson.SerializeProperties(edge.Properties ?? LineageJson.EmptyProperties);
                if (insertEdge.ExecuteScalar() is long edgeId)
                {
                    edges.Add(new EdgeRow(checked((int)edgeId), from, to, edge.Relation, ticks, null));
                }
                else
                {
                    edgesUnchanged++;
                }
            }

            var result = new WriteResult(created.Count, updated, unchanged, edges.Count, edgesUnchanged);
            if (created.Count + updated + edges.Count == 0)
            {
                // A replay writes nothing at all, not even a new change sequence.
                transaction.Rollback();
                return result;
            }

            Commit(transaction, sequence, nodes, edges);
            return result;
        }
    }

    private RetireResult Retire(RetireRequest request)
    {
        lock (_writeGate)
        {
            for (var i = 0; i < request.Entities.Count; i++)
            {
                _ = request.Entities[i] ?? throw new InvalidInputException("A key is missing.", $"entities[{i}]");
            }

            for (var i = 0; i < request.Edges.Count; i++)
            {
                if (request.Edges[i]?.From is null || request.Edges[i].To is null)
                {
                    throw new InvalidInputException("An edge needs from and to keys.", $"edges[{i}]");
                }
            }

            using var transaction = Begin(out var sequence);
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
                nodes.Add(new NodeRow(found.Id, key.Kind, Rows.Ticks(found.Entity.RecordedAt), ticks));

                edges.AddRange(RetireEdges(
                    "(from_id = @id OR to_id = @id) AND retired_at IS NULL", ticks, sequence, ("@id", found.Id)));
            }

            for (var i = 0; i < request.Edges.Count; i++)
            {
                var edge = request.Edges[i];
                if (!stored.TryGetValue(edge.From, out var from) || !stored.TryGetValue(edge.To, out var to))
                {
                    throw new NotFoundException($"No edge {edge.From} -{Relations.Name(edge.Relation)}-> {edge.To}.", $"edges[{i}]");
                }

                var parameters = new (string, object?)[] { ("@from", from.Id), ("@to", to.Id), ("@relation", (int)edge.Relation) };
                var retired = RetireEdges("from_id = @from AND to_id = @to AND relation = @relation AND retired_at IS NULL", ticks, sequence, parameters);
                if (retired.Count == 0 && Scalar(_writer, "SELECT count(*) FROM edges WHERE from_id = @from AND to_id = @to AND relation = @relation", parameters) == 0)
                {
                    throw new NotFoundException($"No edge {edge.From} -{Relations.Name(edge.Relation)}-> {edge.To}.", $"edges[{i}]");
                }

                edges.AddRange(retired);
            }

            var result = new RetireResult(nodes.Count, edges.DistinctBy(e => e.Id).Count());
            if (nodes.Count + edges.Count == 0)
            {
                transaction.Rollback();
                return result;
            }

            Commit(transaction, sequence, nodes, edges);
            return result;
        }
    }

    private List<EdgeRow> RetireEdges(string where, long ticks, long sequence, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(_writer,
            $"UPDATE edges SET retired_at = @now, seq = @seq WHERE {where} RETURNING id, from_id, to_id, relation, recorded_at",
            [.. parameters, ("@now", ticks), ("@seq", sequence)]);
        using var reader = command.ExecuteReader();
        var rows = new List<EdgeRow>();
        while (reader.Read())
        {
            rows.Add(new EdgeRow(
                checked((int)reader.GetInt64(0)), checked((int)reader.GetInt64(1)), checked((int)reader.GetInt64(2)),
                (RelationKind)reader.GetInt32(3), reader.GetInt64(4), ticks));
        }

        return rows;
    }

    /// <summary>
    /// Opens the write transaction. <c>BEGIN IMMEDIATE</c> takes SQLite's write lock first, so no
    /// other process can commit until this one ends; catching up inside it makes the index exact
    /// for the checks that follow (does the entity exist, is it retired).
    /// </summary>
    private SqliteTransaction Begin(out long sequence)
    {
        var transaction = _writer.BeginTransaction(deferred: false);
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

    private void Commit(SqliteTransaction transaction, long sequence, List<NodeRow> nodes, List<EdgeRow> edges)
    {
        Execute(_writer, "UPDATE meta SET value = @seq WHERE name = 'seq'", ("@seq", sequence));
        transaction.Commit();
        lock (_catchUpGate)
        {
            _index.Apply(nodes, edges, sequence);
        }
    }

    /// <summary>The row id of a key written earlier in this batch or stored and current; null when neither.</summary>
    private static int? Resolve(EntityKey key, Dictionary<EntityKey, (int Id, Entity Entity)> stored, Dictionary<EntityKey, int> created, string item)
    {
        if (created.TryGetValue(key, out var id))
        {
            return id;
        }

        if (!stored.TryGetValue(key, out var found))
        {
            return null;
        }

        return found.Entity.RetiredAt is null
            ? found.Id
            : throw new EntityRetiredException($"{key} has been retired; a retired entity takes no more writes or edges.", item);
    }

    /// <summary>The stored rows (retired ones too) of the keys a write names, read in one statement inside its transaction.</summary>
    private Dictionary<EntityKey, (int Id, Entity Entity)> Lookup(IEnumerable<EntityKey> keys)
    {
        using var command = Command(_writer,
            $"SELECT {Schema.EntityColumns} FROM entities WHERE key IN (SELECT value FROM json_each(@keys))",
            ("@keys", JsonSerializer.Serialize(keys.Select(k => k.ToString()).Distinct())));
        using var reader = command.ExecuteReader();
        var found = new Dictionary<EntityKey, (int, Entity)>();
        while (reader.Read())
        {
            var entity = Rows.ReadEntity(reader);
            found[entity.Key] = (checked((int)reader.GetInt64(0)), entity);
        }

        return found;
    }

    private static void Bind(SqliteCommand command, Entity entity)
    {
        var parameters = command.Parameters;
        parameters["@key"].Value = entity.Key.ToString();
        parameters["@kind"].Value = (int)entity.Kind;
        parameters["@namespace"].Value = entity.Namespace;
        parameters["@name"].Value = entity.Name;
        parameters["@version"].Value = (object?)entity.Version ?? DBNull.Value;
        parameters["@description"].Value = (object?)entity.Description ?? DBNull.Value;
        parameters["@tags"].Value = Rows.LabelsJson(entity.Tags);
        parameters["@owners"].Value = Rows.LabelsJson(entity.Owners);
        parameters["@properties"].Value = LineageJson.SerializeProperties(entity.Properties);
        parameters["@fields"].Value = (object?)LineageJson.SerializeFields(entity.Fields) ?? DBNull.Value;
    }

    private static Entity LoadEntity(SqliteConnection connection, int id)
    {
        using var command = Command(connection, $"SELECT {Schema.EntityColumns} FROM entities WHERE id = @id", ("@id", id));
        using var reader = command.ExecuteReader();
        reader.Read();
        return Rows.ReadEntity(reader);
    }
}
