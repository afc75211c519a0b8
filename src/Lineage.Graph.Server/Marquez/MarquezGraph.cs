namespace Lineage.Graph.Server.Marquez;

/// <summary>Marquez's lineage answer: <c>{"graph": [node, …]}</c>, nodes sorted by id.</summary>
internal sealed record MarquezGraph(IReadOnlyList<MarquezNode> Graph);

/// <summary>One node; <see cref="Data"/> is a <see cref="MarquezDatasetData"/> or a <see cref="MarquezJobData"/>.</summary>
internal sealed record MarquezNode(string Id, string Type, object Data, IReadOnlyList<MarquezEdge> InEdges, IReadOnlyList<MarquezEdge> OutEdges);

internal sealed record MarquezEdge(string Origin, string Destination);

/// <summary>A dataset or job by namespace and name, as Marquez writes ids inside node data.</summary>
internal sealed record MarquezId(string Namespace, string Name);
