using System.ComponentModel.DataAnnotations;

namespace Lineage.Graph.Server.Hosting;

/// <summary>Bounds on the OpenLineage and Marquez endpoints (configuration section <c>Lineage:OpenLineage</c>).</summary>
public sealed class OpenLineageOptions
{
    public const string Section = "Lineage:OpenLineage";

    /// <summary>The largest body of one event or one batch, in bytes, after decompression.</summary>
    [Range(1_024, 256 * 1024 * 1024, ErrorMessage = "must be between {1} and {2}.")]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most events one <c>POST /api/v1/lineage/batch</c> may hold.</summary>
    [Range(1, 100_000, ErrorMessage = "must be between {1} and {2}.")]
    public int MaxBatchEvents { get; set; } = 1_000;

    /// <summary>The most jobs and datasets one Marquez lineage answer may hold; a larger graph is refused with LIMIT_EXCEEDED, never cut short.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between {1} and {2}.")]
    public int MaxLineageNodes { get; set; } = 10_000;

    /// <summary>
    /// The most bytes one Marquez lineage answer may hold as JSON; a larger answer is refused with
    /// LIMIT_EXCEEDED, never cut short. The node bound alone does not bound it: a dataset's schema,
    /// tags and description come with it, and ten thousand wide tables answer gigabytes.
    /// </summary>
    [Range(64 * 1024, 1024 * 1024 * 1024, ErrorMessage = "must be between {1} and {2}.")]
    public int MaxLineageAnswerBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// How long one Marquez lineage answer may take, in seconds; past it the request is stopped
    /// with TIMEOUT. It walks one hop at a time from every version and run it meets, so a deep
    /// answer over a long history can take a while, and many Query API calls on Neo4j.
    /// </summary>
    [Range(1, 3_600, ErrorMessage = "must be between {1} and {2}.")]
    public int LineageTimeoutSeconds { get; set; } = 30;
}
