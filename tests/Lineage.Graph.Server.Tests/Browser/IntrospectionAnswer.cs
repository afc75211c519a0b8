namespace Lineage.Graph.Server.Tests.Browser;

/// <summary>One introspection request of the IDE as <c>run-query.mjs</c> saw it: phase 1 probes the introspection types, phase 2 reads the schema.</summary>
internal sealed record IntrospectionAnswer(int Status, int Phase, string Body);
