using System.Globalization;
using Lineage.Graph.Core;
using Lineage.Graph.Sqlite;
using Lineage.Graph.Sqlite.TestWriter;

// Usage: TestWriter <database> <first batch> <batch count, 0 for until killed>
// Writes batches of DurabilityBatch.Size entities chained by DERIVES edges, and prints
// "ACK <n>" once batch n has been committed, which is the acknowledgement the tests hold it to.
var path = args[0];
var first = int.Parse(args[1], CultureInfo.InvariantCulture);
var count = int.Parse(args[2], CultureInfo.InvariantCulture);

await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = path }, new TraversalLimits(), TimeProvider.System);
using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
await stdout.WriteLineAsync("READY");
for (var batch = first; count == 0 || batch < first + count; batch++)
{
    await store.WriteAsync(DurabilityBatch.Create(batch));
    await stdout.WriteLineAsync($"ACK {batch}");
}
