namespace Lineage.Graph.Server.Marquez;

/// <summary>The two kinds of node in a Marquez lineage graph.</summary>
internal enum MarquezNodeType
{
    Dataset,
    Job,
}
