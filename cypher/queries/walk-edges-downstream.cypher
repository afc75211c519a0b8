// The allowed edges from the answer's near nodes ($near: the start and the nodes above the depth bound)
// to any node of the answer ($kept), as a downstream walk reports them; the store writes the walk's
// relationship types over {{relations}}.
UNWIND $near AS nearKey
MATCH (a:Entity {key: nearKey})-[r:{{relations}}]->(b:Entity)
WHERE b.key IN $kept AND r.recordedAt <= $at AND (r.retiredAt IS NULL OR r.retiredAt > $at)
RETURN a.key AS from, b.key AS to, type(r) AS relation, r.role AS role, r.properties AS properties,
       r.recordedAt AS recordedAt, r.retiredAt AS retiredAt
