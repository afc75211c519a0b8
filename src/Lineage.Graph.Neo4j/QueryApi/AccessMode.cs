namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>Where a cluster routes a statement: <see cref="Read"/> may go to a follower or read replica.</summary>
public enum AccessMode
{
    /// <summary>The statement writes (the Query API's default); a cluster sends it to the leader.</summary>
    Write,

    /// <summary>The statement only reads; a cluster may send it to any member.</summary>
    Read,
}
