namespace Lineage.Graph.Core;

public enum StoreStatus
{
    /// <summary>Answers reads and writes.</summary>
    Healthy,

    /// <summary>Up, but cannot answer now (a remote database is down); requests get <c>STORE_UNAVAILABLE</c> until it recovers.</summary>
    Degraded,
}
