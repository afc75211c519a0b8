using System.ComponentModel.DataAnnotations;

namespace Lineage.Graph.Server.Hosting;

/// <summary>Bounds on GraphQL requests (configuration section <c>Lineage:GraphQL</c>).</summary>
public sealed class GraphQLLimitsOptions
{
    public const string Section = "Lineage:GraphQL";

    /// <summary>The deepest selection set a document may nest.</summary>
    [Range(2, 100, ErrorMessage = "must be between {1} and {2}.")]
    public int MaxDocumentDepth { get; set; } = 15;

    /// <summary>The most complexity points a document may cost (GraphQL.NET's complexity analyzer).</summary>
    [Range(10, 10_000_000, ErrorMessage = "must be between {1} and {2}.")]
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>
    /// The most nodes the walks of one request (a batch's operations together) may return in all: a
    /// <c>lineage</c> counts its limit, a report (impact, provenance, paths) the traversal cap, a diff
    /// twice that (GraphQL.AnswerBudget). Unset, 100,000 or twice the cap, whichever is more, so that
    /// raising the cap never starts refusing diffs; set, at least twice the cap (WalkBudgetValidator).
    /// </summary>
    [Range(10, 10_000_000, ErrorMessage = "must be between {1} and {2}.")]
    public int? MaxWalkNodes { get; set; }

    /// <summary>The budget of walked nodes a request has: <see cref="MaxWalkNodes"/>, or its default under <paramref name="limitCap"/>.</summary>
    public long WalkNodes(int limitCap) => MaxWalkNodes ?? Math.Max(100_000L, 2L * limitCap);

    /// <summary>
    /// The most bytes of free-form JSON (entities' and edges' properties, hyperparameter values, metrics,
    /// schemas) one request (a batch's operations together) may answer: at least what one entity may
    /// hold (16 MiB, counted as its cap counts it), so that any entity can be read.
    /// </summary>
    [Range(16L * 1024 * 1024, 4L * 1024 * 1024 * 1024, ErrorMessage = "must be between {1} and {2}.")]
    public long MaxAnswerJsonBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The most requests one batched POST may hold.</summary>
    [Range(1, 100, ErrorMessage = "must be between {1} and {2}.")]
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>The largest request body, in bytes, after decompression.</summary>
    [Range(1_024, 256 * 1024 * 1024, ErrorMessage = "must be between {1} and {2}.")]
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long one request may run before it is answered with <c>TIMEOUT</c>.</summary>
    [Range(1, 3_600, ErrorMessage = "must be between {1} and {2}.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Origins allowed to call the API from a browser; empty allows none but the server's own.</summary>
    public string[] CorsOrigins { get; set; } = [];
}
