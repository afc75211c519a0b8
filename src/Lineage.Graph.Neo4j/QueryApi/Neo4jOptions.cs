using System.ComponentModel.DataAnnotations;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// How to reach Neo4j's HTTP Query API (configuration section <c>Lineage:Neo4j</c>), and how
/// hard to try. The error messages start after the key, which the validator puts in front, so
/// that a bad setting stops the host with a line such as <c>Lineage:Neo4j:Url is required ...</c>.
/// </summary>
public sealed class Neo4jOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from by default.</summary>
    public const string Section = "Lineage:Neo4j";

    /// <summary>The HTTP or HTTPS address of the server, such as <c>http://localhost:7474</c>; the Query API lives under it.</summary>
    [Required(ErrorMessage = "is required: the HTTP address of Neo4j, such as http://localhost:7474.")]
    public Uri? Url { get; set; }

    /// <summary>The database (or alias) that every statement runs against.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "is required: the name of the Neo4j database, such as neo4j.")]
    public string Database { get; set; } = "neo4j";

    /// <summary>The user for basic authentication; ignored when <see cref="Token"/> is set.</summary>
    public string? User { get; set; } = "neo4j";

    /// <summary>The password for basic authentication. Without a password or token no credentials are sent (<c>NEO4J_AUTH=none</c>).</summary>
    public string? Password { get; set; }

    /// <summary>A bearer token (SSO); when set it is sent instead of the user and password.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// The most seconds one call may take, every retry and back-off included. At least 2: each attempt
    /// tells Neo4j the whole seconds left (its <c>maxExecutionTime</c>), and with 1 s in all an attempt
    /// sent any time after the call began would have under a second left, so none would ever be sent.
    /// </summary>
    [Range(2, 3600, ErrorMessage = "must be between {1} and {2} seconds.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How many times a transient failure is retried after the first attempt; 0 turns retries off.</summary>
    [Range(0, 10, ErrorMessage = "must be between {1} and {2}.")]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The first back-off; each later one doubles, with 20% jitter either way, as the official drivers do.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "must be between {1} and {2}.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of failed attempts within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0, ErrorMessage = "must be between {1} and {2}.")]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The fewest attempts within <see cref="CircuitBreakerSamplingDuration"/> before the circuit may open.</summary>
    [Range(2, 100_000, ErrorMessage = "must be between {1} and {2}.")]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which failed attempts are counted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00", ErrorMessage = "must be between {1} and {2}.")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once before one probe call is let through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00", ErrorMessage = "must be between {1} and {2}.")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult(
                "must be an absolute http or https address, such as http://localhost:7474.", [nameof(Url)]);
        }

        if (string.IsNullOrEmpty(Token) && !string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(User))
        {
            yield return new ValidationResult("is required when a password is set.", [nameof(User)]);
        }
    }
}
