using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>A stored edge. Its identity is (from, to, relation).</summary>
public sealed record Edge
{
    public required EntityKey From { get; init; }

    public required EntityKey To { get; init; }

    public required RelationKind Relation { get; init; }

    /// <summary>For <c>INPUT_TO</c>: training, validation, test or reference.</summary>
    public string? Role { get; init; }

    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = LineageJson.EmptyProperties;

    public required DateTimeOffset RecordedAt { get; init; }

    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>The edge's identity alone, as retiring it and <see cref="WalkKeys"/> name it.</summary>
    public EdgeRef Ref => new(From, To, Relation);

    /// <summary>Edges in the model's order: by from, to, relation.</summary>
    public static int Compare(Edge? a, Edge? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        return EdgeRef.Compare(a.From, a.To, a.Relation, b.From, b.To, b.Relation);
    }
}
