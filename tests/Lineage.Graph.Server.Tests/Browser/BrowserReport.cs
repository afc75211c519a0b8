namespace Lineage.Graph.Server.Tests.Browser;

/// <summary>The JSON line that <c>tests/browser/run-query.mjs</c> prints: how far it got and what the IDE was answered.</summary>
internal sealed record BrowserReport(
    bool Ok, string Step, string? Page, List<IntrospectionAnswer> Introspection, int? QueryStatus, string? QueryBody, string? Error);
