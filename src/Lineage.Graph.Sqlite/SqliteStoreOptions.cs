using System.ComponentModel.DataAnnotations;

namespace Lineage.Graph.Sqlite;

/// <summary>Settings of the embedded store (configuration section <c>Lineage:Sqlite</c>).</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section these settings are bound from, which names them in errors.</summary>
    public const string Section = "Lineage:Sqlite";

    /// <summary>The database file; its folder is created when missing.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "is required: the embedded database file, such as data/lineage.db.")]
    public string Path { get; set; } = "data/lineage.db";

    /// <summary>
    /// SQLite's <c>synchronous</c> setting. <c>FULL</c> (the default) syncs the log on every
    /// commit, so an acknowledged write survives a power cut as well as a killed process;
    /// <c>NORMAL</c> survives a killed process only.
    /// </summary>
    [AllowedValues("FULL", "NORMAL", ErrorMessage = "must be FULL or NORMAL.")]
    public string Synchronous { get; set; } = "FULL";

    /// <summary>
    /// How long a write waits for SQLite's write lock while another process (a CLI import) holds
    /// it, before it gives up with <c>STORE_UNAVAILABLE</c> having written nothing. Shorter than the
    /// GraphQL request timeout (30 s), so that a caller learns why, rather than a bare <c>TIMEOUT</c>.
    /// </summary>
    [Range(1, 600, ErrorMessage = "must be between {1} and {2} seconds.")]
    public int LockTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Opens the file for reading only: nothing is ever written to it, writes fail with
    /// <c>READ_ONLY</c>, and a file that is not ready (no schema, or an earlier one to
    /// migrate) is refused rather than changed. A file in a folder this process cannot write (a
    /// read-only mount, another user's folder) is read too: see <c>SqliteLineageStore.Open</c>.
    /// </summary>
    public bool ReadOnly { get; set; }

    /// <summary>
    /// How many decoded entities the store keeps in memory for the next reads (walks, listings,
    /// gets), and how many edges' properties; 0 keeps none. A copy is used only while its row is
    /// unchanged, so the setting trades memory for speed and never freshness.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "must be 0 or more.")]
    public int EntityCacheSize { get; set; } = DefaultEntityCacheSize;

    /// <summary>
    /// The most bytes the cached entities may hold together, counted as what a decoded copy holds (its
    /// strings, its properties' JSON documents, its typed fields as once read, and a few hundred bytes for
    /// the objects around them: within 0.7 to 1 times the heap measured on shapes from thousands of small
    /// properties to wide schemas; entities sharing what they hold, as the benchmark's do, are counted high),
    /// and as many for the cached edges' properties; a row larger than this is not cached. The count alone
    /// bounds nothing where entities are large: an entity may hold 16 MiB, and an OpenLineage run's facets
    /// (a Spark plan) hundreds of KB. The default holds the default count of the benchmark's entities
    /// (1.5 to 1.7 KB each as counted: 327 MiB for 200,000 at a million entities) with room to spare.
    /// </summary>
    [Range(0, 1L << 40, ErrorMessage = "must be between {1} and {2} bytes.")]
    public long EntityCacheBytes { get; set; } = 384L * 1024 * 1024;

    /// <summary>
    /// The default <see cref="EntityCacheSize"/>: about 150 MB on the benchmark's graph (153 MiB of heap
    /// for 200,000 entities at a million, some 800 B an entity). The benchmark's timed impact and provenance
    /// walks found 54 % and 68 % of their entities there at a million entities, 97 % and 96 % at 100,000,
    /// where it holds every entity they read (runs of 2026-11-29).
    /// </summary>
    public const int DefaultEntityCacheSize = 200_000;
}
