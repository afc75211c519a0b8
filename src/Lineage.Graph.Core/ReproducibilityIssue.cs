namespace Lineage.Graph.Core;

/// <summary>
/// Why a provenance closure is not reproducible. Codes: <c>MISSING_CODE_VERSION</c>,
/// <c>UNVERSIONED_CODE</c>, <c>DIRTY_CODE</c> (the code had changes not in its commit),
/// <c>UNVERSIONED_INPUT</c> (a run's input, or what an entity <c>DERIVES</c> from, has no version;
/// <see cref="Run"/> is null for the latter), <c>BEYOND_DEPTH</c> (the run's inputs lie past
/// maxDepth, or what lies upstream of another entity at maxDepth does; <see cref="Input"/> names that entity), <c>TRUNCATED</c> (the closure was cut by the limit, or the look one step upstream of an entity at maxDepth was; <see cref="Input"/> names that entity), <c>NOT_CHECKED</c> (the walk was
/// told not to follow <c>EXECUTED_IN</c>, <c>INPUT_TO</c>, <c>PRODUCED</c> or <c>DERIVES</c>, which the verdict reads),
/// <c>UNKNOWN_ORIGIN</c> (a model or feature with nothing recorded upstream of it, or a job; for a
/// deployment, a model deployed as it with nothing upstream, which <see cref="Input"/> names, or no model at all).
/// </summary>
public sealed record ReproducibilityIssue(string Code, string Message, EntityKey? Run = null, EntityKey? Input = null);
