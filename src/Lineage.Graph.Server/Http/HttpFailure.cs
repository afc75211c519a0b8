namespace Lineage.Graph.Server.Http;

/// <summary>Why a request was refused before anything ran: the HTTP status, the stable code and a message for the caller.</summary>
internal sealed record HttpFailure(int Status, string Code, string Message);
