// How many versions (current or retired) each named edge has; zero means it never existed.
UNWIND $edges AS row
OPTIONAL MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to})
WHERE type(r) = row.relation
RETURN row.from AS from, row.to AS to, row.relation AS relation, count(r) AS versions
