// A page of current entities in key order and the count of all that match, in one statement: one
// request and one transaction. Neo4j reads what is committed as it scans, so a write committed between
// the count's scan and the page's can still show in one alone, but only within this one statement.
// Every filter is optional; both subqueries hold the same ones. The page's
// subquery is OPTIONAL so that a page past the last match still answers its one row, with the count
// and no node. The store writes a label over {{label}}: Entity, or the kind asked for, whose label
// write-batch gives every node of that kind, so that Neo4j scans that kind's nodes alone rather than
// every entity to test each one's kind (a label cannot be a parameter).
CALL () {
  MATCH (n:{{label}})
  WHERE n.retiredAt IS NULL
    AND ($namespace IS NULL OR n.namespace = $namespace)
    AND ($name IS NULL OR n.name = $name)
    AND ($prefix IS NULL OR n.name STARTS WITH $prefix)
    AND ($tag IS NULL OR $tag IN n.tags)
    // Text is compared with the lower-cased copies the store writes ($text is lowered the same way, in
    // .NET, as the embedded store lowers both): Neo4j's toLower follows Java's rules, which differ for
    // some letters (a final sigma, a dotted capital I). Nodes written before the copies existed have
    // none, and fall back to toLower until their next write.
    AND ($text IS NULL OR coalesce(n.lowerNamespace, toLower(n.namespace)) CONTAINS $text
         OR coalesce(n.lowerName, toLower(n.name)) CONTAINS $text
         OR coalesce(n.lowerDescription, toLower(coalesce(n.description, ''))) CONTAINS $text)
  RETURN count(n) AS total
}
OPTIONAL CALL () {
  MATCH (n:{{label}})
  WHERE n.retiredAt IS NULL
    AND ($namespace IS NULL OR n.namespace = $namespace)
    AND ($name IS NULL OR n.name = $name)
    AND ($prefix IS NULL OR n.name STARTS WITH $prefix)
    AND ($tag IS NULL OR $tag IN n.tags)
    AND ($text IS NULL OR coalesce(n.lowerNamespace, toLower(n.namespace)) CONTAINS $text
         OR coalesce(n.lowerName, toLower(n.name)) CONTAINS $text
         OR coalesce(n.lowerDescription, toLower(coalesce(n.description, ''))) CONTAINS $text)
    // A key holding characters from U+D7FF up sorts by its sortKey, which the store writes so that this
    // comparison with a parameter (UTF-16) and the ORDER BY (stored UTF-8) agree on code point order.
    AND ($after IS NULL OR coalesce(n.sortKey, n.key) > $after)
  RETURN n
  ORDER BY coalesce(n.sortKey, n.key)
  LIMIT $take
}
// `matched` tells a node the page matched from the one row past the last match; a node a purge deleted as
// this read it is matched, with every property null, so that the page still says whether more follow.
RETURN total, n IS NOT NULL AS matched, n.key AS key, n.kind AS kind, n.namespace AS namespace, n.name AS name, n.version AS version,
       n.description AS description, n.tags AS tags, n.owners AS owners, n.properties AS properties,
       n.fields AS fields, n.recordedAt AS recordedAt, n.updatedAt AS updatedAt, n.retiredAt AS retiredAt
ORDER BY coalesce(n.sortKey, n.key)
