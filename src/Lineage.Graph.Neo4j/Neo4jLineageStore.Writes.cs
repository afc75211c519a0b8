using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;

namespace Lineage.Graph.Neo4j;

public sealed partial class Neo4jLineageStore
{
    /// <summary>
    /// How many times a batch is read, merged and sent when other writers keep changing what it
    /// names in between. Each lost attempt means another write committed, so writers as a whole
    /// always progress; a batch that loses this many times in a row is refused, writing nothing.
    /// </summary>
    internal const int MaxWriteAttempts = 20;

    // The longest wait between two attempts, and the first attempt's longest.
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// How long to wait after losing attempt <paramref name="attempt"/> (from 1): a random time up to
    /// a bound that doubles from <see cref="FirstBackOff"/> with each attempt lost, to at most
    /// <see cref="MaxBackOff"/>. Writers that lost to each other then try again at different times,
    /// where trying again at once would have them read, and collide, together again; the first waits
    /// are short, since most batches lose once at most. All the waits of a batch that loses every
    /// attempt come to under two seconds.
    /// </summary>
    internal static TimeSpan BackOff(int attempt, Random random)
    {
        var bound = Math.Min(MaxBackOff.Ticks, FirstBackOff.Ticks << Math.Min(attempt - 1, 30));
        return TimeSpan.FromTicks(random.NextInt64(bound + 1));
    }

    /// <summary>The wait after each lost attempt: <see cref="BackOff"/>, unless a test watches the waits or gives up during one.</summary>
    internal Func<int, TimeSpan> WriteBackOff { get; set; } = attempt => BackOff(attempt, Random.Shared);

    public async Task<WriteResult> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var givenValues = HyperparameterSets.KeysGivenValues(batch.Entities);
        batch = batch.ValidateUntilRefused();
        var lost = "";
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var (result, why) = await TryWriteAsync(batch, givenValues, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }

            lost = why;
            Log.WriteConflict(_logger, attempt, why);
            if (attempt < MaxWriteAttempts)
            {
                // Real time, not the store's clock, which stamps rows and may be a test's fixed one.
                await Task.Delay(WriteBackOff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        throw new StoreUnavailableException(
            $"The entities of this batch changed between its read and its write {MaxWriteAttempts} times in a row (the last time: {lost}); nothing was written. Send it again.");
    }

    /// <summary>
    /// Reads what the batch names, merges, and writes only if none of it changed since the read
    /// (write-batch checks the revisions under lock). No result when something had, with what: the caller tries again.
    /// </summary>
    private async Task<(WriteResult? Result, string Lost)> TryWriteAsync(WriteBatch batch, HashSet<EntityKey> givenValues, CancellationToken cancellationToken)
    {
        // Everything the batch names, retired or not, in one read: the checks and the merge need it.
        // In key order, the order write-batch locks them in, so that two batches naming the same
        // keys wait for each other instead of deadlocking (which Neo4j would break, and the client retry).
        var named = batch.Entities.Select(e => e.Key).Concat(batch.Edges.SelectMany(e => new[] { e.From, e.To })).Distinct().Order().ToList();
        var stored = await FetchStoredAsync(named, At(null), includeRetired: true, AccessMode.Write, cancellationToken).ConfigureAwait(false);

        // The write's time is taken after its read, as the embedded store takes it once it holds the file's
        // write lock: a write this read saw was stamped before it (on this server's clock), so this one's
        // times do not fall behind what it merges with. Taken before the read, a write that committed during
        // the read got a later updatedAt than this one, which then wrote an earlier one over it.
        var now = _time.GetUtcNow();
        var ticks = now.UtcTicks;

        var state = stored.Where(s => s.Value.Entity.RetiredAt is null).ToDictionary(s => s.Key, s => s.Value.Entity);
        var changed = new Dictionary<EntityKey, Entity>();
        for (var i = 0; i < batch.Entities.Count; i++)
        {
            var input = batch.Entities[i];
            if (stored.TryGetValue(input.Key, out var known) && known.Entity.RetiredAt is not null)
            {
                throw new EntityRetiredException($"{input.Key} has been retired; a retired entity takes no more writes or edges.", $"entities[{i}]");
            }

            HyperparameterSets.RequireValuesToCreate(input, i, !stored.ContainsKey(input.Key), givenValues);

            var (merged, isChange) = EntityMerge.Write(state.GetValueOrDefault(input.Key), input, now, $"entities[{i}]");
            state[input.Key] = merged;
            if (isChange)
            {
                changed[input.Key] = merged;
            }
        }

        // Counted per entity, from where the batch leaves it, as the embedded store counts: an entity named twice,
        // unchanged by its first input and changed by its second, is updated.
        var keys = batch.Entities.Select(e => e.Key).Distinct().ToList();
        var created = keys.Count(k => !stored.ContainsKey(k));
        var updated = keys.Count(k => stored.ContainsKey(k) && changed.ContainsKey(k));
        var unchanged = keys.Count - created - updated;

        for (var i = 0; i < batch.Edges.Count; i++)
        {
            var edge = batch.Edges[i];
            Require(edge.From, $"edges[{i}].from");
            Require(edge.To, $"edges[{i}].to");
        }

        // The items before a refused one are good: the refused one is the batch's first bad item.
        batch.ThrowIfRefused();

        if (changed.Count + batch.Edges.Count == 0)
        {
            // Nothing to write: the answer is the read's, which was consistent on its own.
            return (new WriteResult(created, updated, unchanged, 0, 0), "");
        }

        QueryResult result;
        try
        {
            result = await RunTextAsync(CypherStatements.Query("write-batch"), new Dictionary<string, object?>
            {
                ["expected"] = named.Select(key => Expected(key, stored.GetValueOrDefault(key))).ToList(),
                ["entities"] = changed.Values.OrderBy(e => e.Key).Select(e => Row(e, ticks, created: !stored.ContainsKey(e.Key))).ToList(),
                ["edges"] = batch.Edges.Select(e => new Dictionary<string, object?>
                {
                    ["from"] = e.From.ToString(),
                    ["to"] = e.To.ToString(),
                    ["relation"] = Relations.Name(e.Relation),
                    ["role"] = e.Role,
                    ["properties"] = LineageJson.SerializeProperties(e.Properties ?? LineageJson.EmptyProperties),
                    ["recordedAt"] = ticks,
                }).ToList(),
            }, AccessMode.Write, counters: true, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex) when (ex.InnerException is Neo4jException
        {
            Code: Neo4jErrors.ConstraintValidationFailed or Neo4jErrors.EntityNotFound,
        } refusal)
        {
            // Another batch created one of this batch's new entities after the read, or purged one
            // of its nodes while this batch waited for the lock on it.
            return (null, $"{refusal.Code}: {refusal.ServerMessage}");
        }

        var conflicts = Neo4jRow.All(result).Single().Long("conflicts");
        if (conflicts > 0)
        {
            return (null, $"{conflicts} of its {named.Count} entities had been written, retired or purged by another write");
        }

        var edgesCreated = result.Counters?.RelationshipsCreated ?? 0;
        return (new WriteResult(created, updated, unchanged, edgesCreated, batch.Edges.Count - edgesCreated), "");

        void Require(EntityKey key, string item)
        {
            if (state.ContainsKey(key))
            {
                return;
            }

            throw stored.ContainsKey(key)
                ? new EntityRetiredException($"{key} has been retired; a retired entity takes no more writes or edges.", item)
                : new NotFoundException($"{key} is neither stored nor written in this batch.", item);
        }
    }

    public async Task<RetireResult> RetireAsync(RetireRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request.Validate();
        var result = await RunAgainIfPurgedAsync(CypherStatements.Query("retire"), new Dictionary<string, object?>
        {
            ["entities"] = request.Entities.Select(k => k.ToString()).ToList(),
            ["edges"] = EdgeRows(request.Edges),
            ["now"] = _time.GetUtcNow().UtcTicks,

            // With an item refused after these, the statement only looks for the missing ones.
            ["retire"] = request.Refused is null,
        }, cancellationToken).ConfigureAwait(false);
        var counts = Neo4jRow.All(result).Single();

        // The statement retires nothing when an item is missing; it names the first of each, by position.
        if (counts.NullableLong("missingEntity") is { } entity)
        {
            var i = checked((int)entity);
            throw new NotFoundException($"No entity {request.Entities[i]}.", $"entities[{i}]");
        }

        if (counts.NullableLong("missingEdge") is { } position)
        {
            var i = checked((int)position);
            var edge = request.Edges[i];
            throw new NotFoundException($"No edge {edge.From} -{Relations.Name(edge.Relation)}-> {edge.To}.", $"edges[{i}]");
        }

        request.ThrowIfRefused();
        return new RetireResult(checked((int)counts.Long("entities")), checked((int)counts.Long("edges")));
    }

    public async Task<PurgeResult> PurgeAsync(PurgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request.Validate();
        var result = await RunAgainIfPurgedAsync(CypherStatements.Query("purge"), new Dictionary<string, object?>
        {
            ["entities"] = request.Entities.Select(k => k.ToString()).Distinct().ToList(),
            ["edges"] = EdgeRows(request.Edges),
        }, cancellationToken).ConfigureAwait(false);
        var counts = Neo4jRow.All(result).Single();
        return new PurgeResult(checked((int)counts.Long("entities")), checked((int)counts.Long("edges")));
    }

    /// <summary>
    /// Sends a retire or purge statement, and sends it again when Neo4j answers that an item it had
    /// matched is gone (<c>EntityNotFound</c>): a purge of the same item, or of a neighbour whose far ends a
    /// purge locks (an entity this one names), committed while this statement waited for its lock. The failed attempt changed nothing; sent again, the statement no longer
    /// finds the item, so a purge does not count it and a retire names it missing, as they would have
    /// had the other purge come first. Without this, two purges of one entity at once answered the second
    /// with STORE_UNAVAILABLE, where a purge replayed after the first (<see cref="PurgeRequest"/>) is harmless.
    /// </summary>
    private async Task<QueryResult> RunAgainIfPurgedAsync(string statement, Dictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunTextAsync(statement, parameters, AccessMode.Write, counters: false, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException ex) when (attempt < MaxWriteAttempts
                && ex.InnerException is Neo4jException { Code: Neo4jErrors.EntityNotFound } refusal)
            {
                Log.WriteConflict(_logger, attempt, $"{refusal.Code}: {refusal.ServerMessage}");
                await Task.Delay(WriteBackOff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// What the read found for a key, as write-batch compares it: the revision (-1 when absent), when
    /// the node was recorded (so that one purged and written anew, its revisions restarted, is not
    /// taken for the one read), and whether current.
    /// </summary>
    private static Dictionary<string, object?> Expected(EntityKey key, Stored? stored) => new()
    {
        ["key"] = key.ToString(),
        ["revision"] = stored?.Revision ?? -1,
        ["recordedAt"] = stored?.Entity.RecordedAt.UtcTicks ?? -1,
        ["current"] = stored is { Entity.RetiredAt: null },
    };

    private static List<Dictionary<string, object?>> EdgeRows(IReadOnlyList<EdgeRef> edges) =>
        [.. edges.Select(e => new Dictionary<string, object?> { ["from"] = e.From.ToString(), ["to"] = e.To.ToString(), ["relation"] = Relations.Name(e.Relation) })];

    private static Dictionary<string, object?> Row(Entity entity, long now, bool created) => new()
    {
        ["key"] = entity.Key.ToString(),
        ["kind"] = entity.Kind.ToString(),
        ["created"] = created,
        ["recordedAt"] = now,
        ["props"] = new Dictionary<string, object?>
        {
            ["kind"] = entity.Kind.ToString(),
            ["namespace"] = entity.Namespace,
            ["name"] = entity.Name,
            ["version"] = entity.Version,
            ["description"] = entity.Description,
            ["tags"] = entity.Tags,
            ["owners"] = entity.Owners,
            ["properties"] = LineageJson.SerializeProperties(entity.Properties),
            ["fields"] = LineageJson.SerializeFields(entity.Fields),
            ["updatedAt"] = entity.UpdatedAt.UtcTicks,

            // What a text search compares (list-entities), lower-cased here as the search text is
            // and as the embedded store lowers, not by Neo4j's toLower, whose rules differ.
            ["lowerNamespace"] = entity.Namespace.ToLowerInvariant(),
            ["lowerName"] = entity.Name.ToLowerInvariant(),
            ["lowerDescription"] = entity.Description?.ToLowerInvariant(),

            // What a listing sorts and pages by where the key itself would not do (list-entities); null removes it.
            ["sortKey"] = SortKeys.For(entity.Key.ToString()),
        },
    };
}
