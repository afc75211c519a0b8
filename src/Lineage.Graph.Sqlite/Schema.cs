namespace Lineage.Graph.Sqlite;

/// <summary>The tables of the embedded store, created idempotently at open.</summary>
internal static class Schema
{
    /// <summary>Bumped when the tables change in a way an older file must be migrated for.</summary>
    /// <remarks>
    /// 2: the entity key is not a unique index any more (<see cref="MigrateFrom1"/>). A new file's
    /// meta row is written with this number by <see cref="Create"/>, which must name it as a literal.
    /// </remarks>
    public const int Version = 2;

    // Times are UTC ticks. Every committed change stamps its rows with the next value of
    // meta.seq, which is how an index catches up with commits made by another connection.
    // Purged rows are gone, so their ids go to `purged` with the purge's sequence, for other
    // connections' indexes to drop them too; AUTOINCREMENT keeps a purged id from being reused.
    // Edges have no index but their sequence's: the in-memory index finds an entity's edges and
    // keeps one current edge per (from, to, relation) (retired versions stay for asOf queries).
    // Indexes on the edges' ends took an insert at a random place per edge, most of an ingest's
    // disk writes on a large graph; files written before keep them until the store drops them at open.
    // For the same reason the entity key has no index: the in-memory index keeps every key with
    // its row id, and keeps keys unique, as exactly as it keeps edges unique.
    private const string AllEntityColumns =
        "id, key, kind, namespace, name, version, description, tags, owners, properties, fields, recorded_at, updated_at, retired_at, seq";

    private const string EntityTable = """
        (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
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
            seq INTEGER NOT NULL)
        """;

    // Text search looks in descriptions, which only the rows hold; the partial index keeps the
    // current rows that have one, with the columns the search reads, so that it scans those alone
    // rather than every row (at a million entities, 200 ms for the rows that had a description).
    // It costs an insert only for a row with a description. A search by tag, which only the rows
    // hold too, reads the current rows that have tags, by kind, through a partial index of its own.
    // An index of every row's kind, which that search used before, cost an insert in the middle of
    // the index for each new entity: dropping it made SQLite's own inserts of a million entities
    // with their edges take 7.2 s instead of 13.3 s.
    private const string EntityIndexes = """
        CREATE INDEX IF NOT EXISTS entities_seq ON entities(seq);
        CREATE INDEX IF NOT EXISTS entities_tagged ON entities(kind) WHERE tags <> '[]' AND retired_at IS NULL;
        CREATE INDEX IF NOT EXISTS entities_described ON entities(description, retired_at) WHERE description IS NOT NULL AND retired_at IS NULL;
        """;

    /// <summary>The tables and indexes <see cref="Create"/> makes (SQLite's own aside).</summary>
    public static readonly string[] Objects =
        ["meta", "entities", "edges", "purged", "entities_seq", "entities_tagged", "entities_described", "edges_seq", "purged_seq"];

    /// <summary>The indexes of earlier files that <see cref="Create"/> drops.</summary>
    public static readonly string[] Dropped = ["edges_current", "edges_to", "entities_kind"];

    public const string Create = $"""
        CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT OR IGNORE INTO meta(name, value) VALUES ('seq', 0), ('schema', 2);
        CREATE TABLE IF NOT EXISTS entities{EntityTable};
        DROP INDEX IF EXISTS entities_kind;
        {EntityIndexes}
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

    /// <summary>
    /// Rebuilds a version 1 file's entity table without its unique key index, which SQLite cannot
    /// drop from a table: copies the rows, ids included, into a new table that takes the old one's
    /// name, then moves its id counter past every id the old table ever gave, so that a purged
    /// id is still never given again. Run inside a write transaction.
    /// </summary>
    public const string MigrateFrom1 = $"""
        CREATE TABLE entities_v2{EntityTable};
        INSERT INTO entities_v2({AllEntityColumns}) SELECT {AllEntityColumns} FROM entities;
        CREATE TEMP TABLE given AS SELECT max(
            coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'entities'), 0), coalesce((SELECT max(id) FROM entities), 0)) AS seq;
        DROP TABLE entities;
        ALTER TABLE entities_v2 RENAME TO entities;
        DELETE FROM sqlite_sequence WHERE name = 'entities';
        INSERT INTO sqlite_sequence(name, seq) SELECT 'entities', seq FROM temp.given;
        DROP TABLE temp.given;
        {EntityIndexes}
        UPDATE meta SET value = 2 WHERE name = 'schema';
        """;

    /// <summary>An entity row as <see cref="Rows.ReadEntity"/> reads it, then its change sequence (column 14).</summary>
    public const string EntityColumns =
        "id, kind, namespace, name, version, description, tags, owners, properties, fields, recorded_at, updated_at, retired_at, key, seq";

    /// <summary>The SQL function, registered on every reader connection, that lower-cases text as <c>ToLowerInvariant</c> does.</summary>
    public const string LowerFunction = "lineage_lower";

    /// <summary>Entity rows by id, from a JSON array of ids (<c>@ids</c>); <see cref="SqliteLineageStore"/>'s <c>EntitiesById</c> runs it.</summary>
    public const string EntitiesById = $"SELECT {EntityColumns} FROM entities WHERE id IN (SELECT value FROM json_each(@ids))";

    /// <summary>The columns of an edge row the index keeps (properties only as whether there are any), as <see cref="Rows.ReadEdge"/> reads them.</summary>
    public const string EdgeColumns = "id, from_id, to_id, relation, recorded_at, retired_at, role, properties <> '{}'";
}
