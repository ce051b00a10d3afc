// name: reports_mentioning
// description: The reports that mention an entity, newest first, with how many facts each gives about it.
// param entity = "Europol" -- the entity's key, ISO2 code or name (any case)
//
// In Neo4j Browser or cypher-shell, set the parameter, then paste the query:
//   :param entity => "Europol"
// or: cypher-shell -P 'entity => "Europol"' -f cypher/queries/reports_mentioning.cypher
// With graphkit: graphkit query reports_mentioning --param entity=Europol
MATCH (n)
WHERE (n.key = $entity OR n.iso2 = $entity OR toLower(n.name) = toLower($entity))
  AND NOT n:Report
// An entity's reports are its relationships' reports and those that name it without one
// (named_in). One pass over its relationships (not one per report: a hub such as Europol
// has thousands); each key is counted once per fact, and once more if named_in lists it.
OPTIONAL MATCH (n)-[e]-()
WITH n, coalesce(n.named_in, []) AS named, collect(e.report) AS fact_reports
UNWIND named + fact_reports AS key
WITH n, named, key, count(*) AS mentions
WITH n, key, mentions - CASE WHEN key IN named THEN 1 ELSE 0 END AS facts
MATCH (r:Report {key: key})
RETURN
  labels(n)[0] AS label,
  coalesce(n.name, n.iso2, n.key) AS entity,
  r.key AS report,
  r.title AS title,
  r.published AS published,
  r.source AS source,
  facts
ORDER BY published DESC, report, label, entity;
