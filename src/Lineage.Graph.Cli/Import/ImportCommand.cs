using System.Text.Json;
using Lineage.Graph.Cli.Sources;
using Lineage.Graph.Core;
using Lineage.Graph.Core.OpenLineage;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// Writes each item of a file as one atomic batch: an OpenLineage event through Core's mapper, or
/// one of our batches as it is. Writes are idempotent, so running an interrupted import again
/// resumes it: what is stored already comes back unchanged. An interruption (the token) stops the
/// import between items: the item being written is finished, so that the summary says exactly
/// which items went in, and a second Ctrl-C is there for a user who cannot wait for it.
/// </summary>
internal static class ImportCommand
{
    public static async Task<ImportSummary> RunAsync(
        ILineageSource source, string file, ImportFile items, ImportProgress progress, bool verbose, CancellationToken cancellationToken)
    {
        var summary = new ImportSummary { File = file, Items = items.Count };
        var done = 0;

        // Said at once, since the item being written may take a while yet (a server under load, a locked file).
        using var interrupted = cancellationToken.Register(
            () => progress.Note($"lineage: {CliErrorCodes.Interrupted}: stopping after the item being written (Ctrl-C again stops at once, without a summary)"));
        await foreach (var item in items.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                summary.Stopped = new ImportFailure(
                    item.Position, CliErrorCodes.Interrupted, "Interrupted (Ctrl-C or SIGTERM): the items before this one were written or failed, this one and those after it were not tried.");
                progress.Note($"lineage: {CliErrorCodes.Interrupted}: import stopped at {item.Position}");
                break;
            }

            if (item.Stop is { } stop)
            {
                // The file changed under the import, or cannot be read: the rest of it is not the file counted, so nothing more is read from it.
                summary.Stopped = new ImportFailure(item.Position, item.StopCode, stop);
                progress.Note($"lineage: {item.StopCode}: {Texts.OneLine(stop)} (import stopped at {item.Position})");
                break;
            }

            Func<string, string?>? describeItem = null;
            try
            {
                if (item.ReadError is not null)
                {
                    throw new InvalidInputException(item.ReadError);
                }

                (var batch, describeItem) = ToBatch(item.Json);
                var result = await source.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
                summary.EntitiesCreated += result.EntitiesCreated;
                summary.EntitiesUpdated += result.EntitiesUpdated;
                summary.EntitiesUnchanged += result.EntitiesUnchanged;
                summary.EdgesCreated += result.EdgesCreated;
                summary.EdgesUnchanged += result.EdgesUnchanged;
                if (result.EntitiesCreated + result.EntitiesUpdated + result.EdgesCreated > 0)
                {
                    summary.Changed++;
                }
                else
                {
                    summary.Unchanged++;
                }
            }
            catch (LineageException ex) when (ExitCodes.For(ex.Code) is ExitCodes.InvalidInput or ExitCodes.NotFound)
            {
                // The item is at fault, not the store or the server (which refuses what it cannot read): report it and go on with the rest.
                // An event's batch item (entities[3]) is named as the member of the event it came from (inputs[1]).
                var message = describeItem is null ? ex.Message : ex.DescribedAs(describeItem).Message;
                summary.Failures.Add(new ImportFailure(item.Position, ex.Code, message));
                progress.Note($"lineage: {item.Position}: {ex.Code}: {Texts.OneLine(message)}");
            }
            catch (LineageException ex) when (ex is not CliException { Code: CliErrorCodes.Usage })
            {
                // The store or the server failed (unavailable, a refused key): the rest would fail alike, so the import
                // stops here, and says how far it got, since what went in before stays in. Asked to stop while the
                // item waited (another process's lock held past LockTimeoutSeconds), it stops as interrupted, 130.
                summary.Stopped = cancellationToken.IsCancellationRequested
                    ? new ImportFailure(item.Position, CliErrorCodes.Interrupted, $"Interrupted (Ctrl-C or SIGTERM) while this item was being written, which then failed ({ex.Code}: {ex.Message}); the items after it were not tried (a server may have stored this one before it failed: run the import again, stored items come back unchanged).")
                    : new ImportFailure(item.Position, ex.Code, ex.Message);
                progress.Note($"lineage: {ex.Code}: {Texts.OneLine(ex.Message)} (import stopped at {item.Position})");
                if (verbose && ex.InnerException is not null)
                {
                    // As any other command's failure says with --verbose: why a server could not be reached, say.
                    progress.Note(ex.InnerException.ToString());
                }

                break;
            }

            progress.Report(++done, summary.Failures.Count);
        }

        return summary;
    }

    /// <summary>The batch an item writes, and for an OpenLineage event how to name its batch items as the event's members.</summary>
    private static (WriteBatch Batch, Func<string, string?>? DescribeItem) ToBatch(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException("An item must be a JSON object: an OpenLineage event or a batch.");
        }

        if (BatchJson.IsBatch(item))
        {
            return (BatchJson.Read(item), null);
        }

        var mapped = OpenLineageMapper.Map(item);
        return (mapped.Batch, mapped.DescribeItem);
    }
}
