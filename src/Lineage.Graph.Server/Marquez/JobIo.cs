using Lineage.Graph.Core;

namespace Lineage.Graph.Server.Marquez;

/// <summary>A job with what its runs read and wrote (datasets by namespace and name) and its latest run.</summary>
internal sealed record JobIo(
    Entity Job,
    SortedSet<(string Namespace, string Name)> Inputs,
    SortedSet<(string Namespace, string Name)> Outputs,
    Entity? LatestRun);
