// Every current version of each logical entity in $entities (maps of kind, namespace and name),
// found through the (kind, namespace, name) index; the store orders and groups them.
UNWIND $entities AS entity
MATCH (n:Entity)
WHERE n.kind = entity.kind AND n.namespace = entity.namespace AND n.name = entity.name AND n.retiredAt IS NULL
RETURN n.key AS key, n.kind AS kind, n.namespace AS namespace, n.name AS name, n.version AS version,
       n.description AS description, n.tags AS tags, n.owners AS owners, n.properties AS properties,
       n.fields AS fields, n.recordedAt AS recordedAt, n.updatedAt AS updatedAt, n.retiredAt AS retiredAt
