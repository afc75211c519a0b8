// Checks, then retires, in one statement: the first of $entities and the first of $edges that never
// existed (their positions in the request; null when every one did), and only when none is missing (and
// $retire is true), retires the entities (with their current edges) and the edges, and counts what it
// retired. One statement and one transaction; Neo4j reads at read-committed isolation, so a purge
// committing between the check and the change can still remove an item, which then only lowers the counts.
// A retired edge loses its `current` marker, so that writing it again creates it anew.
CALL () {
  UNWIND range(0, size($entities) - 1) AS position
  OPTIONAL MATCH (n:Entity {key: $entities[position]})
  WITH position, n
  WHERE n IS NULL
  RETURN min(position) AS missingEntity
}
CALL () {
  UNWIND range(0, size($edges) - 1) AS position
  WITH position, $edges[position] AS row
  OPTIONAL MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to})
  WHERE type(r) = row.relation
  WITH position, count(r) AS versions
  WHERE versions = 0
  RETURN min(position) AS missingEdge
}
// $retire is false when the caller refused an item after these: then the statement only checks.
WITH missingEntity, missingEdge, missingEntity IS NULL AND missingEdge IS NULL AND $retire AS found
// Each step below aggregates, so it answers one row even when `found` lets nothing through.
// Whether an entity or edge is still current is read only once it is locked (in key order, as
// write-batch locks): of two retires of one item at once, the second then finds it retired and
// changes nothing. Read before the lock, both saw it current, and the second moved its retiredAt past
// the time its edges had been retired at.
CALL (found) {
  WITH found
  WHERE found
  UNWIND $entities AS key
  MATCH (n:Entity {key: key})
  // An entity named twice is retired, and counted, once.
  WITH DISTINCT n
  ORDER BY n.key
  SET n.writeLock = true
  REMOVE n.writeLock
  WITH collect(n) AS locked
  UNWIND locked AS n
  WITH n
  WHERE n.retiredAt IS NULL
  SET n.retiredAt = $now
  RETURN collect(n.key) AS retiredEntities
}
CALL (retiredEntities) {
  UNWIND retiredEntities AS key
  MATCH (:Entity {key: key})-[r]-()
  WITH DISTINCT r
  SET r.writeLock = true
  REMOVE r.writeLock
  WITH collect(r) AS locked
  UNWIND locked AS r
  WITH r
  WHERE r.current = true
  SET r.retiredAt = $now
  REMOVE r.current
  RETURN count(r) AS entityEdges
}
CALL (found) {
  WITH found
  WHERE found
  UNWIND $edges AS row
  MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to})
  WHERE type(r) = row.relation
  // An edge named twice matches twice: retire it, and count it, once.
  WITH DISTINCT r
  SET r.writeLock = true
  REMOVE r.writeLock
  WITH collect(r) AS locked
  UNWIND locked AS r
  WITH r
  WHERE r.current = true
  SET r.retiredAt = $now
  REMOVE r.current
  RETURN count(r) AS namedEdges
}
RETURN missingEntity, missingEdge, size(retiredEntities) AS entities, entityEdges + namedEdges AS edges
