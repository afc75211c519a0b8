namespace Lineage.Graph.Core;

/// <summary>Which way a walk follows edges.</summary>
public enum Direction
{
    /// <summary>Against the flow of data: what made this (provenance).</summary>
    Upstream,

    /// <summary>Along the flow of data: what this feeds (impact).</summary>
    Downstream,

    /// <summary>The union of the upstream and the downstream walk; never siblings.</summary>
    Both,
}
