namespace Lineage.Graph.Cli.Import;

/// <summary>An item that was not stored: where it is in the file, the error code and the message.</summary>
internal sealed record ImportFailure(string Position, string Code, string Message);
