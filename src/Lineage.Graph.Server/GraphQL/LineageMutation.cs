using GraphQL;
using GraphQL.Types;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Writes. Each mutation is one atomic, idempotent store call; a rejected one stores nothing
/// and answers its reason in <c>errors</c>, while a store that cannot answer, or takes no writes, is a
/// top-level <c>STORE_UNAVAILABLE</c> or <c>READ_ONLY</c> error.
/// </summary>
internal sealed class LineageMutation : ObjectGraphType
{
    // The bound is the document's, checked before validation; a batch given as a variable is JSON and not counted.
    private static readonly string LargeBatchAdvice =
        $"A batch holds at most {WriteBatch.MaxItems.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} entities and edges together (LIMIT_EXCEEDED: split it). "
        + $"Give a large batch as a variable: a document writes at most {DocumentShape.MaxValues.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} values (object fields and list items) itself.";

    public LineageMutation()
    {
        Name = "Mutation";

        Field<NonNullGraphType<RecordEntitiesPayloadType>>("recordEntities")
            .Description("Upserts entities and writes edges in one atomic batch. Needs the writer role. " + LargeBatchAdvice)
            .Argument<NonNullGraphType<RecordEntitiesInputType>>("input")
            .ResolveAsync(async c => await WriteAsync(c, () =>
            {
                var batch = MutationInputs.RecordEntities(Input(c));
                return (batch, batch.Entities.Select(e => e.Key).ToList(), null);
            }).ConfigureAwait(false));

        Field<NonNullGraphType<RecordRunPayloadType>>("recordRun")
            .Description("Records a run with its job, inputs, outputs, code version, hyperparameters and parent run in one atomic batch. Needs the writer role.")
            .Argument<NonNullGraphType<RecordRunInputType>>("input")
            .ResolveAsync(async c => await WriteAsync(c, () =>
            {
                var run = MutationInputs.RecordRun(Input(c));
                return (run.ToBatch(), [run.RunKey, run.JobKey], run.DescribeItem);
            }).ConfigureAwait(false));

        Field<NonNullGraphType<LinkPayloadType>>("link")
            .Description("Writes edges between stored entities in one atomic batch. Needs the writer role. " + LargeBatchAdvice)
            .Argument<NonNullGraphType<LinkInputType>>("input")
            .ResolveAsync(async c => await WriteAsync(c, () => (MutationInputs.Link(Input(c)), [], null)).ConfigureAwait(false));

        Field<NonNullGraphType<RetirePayloadType>>("retire")
            .Description("Retires entities (with their edges) and edges; they stay visible to asOf. Needs the admin role.")
            .Argument<NonNullGraphType<RetireInputType>>("input")
            .ResolveAsync(async c =>
            {
                try
                {
                    var request = MutationInputs.Retire(Input(c));
                    var result = await c.Store().RetireAsync(request, c.CancellationToken).ConfigureAwait(false);
                    SavedWrites.Record(c);
                    return new RetirePayload(result, []);
                }
                catch (LineageException ex) when (!ex.IsStoreRefusal)
                {
                    return new RetirePayload(null, [UserError.From(ex, KeysItem)]);
                }
            });

        Field<NonNullGraphType<PurgePayloadType>>("purge")
            .Description("Deletes entities (with all their edges) and every version of edges, physically: nothing is left for asOf. " +
                "Purging what is not there changes nothing. Needs the admin role.")
            .Argument<NonNullGraphType<PurgeInputType>>("input")
            .ResolveAsync(async c =>
            {
                try
                {
                    var request = MutationInputs.Purge(Input(c));
                    var result = await c.Store().PurgeAsync(request, c.CancellationToken).ConfigureAwait(false);
                    SavedWrites.Record(c);
                    return new PurgePayload(result, []);
                }
                catch (LineageException ex) when (!ex.IsStoreRefusal)
                {
                    return new PurgePayload(null, [UserError.From(ex, KeysItem)]);
                }
            });
    }

    /// <summary>
    /// A retire or purge error's item as the input names it: the store port calls the entities of a
    /// request <c>entities[i]</c>, and the input gives them as <c>keys</c>.
    /// </summary>
    private static string? KeysItem(string item) =>
        item.StartsWith("entities[", StringComparison.Ordinal) ? "keys" + item["entities".Length..] : item;

    private static IDictionary<string, object?> Input(IResolveFieldContext context) =>
        context.GetArgument<Dictionary<string, object?>>("input");

    // build reads the input into a batch, the keys to answer and, when the batch's items are not
    // the input's own (a run's), how to name an item as the caller wrote it.
    private static async Task<WritePayload> WriteAsync(
        IResolveFieldContext context, Func<(WriteBatch Batch, List<EntityKey> Keys, Func<string, string?>? DescribeItem)> build)
    {
        WriteBatch batch;
        List<EntityKey> keys;
        Func<string, string?>? describeItem;
        try
        {
            (batch, keys, describeItem) = build();
        }
        catch (LineageException ex) when (!ex.IsStoreRefusal)
        {
            return new WritePayload(null, [], [UserError.From(ex)]);
        }

        try
        {
            var result = await context.Store().WriteAsync(batch, context.CancellationToken).ConfigureAwait(false);
            SavedWrites.Record(context);
            return new WritePayload(result, keys, []);
        }
        catch (LineageException ex) when (!ex.IsStoreRefusal)
        {
            return new WritePayload(null, [], [describeItem is null ? UserError.From(ex) : UserError.From(ex, describeItem)]);
        }
    }
}
