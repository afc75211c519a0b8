namespace Lineage.Graph.Sqlite;

/// <summary>The tables of the embedded store, created idempotently at open.</summary>
internal static class Schema
{
    /// <summary>Bumped when the tables change in a way an older file must be migrated for.</summary>
    public const int Version = 1;

    // Times are UTC ticks. Every committed change stamps its rows with the next value of
    // meta.seq, which is how an index catches up with commits made by another connection.
    // Purged rows are gone, so their ids go to `purged` with the purge's sequence, for other
    // connections' indexes to drop them too; AUTOINCREMENT keeps a purged id from being reused.
    // Edges have no index but their sequence's: the in-memory index finds an entity's edges and
    // keeps one current edge per (from, to, relation) (retired versions stay for asOf queries).
    // Indexes on the edges' ends took an insert at a random place per edge, most of an ingest's
    // disk writes on a large graph; files written before keep them until the store drops them at open.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT OR IGNORE INTO meta(name, value) VALUES ('seq', 0), ('schema', 1);
        CREATE TABLE IF NOT EXISTS entities(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            kind INTEGER NOT NULL,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            version TEXT,
            description TEXT,
            tags TEXT NOT NULL,
            owners TEXT NOT NULL,
            properties TEXT NOT NULL,
            fields TEXT,
            recorded_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            retired_at INTEGER,
            seq INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS entities_seq ON entities(seq);
        CREATE INDEX IF NOT EXISTS entities_kind ON entities(kind);
        CREATE TABLE IF NOT EXISTS edges(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            from_id INTEGER NOT NULL REFERENCES entities(id),
            to_id INTEGER NOT NULL REFERENCES entities(id),
            relation INTEGER NOT NULL,
            role TEXT,
            properties TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            retired_at INTEGER,
            seq INTEGER NOT NULL);
        DROP INDEX IF EXISTS edges_current;
        DROP INDEX IF EXISTS edges_to;
        CREATE INDEX IF NOT EXISTS edges_seq ON edges(seq);
        CREATE TABLE IF NOT EXISTS purged(seq INTEGER NOT NULL, entity_id INTEGER, edge_id INTEGER, from_id INTEGER, to_id INTEGER);
        CREATE INDEX IF NOT EXISTS purged_seq ON purged(seq);
        """;

    public const string EntityColumns =
        "id, kind, namespace, name, version, description, tags, owners, properties, fields, recorded_at, updated_at, retired_at, key";

    /// <summary>The columns of an edge row the index keeps (properties only as whether there are any), as <see cref="Rows.ReadEdge"/> reads them.</summary>
    public const string EdgeColumns = "id, from_id, to_id, relation, recorded_at, retired_at, role, properties <> '{}'";

    /// <summary>The condition that an entity or edge row existed at the instant <c>@at</c>.</summary>
    public const string AliveAt = "recorded_at <= @at AND (retired_at IS NULL OR retired_at > @at)";
}
