namespace Lineage.Graph.Neo4j;

/// <summary>
/// The bookmarks of the store's latest writes, sent with every later statement so that a cluster
/// member runs it only once it has applied them: without them, a read routed to a reader that lags
/// the leader would not see a write this store just made. Writes that run at the same time each
/// replace only the bookmarks they were sent (the official drivers' bookmark manager does the
/// same), so neither loses the other's.
/// </summary>
internal sealed class Bookmarks
{
    private readonly Lock _lock = new();
    private string[] _current = [];

    /// <summary>The bookmarks to send with the next statement.</summary>
    public IReadOnlyCollection<string> Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Drops bookmarks Neo4j refused or could not reach (a database restored from an older backup), keeping any added since they were sent.</summary>
    public void Forget(IReadOnlyCollection<string> refused)
    {
        lock (_lock)
        {
            _current = [.. _current.Except(refused, StringComparer.Ordinal)];
        }
    }

    /// <summary>Replaces the bookmarks a committed write was sent with the ones its answer carried.</summary>
    public void Update(IReadOnlyCollection<string> sent, IReadOnlyList<string> received)
    {
        // An answer without bookmarks tells nothing newer: keep those sent, which still hold.
        if (received.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            _current = [.. _current.Except(sent, StringComparer.Ordinal).Union(received, StringComparer.Ordinal)];
        }
    }
}
