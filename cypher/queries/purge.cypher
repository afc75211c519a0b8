// Deletes every version of the named edges, then the entities with every edge they have, in one
// transaction, and counts what went. Collecting first counts an edge between two purged entities once.
CALL () {
  UNWIND $edges AS row
  MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to})
  WHERE type(r) = row.relation
  // An edge named twice matches twice: delete it, and count it, once.
  WITH DISTINCT r
  DELETE r
  RETURN count(r) AS namedEdges
}
CALL () {
  UNWIND $entities AS key
  MATCH (n:Entity {key: key})
  OPTIONAL MATCH (n)-[r]-()
  WITH collect(DISTINCT n) AS nodes, collect(DISTINCT r) AS rels
  FOREACH (r IN rels | DELETE r)
  FOREACH (n IN nodes | DELETE n)
  RETURN size(nodes) AS entities, size(rels) AS entityEdges
}
RETURN entities, namedEdges + entityEdges AS edges
