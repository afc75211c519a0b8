namespace Lineage.Graph.Server.Hosting;

/// <summary>What a caller may do; each role includes those before it.</summary>
public enum Role
{
    /// <summary>No key and no anonymous read: nothing.</summary>
    None,

    /// <summary>Queries.</summary>
    Reader,

    /// <summary>Queries and mutations that record lineage.</summary>
    Writer,

    /// <summary>Everything, including retiring.</summary>
    Admin,
}
