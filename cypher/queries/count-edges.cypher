// How many versions (current or retired) each named edge has, by its position in $edges; zero means it
// never existed. One row per position, in order, so that the store names the first missing edge as the
// request gave it, duplicates included (grouping by the edge itself would fold them into one row).
UNWIND range(0, size($edges) - 1) AS position
WITH position, $edges[position] AS row
OPTIONAL MATCH (:Entity {key: row.from})-[r]->(:Entity {key: row.to})
WHERE type(r) = row.relation
RETURN position, count(r) AS versions
ORDER BY position
