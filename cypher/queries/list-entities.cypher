// A page of current entities in key order (or, for count, how many match), with every filter optional.
MATCH (n:Entity)
WHERE n.retiredAt IS NULL
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($namespace IS NULL OR n.namespace = $namespace)
  AND ($name IS NULL OR n.name = $name)
  AND ($prefix IS NULL OR n.name STARTS WITH $prefix)
  AND ($tag IS NULL OR $tag IN n.tags)
  AND ($text IS NULL OR toLower(n.namespace) CONTAINS $text OR toLower(n.name) CONTAINS $text
       OR toLower(coalesce(n.description, '')) CONTAINS $text)
  AND ($after IS NULL OR n.key > $after)
RETURN n.key AS key, n.kind AS kind, n.namespace AS namespace, n.name AS name, n.version AS version,
       n.description AS description, n.tags AS tags, n.owners AS owners, n.properties AS properties,
       n.fields AS fields, n.recordedAt AS recordedAt, n.updatedAt AS updatedAt, n.retiredAt AS retiredAt
ORDER BY n.key
LIMIT $take
