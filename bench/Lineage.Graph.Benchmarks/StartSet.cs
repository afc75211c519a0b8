using Lineage.Graph.Core;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The starts of one kind of walk: those timed, and others, never timed, that the warm-up walks use,
/// so that no timed walk repeats a warm-up walk's answer.
/// </summary>
internal sealed record StartSet(List<EntityKey> Timed, List<EntityKey> WarmUp);
