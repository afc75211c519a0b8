using Lineage.Graph.Server.Hosting;

namespace Lineage.Graph.Server.Http;

/// <summary>Who is calling (the key's name, never the key) and what they may do.</summary>
internal sealed record Caller(string Name, Role Role);
