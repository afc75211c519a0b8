// Every entity within {{maxDepth}} hops upstream of each of $starts (keys; those not alive at $at reach
// nothing): per start, how many entities it reached, and the first $take of those whose kind is one of
// $kinds (every kind when null), in the walk's order, each with its shortest hop distance from that
// start. ANY SHORTEST runs a breadth-first search and yields one shortest path per reached node, so
// each node comes once per start with its depth. The time filters hold on every hop. Neither the depth
// bound nor the relationship types can be parameters: the store writes the validated integer over
// {{maxDepth}} and the relation names (a closed set) over {{relations}}, so that Neo4j expands only
// relationships of those types instead of reading every relationship of a node to test its type.
// The filter, order and cut are made here, so that a walk from a hub sends $take nodes, not its whole
// closure (which is sorted and collected in this statement's memory instead). The order is (depth,
// key) by code point: a key holding characters from U+D7FF up sorts by its sortKey, as listings do
// (both are stored strings here, compared alike). The rows are sorted before they are collected, and
// collect keeps the order it is given. A subquery that aggregates answers one row even when it
// reached nothing.
UNWIND $starts AS start
MATCH (s:Entity {key: start})
WHERE s.recordedAt <= $at AND (s.retiredAt IS NULL OR s.retiredAt > $at)
CALL (s) {
  MATCH p = ANY SHORTEST (s)(()<-[r:{{relations}} WHERE r.recordedAt <= $at AND (r.retiredAt IS NULL OR r.retiredAt > $at)]-(x WHERE x.recordedAt <= $at AND (x.retiredAt IS NULL OR x.retiredAt > $at))){1,{{maxDepth}}}(n)
  WHERE n <> s
  WITH n, length(p) AS depth
  ORDER BY depth, coalesce(n.sortKey, n.key)
  WITH count(*) AS reached,
       collect(CASE WHEN $kinds IS NULL OR n.kind IN $kinds THEN {key: n.key, depth: depth} END) AS answer
  RETURN reached, answer[..$take] AS answer
}
RETURN start, reached, answer
