using GraphQL.Types;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>A rejected mutation's reason, with the same stable code a top-level error would carry.</summary>
internal sealed record UserError(string Code, string Message, string? Item)
{
    public static UserError From(LineageException exception) => new(exception.Code, exception.Message, exception.Item);

    /// <summary>
    /// The error of a batch that the mutation built from its input, its item renamed to the input
    /// member it came from (see <see cref="RunRecord.DescribeItem"/>); the message, which starts
    /// with the item, follows. An item that stands for no batch item (a member the input's reader
    /// refused, which names it already) is kept as it is.
    /// </summary>
    public static UserError From(LineageException exception, Func<string, string?> describeItem)
    {
        var (message, item) = exception.DescribedAs(describeItem);
        return new(exception.Code, message, item);
    }
}

/// <summary>What a write mutation answers: the result, the keys written, or the errors (then nothing was stored).</summary>
internal sealed record WritePayload(WriteResult? Counts, IReadOnlyList<EntityKey> Keys, IReadOnlyList<UserError> Errors);

internal sealed record RetirePayload(RetireResult? Counts, IReadOnlyList<UserError> Errors);

internal sealed record PurgePayload(PurgeResult? Counts, IReadOnlyList<UserError> Errors);

internal sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "Why a mutation stored nothing.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Stable: NOT_FOUND, INVALID_KEY, INVALID_RELATION, INVALID_INPUT, ENTITY_RETIRED, ...").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
        Field<StringGraphType>("item").Description("The input item at fault, such as entities[2].key.").Resolve(c => c.Source.Item);
    }
}

internal abstract class WritePayloadType : ObjectGraphType<WritePayload>
{
    protected WritePayloadType(string name)
    {
        Name = name;
        Field<IntGraphType>("entitiesCreated").Resolve(c => c.Source.Counts?.EntitiesCreated);
        Field<IntGraphType>("entitiesUpdated").Resolve(c => c.Source.Counts?.EntitiesUpdated);
        Field<IntGraphType>("entitiesUnchanged").Resolve(c => c.Source.Counts?.EntitiesUnchanged);
        Field<IntGraphType>("edgesCreated").Resolve(c => c.Source.Counts?.EdgesCreated);
        Field<IntGraphType>("edgesUnchanged").Resolve(c => c.Source.Counts?.EdgesUnchanged);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

internal sealed class RecordEntitiesPayloadType : WritePayloadType
{
    public RecordEntitiesPayloadType()
        : base("RecordEntitiesPayload")
    {
        Field<ListGraphType<NonNullGraphType<EntityInterface>>>("entities")
            .Description("The entities as stored after the write, one for each input entity and in input order (an entity given twice is here twice); null when it failed.")
            .ResolveAsync(async c =>
            {
                if (c.Source.Errors.Count > 0)
                {
                    return null;
                }

                var found = await c.Store().GetManyAsync(c.Source.Keys, null, c.CancellationToken).ConfigureAwait(false);
                return c.Source.Keys.Where(found.ContainsKey).Select(k => found[k]).ToList();
            });
    }
}

internal sealed class RecordRunPayloadType : WritePayloadType
{
    public RecordRunPayloadType()
        : base("RecordRunPayload")
    {
        Field<EntityInterface>("run").Resolve(c => c.Source.Errors.Count > 0 ? null : c.Loader().Load(c.Source.Keys[0]));
        Field<EntityInterface>("job").Resolve(c => c.Source.Errors.Count > 0 ? null : c.Loader().Load(c.Source.Keys[1]));
    }
}

internal sealed class LinkPayloadType : WritePayloadType
{
    public LinkPayloadType()
        : base("LinkPayload")
    {
    }
}

internal sealed class RetirePayloadType : ObjectGraphType<RetirePayload>
{
    public RetirePayloadType()
    {
        Name = "RetirePayload";
        Field<IntGraphType>("entitiesRetired").Resolve(c => c.Source.Counts?.EntitiesRetired);
        Field<IntGraphType>("edgesRetired").Description("Including the edges of retired entities.").Resolve(c => c.Source.Counts?.EdgesRetired);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

internal sealed class PurgePayloadType : ObjectGraphType<PurgePayload>
{
    public PurgePayloadType()
    {
        Name = "PurgePayload";
        Field<IntGraphType>("entitiesPurged").Resolve(c => c.Source.Counts?.EntitiesPurged);
        Field<IntGraphType>("edgesPurged").Description("Including the edges of purged entities, every version counted.").Resolve(c => c.Source.Counts?.EdgesPurged);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
