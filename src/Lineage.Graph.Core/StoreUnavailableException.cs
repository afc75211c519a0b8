namespace Lineage.Graph.Core;

/// <summary>The store cannot be reached or cannot answer now; the request may succeed later.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null)
    : LineageException(ErrorCodes.StoreUnavailable, message, null, inner)
{
    public override bool IsStoreRefusal => true;
}
