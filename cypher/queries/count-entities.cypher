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
RETURN count(n) AS total
