// The newest $newest current versions of each logical entity in $entities (maps of kind, namespace
// and name), as list-versions finds them: every version recorded no earlier than the $newest-th
// latest recordedAt of its entity, so that only those are read. Versions recorded in the same
// instant are ordered by key, which the store does (as Cypher may not order strings as it does),
// so all of that instant's come, and the store keeps the newest $newest.
UNWIND $entities AS entity
CALL (entity) {
  MATCH (n:Entity)
  WHERE n.kind = entity.kind AND n.namespace = entity.namespace AND n.name = entity.name AND n.retiredAt IS NULL
  WITH n.recordedAt AS recorded
  ORDER BY recorded DESC
  WITH collect(recorded) AS times
  RETURN CASE WHEN size(times) <= $newest THEN NULL ELSE times[$newest - 1] END AS earliest
}
MATCH (n:Entity)
WHERE n.kind = entity.kind AND n.namespace = entity.namespace AND n.name = entity.name AND n.retiredAt IS NULL
  AND (earliest IS NULL OR n.recordedAt >= earliest)
RETURN n.key AS key, n.kind AS kind, n.namespace AS namespace, n.name AS name, n.version AS version,
       n.description AS description, n.tags AS tags, n.owners AS owners, n.properties AS properties,
       n.fields AS fields, n.recordedAt AS recordedAt, n.updatedAt AS updatedAt, n.retiredAt AS retiredAt
