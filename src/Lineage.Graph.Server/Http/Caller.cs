using Lineage.Graph.Server.Hosting;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// Who is calling (the key's name, never the key) and what they may do. <see cref="Anonymous"/>
/// marks a request that sent no key, so that a refusal can ask for credentials (401) rather
/// than deny a known caller (403).
/// </summary>
internal sealed record Caller(string Name, Role Role, bool Anonymous = false);
