using System.ComponentModel.DataAnnotations;

namespace Lineage.Graph.Core;

/// <summary>
/// The server's bounds on walks (configuration section <c>Lineage:Traversal</c>). A default written
/// above its cap is refused, not lowered to it: an operator who wrote <c>DefaultMaxDepth=200</c>
/// would otherwise find walks stopping at 100 without a word. A default left unset follows a cap
/// set below it, so that lowering a cap takes one setting.
/// </summary>
public sealed class TraversalLimits : IValidatableObject
{
    /// <summary>The configuration section these settings are bound from, which names them in errors.</summary>
    public const string Section = "Lineage:Traversal";

    /// <summary>The depth of a walk that asks for none, where <see cref="DefaultMaxDepth"/> is not set and the cap allows it.</summary>
    public const int ShippedMaxDepth = 20;

    /// <summary>The most nodes a walk that asks for no limit returns, where <see cref="DefaultLimit"/> is not set and the cap allows it.</summary>
    public const int ShippedLimit = 1_000;

    /// <summary>The deepest walk allowed, in hops.</summary>
    [Range(1, 10_000, ErrorMessage = "must be between {1} and {2}.")]
    public int MaxDepthCap { get; set; } = 100;

    /// <summary>The depth of a walk that asks for none, as set; see <see cref="MaxDepthIfUnasked"/>.</summary>
    [Range(1, 10_000, ErrorMessage = "must be between {1} and {2}.")]
    public int? DefaultMaxDepth { get; set; }

    /// <summary>The most nodes one walk may return.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between {1} and {2}.")]
    public int LimitCap { get; set; } = 10_000;

    /// <summary>The most nodes a walk that asks for no limit returns, as set; see <see cref="LimitIfUnasked"/>.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between {1} and {2}.")]
    public int? DefaultLimit { get; set; }

    /// <summary>The depth of a walk that asks for none: <see cref="DefaultMaxDepth"/>, or <see cref="ShippedMaxDepth"/> within the cap.</summary>
    public int MaxDepthIfUnasked => DefaultMaxDepth ?? Math.Min(ShippedMaxDepth, MaxDepthCap);

    /// <summary>The most nodes a walk that asks for no limit returns: <see cref="DefaultLimit"/>, or <see cref="ShippedLimit"/> within the cap.</summary>
    public int LimitIfUnasked => DefaultLimit ?? Math.Min(ShippedLimit, LimitCap);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultMaxDepth > MaxDepthCap)
        {
            yield return new ValidationResult($"must be at most {Section}:{nameof(MaxDepthCap)} ({MaxDepthCap}), the deepest any walk may go.", [nameof(DefaultMaxDepth)]);
        }

        if (DefaultLimit > LimitCap)
        {
            yield return new ValidationResult($"must be at most {Section}:{nameof(LimitCap)} ({LimitCap}), the most nodes any walk may return.", [nameof(DefaultLimit)]);
        }
    }
}
