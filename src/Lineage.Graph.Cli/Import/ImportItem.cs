using System.Text.Json;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// One item of an import file, with where it was (<c>line</c> 3, <c>item</c> 2) and why it could not be read, if it
/// could not; or, with <see cref="Stop"/>, where and why the import stops: the file changed while it was imported.
/// </summary>
internal sealed record ImportItem(string Unit, int Number, JsonElement Json, string? ReadError = null, string? Stop = null)
{
    public string Position => $"{Unit} {Number}";
}
