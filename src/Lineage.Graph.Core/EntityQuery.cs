namespace Lineage.Graph.Core;

/// <summary>A page of entities by kind, namespace, name prefix, tag or text, in key order.</summary>
public sealed record EntityQuery
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultFirst = 50;

    /// <summary>The largest page.</summary>
    public const int MaxFirst = 1000;

    public EntityKind? Kind { get; init; }

    /// <summary>Exact namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Exact name; with <see cref="Kind"/> and <see cref="Namespace"/> it lists the versions of one entity.</summary>
    public string? Name { get; init; }

    /// <summary>Names that start with this text (case-sensitive).</summary>
    public string? NameStartsWith { get; init; }

    public string? Tag { get; init; }

    /// <summary>Text found, ignoring case, in the namespace, name or description.</summary>
    public string? Text { get; init; }

    public int First { get; init; } = DefaultFirst;

    /// <summary>The <see cref="EntityPage.EndCursor"/> of the previous page.</summary>
    public string? After { get; init; }

    /// <summary>Checks the page size.</summary>
    public EntityQuery Validate() =>
        First is < 1 or > MaxFirst
            ? throw new LimitExceededException($"must be between 1 and {MaxFirst}; it was {First}.", "first")
            : this;
}
