using System.ComponentModel.DataAnnotations;

namespace Lineage.Graph.Core;

/// <summary>The server's bounds on walks (configuration section <c>Lineage:Traversal</c>).</summary>
public sealed class TraversalLimits
{
    /// <summary>The deepest walk allowed, in hops.</summary>
    [Range(1, 10_000)]
    public int MaxDepthCap { get; set; } = 100;

    /// <summary>The depth of a walk that asks for none.</summary>
    [Range(1, 10_000)]
    public int DefaultMaxDepth { get; set; } = 20;

    /// <summary>The most nodes one walk may return.</summary>
    [Range(1, 1_000_000)]
    public int LimitCap { get; set; } = 10_000;

    /// <summary>The most nodes a walk that asks for no limit returns.</summary>
    [Range(1, 1_000_000)]
    public int DefaultLimit { get; set; } = 1_000;
}
