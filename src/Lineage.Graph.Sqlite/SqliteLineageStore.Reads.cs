using System.Text;
using System.Text.Json;
using Lineage.Graph.Core;
using Microsoft.Data.Sqlite;

namespace Lineage.Graph.Sqlite;

public sealed partial class SqliteLineageStore
{
    public async Task<Entity?> GetAsync(EntityKey key, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = await GetManyAsync([key], asOf, cancellationToken).ConfigureAwait(false);
        return found.GetValueOrDefault(key);
    }

    public Task<IReadOnlyDictionary<EntityKey, Entity>> GetManyAsync(
        IReadOnlyCollection<EntityKey> keys, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Guard<IReadOnlyDictionary<EntityKey, Entity>>(() =>
        {
            using var connection = OpenReader();
            using var command = Command(connection,
                $"SELECT {Schema.EntityColumns} FROM entities WHERE key IN (SELECT value FROM json_each(@keys)) AND {Schema.AliveAt}",
                ("@keys", JsonSerializer.Serialize(keys.Select(k => k.ToString()))), ("@at", Rows.At(asOf)));
            using var reader = command.ExecuteReader();
            var found = new Dictionary<EntityKey, Entity>();
            while (reader.Read())
            {
                var entity = Rows.ReadEntity(reader);
                found[entity.Key] = entity;
            }

            return found;
        }));
    }

    public Task<EntityPage> ListAsync(EntityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = query.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var after = query.After is null ? null : Cursors.ToKey(query.After).ToString();
        return Task.FromResult(Guard(() =>
        {
            var where = new StringBuilder("retired_at IS NULL");
            var parameters = new List<(string, object?)>();
            if (query.Kind is { } kind)
            {
                where.Append(" AND kind = @kind");
                parameters.Add(("@kind", (int)kind));
            }

            if (query.Name is not null)
            {
                where.Append(" AND name = @name");
                parameters.Add(("@name", query.Name));
            }

            if (query.Namespace is not null)
            {
                where.Append(" AND namespace = @namespace");
                parameters.Add(("@namespace", query.Namespace));
            }

            if (!string.IsNullOrEmpty(query.NameStartsWith))
            {
                where.Append(" AND substr(name, 1, length(@prefix)) = @prefix");
                parameters.Add(("@prefix", query.NameStartsWith));
            }

            if (query.Tag is not null)
            {
                where.Append(" AND EXISTS (SELECT 1 FROM json_each(entities.tags) WHERE value = @tag)");
                parameters.Add(("@tag", query.Tag));
            }

            if (!string.IsNullOrEmpty(query.Text))
            {
                where.Append(" AND (instr(lower(namespace), @text) > 0 OR instr(lower(name), @text) > 0 OR instr(lower(coalesce(description, '')), @text) > 0)");
                parameters.Add(("@text", query.Text.ToLowerInvariant()));
            }

            using var connection = OpenReader();
            var total = Scalar(connection, $"SELECT count(*) FROM entities WHERE {where}", [.. parameters]);
            if (after is not null)
            {
                where.Append(" AND key > @after");
                parameters.Add(("@after", after));
            }

            parameters.Add(("@take", query.First + 1));
            using var command = Command(connection, $"SELECT {Schema.EntityColumns} FROM entities WHERE {where} ORDER BY key LIMIT @take", [.. parameters]);
            using var reader = command.ExecuteReader();
            var items = new List<Entity>();
            while (reader.Read())
            {
                items.Add(Rows.ReadEntity(reader));
            }

            var more = items.Count > query.First;
            if (more)
            {
                items.RemoveAt(items.Count - 1);
            }

            return new EntityPage(items, items.Count == 0 ? null : Cursors.ForKey(items[^1].Key), more, checked((int)total));
        }));
    }

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            EnsureCurrent();
            return Task.FromResult(new StoreHealth(StoreStatus.Healthy, "Sqlite", $"Embedded store at {Path}", new Dictionary<string, object>
            {
                ["entities"] = _index.NodeCount,
                ["edges"] = _index.EdgeCount,
                ["changeSequence"] = _index.Sequence,
            }));
        }
        catch (SqliteException ex)
        {
            return Task.FromResult(new StoreHealth(StoreStatus.Degraded, "Sqlite", $"The embedded store at {Path} failed: {ex.Message}", new Dictionary<string, object>()));
        }
    }

    public Task<WalkResult> WalkAsync(WalkRequest request, CancellationToken cancellationToken = default)
    {
        var plan = WalkPlan.From(request, _limits);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Guard(() =>
        {
            EnsureCurrent();
            var at = Rows.At(plan.AsOf);
            if (!_index.TryGetId(plan.Start.ToString(), out var start) || !_index.ExistsAt(start, at))
            {
                throw new NotFoundException(plan.AsOf is null ? $"No entity {plan.Start}." : $"No entity {plan.Start} as of {plan.AsOf:O}.");
            }

            return plan.Direction == Direction.Both
                ? Walks.CombineBoth(Walk(plan, start, false, cancellationToken), Walk(plan, start, true, cancellationToken), plan.Limit)
                : Walk(plan, start, plan.Direction == Direction.Downstream, cancellationToken);
        }));
    }

    private WalkResult Walk(WalkPlan plan, int start, bool downstream, CancellationToken cancellationToken)
    {
        var walk = _index.Walk(
            start, downstream, plan.MaxDepth, AdjacencyIndex.RelationMask(plan.Relations), AdjacencyIndex.KindMask(plan.Kinds),
            Rows.At(plan.AsOf), plan.Limit, cancellationToken);

        using var connection = OpenReader();
        var entities = new Dictionary<long, Entity>(walk.Nodes.Count + 1);
        using (var command = Command(connection,
            $"SELECT {Schema.EntityColumns} FROM entities WHERE id IN (SELECT value FROM json_each(@ids))",
            ("@ids", JsonSerializer.Serialize(walk.Nodes.Select(n => n.Id).Append(start)))))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                entities[reader.GetInt64(0)] = Rows.ReadEntity(reader);
            }
        }

        var edges = new List<Edge>(walk.Edges.Count);
        if (walk.Edges.Count > 0)
        {
            using var command = Command(connection,
                $"SELECT {Schema.EdgeColumns} FROM edges WHERE id IN (SELECT value FROM json_each(@ids))",
                ("@ids", JsonSerializer.Serialize(walk.Edges)));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                edges.Add(Rows.ReadEdge(reader, entities));
            }
        }

        edges.Sort(Edge.Compare);
        return new WalkResult
        {
            Start = entities[start],
            Nodes = [.. walk.Nodes.Select(n => new WalkNode(entities[n.Id], n.Depth))],
            Edges = edges,
            Truncated = walk.Truncated,
            NodesVisited = walk.NodesVisited,
            EdgesVisited = walk.EdgesVisited,
        };
    }
}
