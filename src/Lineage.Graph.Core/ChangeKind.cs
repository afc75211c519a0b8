namespace Lineage.Graph.Core;

public enum ChangeKind
{
    Unchanged,
    Changed,
    Added,
    Removed,
}
