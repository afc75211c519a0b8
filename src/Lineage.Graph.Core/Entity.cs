using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>A stored entity: its identity, common fields, typed fields and times.</summary>
public sealed record Entity
{
    public required EntityKey Key { get; init; }

    public EntityKind Kind => Key.Kind;

    public string Namespace => Key.Namespace;

    public string Name => Key.Name;

    public string? Version => Key.Version;

    public string? Description { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Owners { get; init; } = [];

    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = LineageJson.EmptyProperties;

    // The typed fields: decoded (or set directly), still encoded (EncodedFields), or null. One
    // reference, replaced whole: a read racing the first decode sees one form or the other, and
    // EncodedFields hands both the same decoded instance.
    private object? _fields;

    /// <summary>The typed fields of the entity's kind; null for a kind without any (Job) or when none were ever written.</summary>
    public EntityFields? Fields
    {
        get
        {
            var fields = Volatile.Read(ref _fields);
            if (fields is EncodedFields encoded)
            {
                fields = encoded.Decode(Kind);
                Volatile.Write(ref _fields, fields);
            }

            return (EntityFields?)fields;
        }

        init => _fields = value;
    }

    /// <summary>Sets the typed fields in their stored form, decoded when <see cref="Fields"/> is first read; for stores, in place of <see cref="Fields"/>.</summary>
    public EncodedFields? EncodedFields
    {
        init => _fields = value;
    }

    /// <summary>When the entity was first written (server clock).</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>When a write last changed the entity.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the entity was retired; null while it is current.</summary>
    public DateTimeOffset? RetiredAt { get; init; }

    // Written out, rather than left to the compiler, so that fields still encoded compare as what they decode to.
    public bool Equals(Entity? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Key.Equals(other.Key)
            && Description == other.Description
            && EqualityComparer<IReadOnlyList<string>>.Default.Equals(Tags, other.Tags)
            && EqualityComparer<IReadOnlyList<string>>.Default.Equals(Owners, other.Owners)
            && EqualityComparer<IReadOnlyDictionary<string, JsonElement>>.Default.Equals(Properties, other.Properties)
            && EqualityComparer<EntityFields?>.Default.Equals(Fields, other.Fields)
            && RecordedAt.Equals(other.RecordedAt)
            && UpdatedAt.Equals(other.UpdatedAt)
            && Nullable.Equals(RetiredAt, other.RetiredAt));

    public override int GetHashCode() => HashCode.Combine(Key, Description, Tags, Owners, Properties, Fields, RecordedAt, HashCode.Combine(UpdatedAt, RetiredAt));
}
