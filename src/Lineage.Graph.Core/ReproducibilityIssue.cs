namespace Lineage.Graph.Core;

/// <summary>
/// Why a provenance closure is not reproducible. Codes: <c>MISSING_CODE_VERSION</c>,
/// <c>UNVERSIONED_CODE</c>, <c>UNVERSIONED_INPUT</c>, <c>BEYOND_DEPTH</c> (the run's inputs lie
/// past maxDepth), <c>TRUNCATED</c> (the closure was cut by the limit), <c>NOT_CHECKED</c> (the
/// walk was told not to follow <c>EXECUTED_IN</c> or <c>INPUT_TO</c>, which the verdict reads).
/// </summary>
public sealed record ReproducibilityIssue(string Code, string Message, EntityKey? Run = null, EntityKey? Input = null);
