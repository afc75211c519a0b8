using System.Text.Json;

namespace Lineage.Graph.Cli.Import;

/// <summary>One item of an import file, with where it was (<c>line 3</c>, <c>item 2</c>) and why it could not be read, if it could not.</summary>
internal sealed record ImportItem(string Position, JsonElement Json, string? ReadError = null);
