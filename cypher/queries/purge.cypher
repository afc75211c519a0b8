// Deletes every version of the named edges, then the entities with every edge they have, in one
// transaction, and counts what went. Collecting first counts an edge between two purged entities once.
// First it locks, in key order as write-batch and retire lock (by sortKey, which has the keys' code point
// order however Neo4j compares strings; two orders would let two statements deadlock), the entities, both
// ends of the named edges, and the far ends of the entities' edges, whose deletion Neo4j locks them for:
// taken in another order than a retire's or a write's, that could deadlock. A write adding an edge to a
// named entity holds its lock until it commits, so the edges read below are every edge it has. Read before
// the lock, an edge committed in between was never deleted, and deleting its node failed the whole purge.
CALL () {
  UNWIND $entities AS key
  MATCH (n:Entity {key: key})
  OPTIONAL MATCH (n)--(far:Entity)
  RETURN collect(DISTINCT n) + collect(DISTINCT far) AS near
}
CALL () {
  UNWIND $edges AS row
  UNWIND [row.from, row.to] AS key
  MATCH (n:Entity {key: key})
  RETURN collect(n) AS ends
}
CALL (near, ends) {
  UNWIND near + ends AS n
  WITH DISTINCT n
  ORDER BY coalesce(n.sortKey, n.key)
  SET n.writeLock = true
  REMOVE n.writeLock
  RETURN count(*) AS locked
}
// Importing `locked` makes the reads below wait for every lock, as in write-batch.
CALL (locked) {
  UNWIND $edges AS row
  MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to})
  WHERE type(r) = row.relation
  // An edge named twice matches twice: delete it, and count it, once.
  WITH DISTINCT r
  DELETE r
  RETURN count(r) AS namedEdges
}
CALL (locked) {
  UNWIND $entities AS key
  MATCH (n:Entity {key: key})
  OPTIONAL MATCH (n)-[r]-()
  WITH collect(DISTINCT n) AS nodes, collect(DISTINCT r) AS rels
  FOREACH (r IN rels | DELETE r)
  FOREACH (n IN nodes | DELETE n)
  RETURN size(nodes) AS entities, size(rels) AS entityEdges
}
RETURN entities, namedEdges + entityEdges AS edges
