using GraphQL.DataLoader;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Batches the one-hop walks of one request (the <c>upstream</c>, <c>downstream</c>,
/// <c>previousVersion</c> and <c>nextVersion</c> fields, and a run's <c>job</c> and <c>parent</c>): every walk asked for while a level of
/// the query is resolved goes to the store in one <see cref="ILineageStore.WalkManyAsync"/> when
/// the first answer is awaited. Over a page of entities that is one call, not one per entity,
/// which on Neo4j is several round trips each.
/// </summary>
/// <remarks>
/// Each walk is checked against the limits when it is asked for, so that a bad argument fails its
/// own field, as it did when each field walked alone, rather than every walk of its batch. A start
/// the store does not find (one that did not exist yet at the field's asOf, or was purged since the
/// level read it) is answered null, for the field to say "none", not an error that would null the
/// whole answer up to the nearest nullable field.
/// </remarks>
internal sealed class WalkLoader(ILineageStore store, TraversalLimits limits)
{
    private readonly Lock _gate = new();
    private List<Pending> _pending = [];

    /// <summary>The walk of <paramref name="request"/> (null when its start is not found), passed through <paramref name="then"/> once answered.</summary>
    public IDataLoaderResult<T> Load<T>(WalkRequest request, Func<WalkResult?, T> then)
    {
        _ = WalkPlan.From(request, limits); // checked now, so that a bad argument fails its own field
        var pending = new Pending(request);
        lock (_gate)
        {
            _pending.Add(pending);
        }

        return new LoadedResult<WalkResult?, T>(token => GetAsync(pending, token), then);
    }

    /// <summary>Sends every walk asked for so far unless another answer already sent this one, then waits for this one's answer.</summary>
    private async Task<WalkResult?> GetAsync(Pending pending, CancellationToken cancellationToken)
    {
        List<Pending>? batch = null;
        lock (_gate)
        {
            if (!pending.Sent)
            {
                (batch, _pending) = (_pending, []);
                batch.ForEach(p => p.Sent = true);
            }
        }

        if (batch is not null)
        {
            try
            {
                var answers = await store.WalkManyAsync([.. batch.Select(p => p.Request)], cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Answer.TrySetResult(answers[i]);
                }
            }
            catch (Exception ex)
            {
                // The batch failed as one call; each of its fields reports the failure.
                batch.ForEach(p => p.Answer.TrySetException(ex));
            }
        }

        // A field waiting on another field's batch stops waiting when its own request is cancelled.
        return await pending.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Pending(WalkRequest request)
    {
        public WalkRequest Request { get; } = request;

        /// <summary>Set, under the loader's lock, once the walk is in a batch sent to the store.</summary>
        public bool Sent { get; set; }

        public TaskCompletionSource<WalkResult?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
