// Checks, then retires, in one statement: the first of $entities and the first of $edges that never
// existed (their positions in the request; null when every one did), and only when none is missing (and
// $retire is true), retires the entities (with their current edges) and the edges, and counts what it
// retired. One statement and one transaction. A retired edge loses its `current` marker, so that writing
// it again creates it anew.
// Each step below aggregates, so it answers one row even when nothing is named or found.
// The named entities and both ends of the named edges are locked first, in key order as write-batch and
// purge lock them (by sortKey, which has the keys' code point order however Neo4j compares strings; two
// orders would let two statements deadlock), and what is missing, and whether an entity or edge is still
// current, is read only once they are held: of two retires of one item at once, the second then finds it
// retired and changes nothing, and a purge that commits while this waits counts as having come first.
// $retire is false when the caller refused an item after these: then the statement only checks, locking nothing.
CALL () {
  UNWIND CASE WHEN $retire THEN $entities + [row IN $edges | row.from] + [row IN $edges | row.to] ELSE [] END AS key
  MATCH (n:Entity {key: key})
  WITH DISTINCT n
  ORDER BY coalesce(n.sortKey, n.key)
  SET n.writeLock = true
  REMOVE n.writeLock
  RETURN count(*) AS lockedNodes
}
CALL (lockedNodes) {
  UNWIND range(0, size($entities) - 1) AS position
  OPTIONAL MATCH (n:Entity {key: $entities[position]})
  WITH position, n
  WHERE n IS NULL
  RETURN min(position) AS missingEntity
}
CALL (lockedNodes) {
  UNWIND range(0, size($edges) - 1) AS position
  WITH position, $edges[position] AS row
  OPTIONAL MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to})
  WHERE type(r) = row.relation
  WITH position, count(r) AS versions
  WHERE versions = 0
  RETURN min(position) AS missingEdge
}
WITH missingEntity, missingEdge, lockedNodes, missingEntity IS NULL AND missingEdge IS NULL AND $retire AS found
// The retirement's instant: $now, taken before the locks, or what a write that held them first recorded
// after it, whichever is later, so that nothing is retired before it was written or last updated (the
// embedded store takes its time once it holds the file's lock). Importing lockedNodes waits for the locks.
CALL (found, lockedNodes) {
  WITH found
  WHERE found
  UNWIND $entities AS key
  MATCH (n:Entity {key: key})
  WHERE n.retiredAt IS NULL
  OPTIONAL MATCH (n)-[r]-()
  WHERE r.current = true
  RETURN max(n.updatedAt) AS entitiesUpdated, max(r.recordedAt) AS entityEdgesRecorded
}
CALL (found, lockedNodes) {
  WITH found
  WHERE found
  UNWIND $edges AS row
  MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to})
  WHERE type(r) = row.relation AND r.current = true
  RETURN max(r.recordedAt) AS edgesRecorded
}
WITH missingEntity, missingEdge, found,
     reduce(at = $now, t IN [entitiesUpdated, entityEdgesRecorded, edgesRecorded] | CASE WHEN t IS NOT NULL AND t > at THEN t ELSE at END) AS at
CALL (found, at) {
  WITH found, at
  WHERE found
  UNWIND $entities AS key
  MATCH (n:Entity {key: key})
  // An entity named twice is retired, and counted, once.
  WITH DISTINCT n, at
  WHERE n.retiredAt IS NULL
  SET n.retiredAt = at
  RETURN collect(n.key) AS retiredEntities
}
CALL (retiredEntities, at) {
  UNWIND retiredEntities AS key
  MATCH (:Entity {key: key})-[r]-()
  WITH DISTINCT r, at
  ORDER BY elementId(r)
  SET r.writeLock = true
  REMOVE r.writeLock
  WITH collect(r) AS locked, at
  UNWIND locked AS r
  WITH r, at
  WHERE r.current = true
  SET r.retiredAt = at
  REMOVE r.current
  RETURN count(r) AS entityEdges
}
// A retired edge's ends take a new revision: a write that read them before this committed then finds them
// changed (write-batch), reads again and writes the edge anew after this retirement, where it would have
// made a version recorded before it, and two versions current at once in between.
CALL (found, at) {
  WITH found, at
  WHERE found
  UNWIND $edges AS row
  MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to})
  WHERE type(r) = row.relation
  // An edge named twice matches twice: retire it, and count it, once.
  WITH DISTINCT r, at
  ORDER BY elementId(r)
  SET r.writeLock = true
  REMOVE r.writeLock
  WITH collect(r) AS locked, at
  UNWIND locked AS r
  WITH r, at
  WHERE r.current = true
  SET r.retiredAt = at
  REMOVE r.current
  WITH r, startNode(r) AS a, endNode(r) AS b
  SET a.revision = coalesce(a.revision, 0) + 1
  SET b.revision = coalesce(b.revision, 0) + 1
  RETURN count(r) AS namedEdges
}
RETURN missingEntity, missingEdge, size(retiredEntities) AS entities, entityEdges + namedEdges AS edges
