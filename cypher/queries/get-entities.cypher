// The entities with these keys: those alive at $at, or every one of them when $includeRetired;
// with each its revision, which a write checks is unchanged before it writes (write-batch).
UNWIND $keys AS key
MATCH (n:Entity {key: key})
WHERE $includeRetired OR (n.recordedAt <= $at AND (n.retiredAt IS NULL OR n.retiredAt > $at))
RETURN n.key AS key, n.kind AS kind, n.namespace AS namespace, n.name AS name, n.version AS version,
       n.description AS description, n.tags AS tags, n.owners AS owners, n.properties AS properties,
       n.fields AS fields, n.recordedAt AS recordedAt, n.updatedAt AS updatedAt, n.retiredAt AS retiredAt,
       coalesce(n.revision, 0) AS revision
