// Every entity within {{maxDepth}} hops downstream of each of $starts (keys; those not alive at $at reach
// nothing): per start, the first $take of those whose kind is one of $kinds (every kind when null), in
// the walk's order, each with its shortest hop distance from that start; and the counts of nodes and
// edges visited. ANY SHORTEST runs a breadth-first search and yields one shortest path per reached
// node, so each node comes once per start with its depth. The time filters hold on every hop. Neither
// the depth bound nor the relationship types can be parameters: the store writes the validated integer
// over {{maxDepth}} and the relation names (a closed set) over {{relations}}, so that Neo4j expands
// only relationships of those types instead of reading every relationship of a node to test its type.
// The filter, order and cut are made here, so that a walk from a hub sends $take nodes, not its whole
// closure (which is sorted and collected in this statement's memory instead). The order is (depth,
// key) by code point: a key holding characters from U+D7FF up sorts by its sortKey, as listings do
// (both are stored strings here, compared alike). The rows are sorted before they are collected, and
// collect keeps the order it is given, so the two lists of one aggregation hold each node and its
// depth at the same index; `answer` holds the indexes of the nodes of returned kinds. A subquery that
// aggregates answers one row even when it reached nothing, which is why the start stays outside the
// first one: carried through it, it would be a grouping key, and a start with nothing reached no row.
// The counts are those of the model's breadth-first walk, which both stores report alike: it stops at
// `last`, the depth of the $take-th node of a returned kind (the first level at which more than the
// limit are known, since deeper nodes cannot make the cut), or else at the depth bound. It visits the
// start and every node to that depth, and each allowed edge alive at $at leaving a node above it,
// whether or not its far end was new (a self-loop, or an edge between two reached nodes, counts too).
UNWIND $starts AS start
MATCH (s:Entity {key: start})
WHERE s.recordedAt <= $at AND (s.retiredAt IS NULL OR s.retiredAt > $at)
CALL (s) {
  MATCH p = ANY SHORTEST (s)(()-[r:{{relations}} WHERE r.recordedAt <= $at AND (r.retiredAt IS NULL OR r.retiredAt > $at)]->(x WHERE x.recordedAt <= $at AND (x.retiredAt IS NULL OR x.retiredAt > $at))){1,{{maxDepth}}}(n)
  WHERE n <> s
  WITH n, length(p) AS depth
  ORDER BY depth, coalesce(n.sortKey, n.key)
  RETURN collect(n) AS nodes, collect(depth) AS depths
}
WITH start, s, nodes, depths, [i IN range(0, size(nodes) - 1) WHERE $kinds IS NULL OR nodes[i].kind IN $kinds] AS answer
WITH start, s, nodes, depths, answer, CASE WHEN size(answer) >= $take THEN depths[answer[$take - 1]] ELSE {{maxDepth}} END AS last
CALL (s, nodes, depths, last) {
  UNWIND [s] + [i IN range(0, size(nodes) - 1) WHERE depths[i] < last | nodes[i]] AS near
  MATCH (near)-[e:{{relations}} WHERE e.recordedAt <= $at AND (e.retiredAt IS NULL OR e.retiredAt > $at)]->()
  RETURN count(e) AS edges
}
RETURN start, size([d IN depths WHERE d <= last]) AS reached, edges, [i IN answer[..$take] | {key: nodes[i].key, depth: depths[i]}] AS answer
