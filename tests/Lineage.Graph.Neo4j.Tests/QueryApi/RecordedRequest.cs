namespace Lineage.Graph.Neo4j.Tests.QueryApi;

/// <summary>What the client sent, copied before the request is disposed.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string Accept, string? ContentType, string Body);
