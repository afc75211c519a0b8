// Retires entities (with their current edges) and edges in one transaction, and counts what it retired.
// A retired edge loses its `current` marker, so that writing it again creates it anew.
CALL () {
  UNWIND $entities AS key
  MATCH (n:Entity {key: key})
  WHERE n.retiredAt IS NULL
  SET n.retiredAt = $now
  RETURN collect(n.key) AS retiredEntities
}
CALL (retiredEntities) {
  UNWIND retiredEntities AS key
  MATCH (:Entity {key: key})-[r {current: true}]-()
  WITH DISTINCT r
  SET r.retiredAt = $now
  REMOVE r.current
  RETURN count(r) AS entityEdges
}
CALL () {
  UNWIND $edges AS row
  MATCH (:Entity {key: row.from})-[r {current: true}]->(:Entity {key: row.to})
  WHERE type(r) = row.relation
  // An edge named twice matches twice: retire it, and count it, once.
  WITH DISTINCT r
  SET r.retiredAt = $now
  REMOVE r.current
  RETURN count(r) AS namedEdges
}
RETURN size(retiredEntities) AS entities, entityEdges + namedEdges AS edges
