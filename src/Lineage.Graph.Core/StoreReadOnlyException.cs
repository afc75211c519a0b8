namespace Lineage.Graph.Core;

/// <summary>
/// The store was opened to be read only (a published snapshot): it refuses every write, now and
/// later, so a caller that retries, as OpenLineage emitters do on 5xx, should not.
/// </summary>
public sealed class StoreReadOnlyException(string message)
    : LineageException(ErrorCodes.ReadOnly, message)
{
    public override bool IsStoreRefusal => true;
}
