using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// One item of an import file, with where it was (<c>line</c> 3, <c>item</c> 2) and why it could not be read, if it
/// could not; or, with <see cref="Stop"/>, where and why the import stops, with <see cref="StopCode"/>: the file
/// changed while it was imported (<c>INVALID_INPUT</c>), or could no longer be read (<c>USAGE</c>, as when it cannot be opened).
/// </summary>
internal sealed record ImportItem(string Unit, int Number, JsonElement Json, string? ReadError = null, string? Stop = null, string StopCode = ErrorCodes.InvalidInput)
{
    public string Position => $"{Unit} {Number}";
}
