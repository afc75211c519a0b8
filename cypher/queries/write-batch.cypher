// One batch, one statement, one transaction: all of it is stored or none of it.
// The store read every key the batch names, merged $entities (the new and changed ones, EntityMerge)
// from what it read, and sends in $expected what that was: each key's revision (-1 when absent),
// when its node was recorded (a node purged and written anew restarts its revisions but not at the
// same instant), and whether it was current. Nothing is written unless every key is still as read, so a write that ran
// in between (another server, the CLI) is never overwritten by a merge that did not see it:
// the nodes that exist are locked first (in key order, as the store sends them, so that two batches
// wait for each other rather than deadlock), then compared, and on any difference the statement writes
// nothing and returns how many keys differ, for the store to read and merge again. A key that
// another batch creates in between makes this one's CREATE fail on the key constraint instead.
CALL () {
  UNWIND $expected AS e
  MATCH (n:Entity {key: e.key})
  // The store sends them in key order; sorted here too, as retire and purge sort theirs, Cypher need not keep an UNWIND's order.
  WITH n
  ORDER BY coalesce(n.sortKey, n.key)
  SET n.writeLock = true
  REMOVE n.writeLock
  RETURN count(*) AS locked
}
// Importing `locked` makes the check wait for every lock: the planner may otherwise run a
// subquery that only reads alongside one that writes.
CALL (locked) {
  UNWIND $expected AS e
  OPTIONAL MATCH (n:Entity {key: e.key})
  WITH e, n
  WHERE CASE WHEN n IS NULL THEN -1 ELSE coalesce(n.revision, 0) END <> e.revision
     OR (n IS NOT NULL AND (n.recordedAt <> e.recordedAt OR (n.retiredAt IS NULL) <> e.current))
  RETURN count(*) AS conflicts
}
CALL (conflicts) {
  WITH conflicts WHERE conflicts = 0
  UNWIND $entities AS row
  FOREACH (_ IN CASE WHEN row.created THEN [1] ELSE [] END | CREATE (:Entity {key: row.key, recordedAt: row.recordedAt}))
  WITH row
  MATCH (n:Entity {key: row.key})
  SET n += row.props, n.revision = coalesce(n.revision, 0) + 1
  FOREACH (_ IN CASE WHEN row.kind = 'Dataset' THEN [1] ELSE [] END | SET n:Dataset)
  FOREACH (_ IN CASE WHEN row.kind = 'Feature' THEN [1] ELSE [] END | SET n:Feature)
  FOREACH (_ IN CASE WHEN row.kind = 'CodeVersion' THEN [1] ELSE [] END | SET n:CodeVersion)
  FOREACH (_ IN CASE WHEN row.kind = 'HyperparameterSet' THEN [1] ELSE [] END | SET n:HyperparameterSet)
  FOREACH (_ IN CASE WHEN row.kind = 'Model' THEN [1] ELSE [] END | SET n:Model)
  FOREACH (_ IN CASE WHEN row.kind = 'Run' THEN [1] ELSE [] END | SET n:Run)
  FOREACH (_ IN CASE WHEN row.kind = 'Job' THEN [1] ELSE [] END | SET n:Job)
  FOREACH (_ IN CASE WHEN row.kind = 'Deployment' THEN [1] ELSE [] END | SET n:Deployment)
}
CALL (conflicts) {
  WITH conflicts WHERE conflicts = 0
  UNWIND $edges AS row
  MATCH (a:Entity {key: row.from})
  MATCH (b:Entity {key: row.to})
  FOREACH (_ IN CASE WHEN row.relation = 'INPUT_TO' THEN [1] ELSE [] END |
    MERGE (a)-[r:INPUT_TO {current: true}]->(b)
    ON CREATE SET r.recordedAt = row.recordedAt, r.role = row.role, r.properties = row.properties)
  FOREACH (_ IN CASE WHEN row.relation = 'PRODUCED' THEN [1] ELSE [] END |
    MERGE (a)-[r:PRODUCED {current: true}]->(b)
    ON CREATE SET r.recordedAt = row.recordedAt, r.role = row.role, r.properties = row.properties)
  FOREACH (_ IN CASE WHEN row.relation = 'EXECUTED_IN' THEN [1] ELSE [] END |
    MERGE (a)-[r:EXECUTED_IN {current: true}]->(b)
    ON CREATE SET r.recordedAt = row.recordedAt, r.role = row.role, r.properties = row.properties)
  FOREACH (_ IN CASE WHEN row.relation = 'CONFIGURED' THEN [1] ELSE [] END |
    MERGE (a)-[r:CONFIGURED {current: true}]->(b)
    ON CREATE SET r.recordedAt = row.recordedAt, r.role = row.role, r.properties = row.properties)
  FOREACH (_ IN CASE WHEN row.relation = 'DERIVES' THEN [1] ELSE [] END |
    MERGE (a)-[r:DERIVES {current: true}]->(b)
    ON CREATE SET r.recordedAt = row.recordedAt, r.role = row.role, r.properties = row.properties)
  FOREACH (_ IN CASE WHEN row.relation = 'DEPLOYED_AS' THEN [1] ELSE [] END |
    MERGE (a)-[r:DEPLOYED_AS {current: true}]->(b)
    ON CREATE SET r.recordedAt = row.recordedAt, r.role = row.role, r.properties = row.properties)
  FOREACH (_ IN CASE WHEN row.relation = 'NEXT_VERSION' THEN [1] ELSE [] END |
    MERGE (a)-[r:NEXT_VERSION {current: true}]->(b)
    ON CREATE SET r.recordedAt = row.recordedAt, r.role = row.role, r.properties = row.properties)
  FOREACH (_ IN CASE WHEN row.relation = 'INSTANCE_OF' THEN [1] ELSE [] END |
    MERGE (a)-[r:INSTANCE_OF {current: true}]->(b)
    ON CREATE SET r.recordedAt = row.recordedAt, r.role = row.role, r.properties = row.properties)
  FOREACH (_ IN CASE WHEN row.relation = 'CHILD_OF' THEN [1] ELSE [] END |
    MERGE (a)-[r:CHILD_OF {current: true}]->(b)
    ON CREATE SET r.recordedAt = row.recordedAt, r.role = row.role, r.properties = row.properties)
}
RETURN conflicts
