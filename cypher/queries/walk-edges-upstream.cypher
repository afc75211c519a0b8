// The allowed edges into the answer's near nodes ($near: the start and the nodes above the depth bound)
// from any node of the answer ($kept), as an upstream walk reports them; the store writes the walk's
// relationship types over {{relations}}.
UNWIND $near AS nearKey
MATCH (a:Entity {key: nearKey})<-[r:{{relations}}]-(b:Entity)
WHERE b.key IN $kept AND r.recordedAt <= $at AND (r.retiredAt IS NULL OR r.retiredAt > $at)
RETURN b.key AS from, a.key AS to, type(r) AS relation, r.role AS role, r.properties AS properties,
       r.recordedAt AS recordedAt, r.retiredAt AS retiredAt
