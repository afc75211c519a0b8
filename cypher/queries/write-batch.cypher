// One batch, one statement, one transaction: all of it is stored or none of it.
// $entities holds the new and changed entities, already merged by the store (EntityMerge);
// $edges every edge of the batch. An edge that is current already matches its MERGE and changes nothing.
CALL () {
  UNWIND $entities AS row
  MERGE (n:Entity {key: row.key})
  ON CREATE SET n.recordedAt = row.recordedAt
  SET n += row.props
  FOREACH (_ IN CASE WHEN row.kind = 'Dataset' THEN [1] ELSE [] END | SET n:Dataset)
  FOREACH (_ IN CASE WHEN row.kind = 'Feature' THEN [1] ELSE [] END | SET n:Feature)
  FOREACH (_ IN CASE WHEN row.kind = 'CodeVersion' THEN [1] ELSE [] END | SET n:CodeVersion)
  FOREACH (_ IN CASE WHEN row.kind = 'HyperparameterSet' THEN [1] ELSE [] END | SET n:HyperparameterSet)
  FOREACH (_ IN CASE WHEN row.kind = 'Model' THEN [1] ELSE [] END | SET n:Model)
  FOREACH (_ IN CASE WHEN row.kind = 'Run' THEN [1] ELSE [] END | SET n:Run)
  FOREACH (_ IN CASE WHEN row.kind = 'Job' THEN [1] ELSE [] END | SET n:Job)
  FOREACH (_ IN CASE WHEN row.kind = 'Deployment' THEN [1] ELSE [] END | SET n:Deployment)
}
CALL () {
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
