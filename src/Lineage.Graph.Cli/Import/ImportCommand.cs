using System.Text.Json;
using Lineage.Graph.Cli.Sources;
using Lineage.Graph.Core;
using Lineage.Graph.Core.OpenLineage;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// Writes each item of a file as one atomic batch: an OpenLineage event through Core's mapper, or
/// one of our batches as it is. Writes are idempotent, so running an interrupted import again
/// resumes it: what is stored already comes back unchanged.
/// </summary>
internal static class ImportCommand
{
    public static async Task<ImportSummary> RunAsync(
        ILineageSource source, string file, ImportFile items, ImportProgress progress, CancellationToken cancellationToken)
    {
        var summary = new ImportSummary { File = file, Items = items.Count };
        var done = 0;
        await foreach (var item in items.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (item.ReadError is not null)
                {
                    throw new InvalidInputException(item.ReadError);
                }

                var result = await source.WriteAsync(ToBatch(item.Json), cancellationToken).ConfigureAwait(false);
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
                summary.Failures.Add(new ImportFailure(item.Position, ex.Code, ex.Message));
                progress.Note($"lineage: {item.Position}: {ex.Code}: {ex.Message}");
            }

            progress.Report(++done);
        }

        return summary;
    }

    private static WriteBatch ToBatch(JsonElement item) =>
        item.ValueKind != JsonValueKind.Object ? throw new InvalidInputException("An item must be a JSON object: an OpenLineage event or a batch.")
        : BatchJson.IsBatch(item) ? BatchJson.Read(item)
        : OpenLineageMapper.ToBatch(item);
}
