// The edges into each of $keys (their `to`) that are not current at $at though a version of them was
// retired by then, each once with its latest retirement by then: the lineage that retirement took out
// of an upstream walk through those keys. A retired edge keeps its relationship (retiredAt set, its
// `current` marker removed) and writing it again creates another, current one, so an edge is current
// at $at when any of its relationships is; one retired by then was recorded by then too. The store
// writes the relation names (a closed set) over {{relations}}, so that Neo4j expands only those. The
// first $take in (from, to, relation) order by code point are sent (a key's sortKey where it has one,
// as walks and listings order keys).
UNWIND $keys AS k
MATCH (b:Entity {key: k})<-[r:{{relations}}]-(a:Entity)
WHERE r.retiredAt IS NOT NULL AND r.retiredAt <= $at
WITH a, b, type(r) AS relation, max(r.retiredAt) AS retiredAt
WHERE NOT EXISTS {
  MATCH (b)<-[c]-(a)
  WHERE type(c) = relation AND c.recordedAt <= $at AND (c.retiredAt IS NULL OR c.retiredAt > $at)
}
RETURN a.key AS from, b.key AS to, relation, retiredAt
ORDER BY coalesce(a.sortKey, a.key), coalesce(b.sortKey, b.key), relation
LIMIT $take
