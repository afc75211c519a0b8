// Every entity within {{maxDepth}} hops downstream of each of $starts (keys; those not alive at $at reach
// nothing), with the start it was reached from and its shortest hop distance from that start.
// ANY SHORTEST runs a breadth-first search and yields one shortest path per reached node, so
// each node comes once per start with its depth. The relation and time filters hold on every hop. The
// depth bound cannot be a parameter: the store writes the validated integer over {{maxDepth}}.
UNWIND $starts AS start
MATCH (s:Entity {key: start})
WHERE s.recordedAt <= $at AND (s.retiredAt IS NULL OR s.retiredAt > $at)
MATCH p = ANY SHORTEST (s)(()-[r WHERE type(r) IN $relations AND r.recordedAt <= $at AND (r.retiredAt IS NULL OR r.retiredAt > $at)]->(x WHERE x.recordedAt <= $at AND (x.retiredAt IS NULL OR x.retiredAt > $at))){1,{{maxDepth}}}(n)
WHERE n <> s
RETURN start, n.key AS key, n.kind AS kind, length(p) AS depth
