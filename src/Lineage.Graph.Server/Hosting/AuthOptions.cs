namespace Lineage.Graph.Server.Hosting;

/// <summary>API keys and anonymous access (configuration section <c>Lineage:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Lineage:Auth";

    /// <summary>Lets requests without a key run queries. Off unless configured.</summary>
    public bool AllowAnonymousRead { get; set; }

    /// <summary>The keys the server accepts, each with its role.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}
