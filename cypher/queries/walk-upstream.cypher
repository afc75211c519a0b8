// Every entity within {{maxDepth}} hops upstream of each of $starts (keys; those not alive at $at reach
// nothing), with the start it was reached from and its shortest hop distance from that start.
// ANY SHORTEST runs a breadth-first search and yields one shortest path per reached node, so
// each node comes once per start with its depth. The time filters hold on every hop. Neither the depth
// bound nor the relationship types can be parameters: the store writes the validated integer over
// {{maxDepth}} and the relation names (a closed set) over {{relations}}, so that Neo4j expands only
// relationships of those types instead of reading every relationship of a node to test its type.
UNWIND $starts AS start
MATCH (s:Entity {key: start})
WHERE s.recordedAt <= $at AND (s.retiredAt IS NULL OR s.retiredAt > $at)
MATCH p = ANY SHORTEST (s)(()<-[r:{{relations}} WHERE r.recordedAt <= $at AND (r.retiredAt IS NULL OR r.retiredAt > $at)]-(x WHERE x.recordedAt <= $at AND (x.retiredAt IS NULL OR x.retiredAt > $at))){1,{{maxDepth}}}(n)
WHERE n <> s
RETURN start, n.key AS key, n.kind AS kind, length(p) AS depth
