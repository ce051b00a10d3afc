// name: reports_mentioning
// description: The reports that mention an entity, newest first, with how many facts each gives about it.
// param entity = "Europol" -- the entity's key, ISO2 code or name (any case)
//
// In Neo4j Browser or cypher-shell, set the parameter, then paste the query:
//   :param entity => "Europol"
// or: cypher-shell -P 'entity => "Europol"' -f cypher/queries/reports_mentioning.cypher
// With graphkit: graphkit query reports_mentioning --param entity=Europol
MATCH (n)
WHERE n.key = $entity OR n.iso2 = $entity OR toLower(n.name) = toLower($entity)
// One pass over the entity's relationships (not one per report: a hub such as Europol
// has thousands of each). Its reports are tagged 0 and its facts 1; grouped by report,
// min(tag) = 0 keeps the reports listed on the entity, sum(tag) counts their facts.
OPTIONAL MATCH (n)-[e]-()
WITH n, collect(e.report) AS fact_reports
UNWIND [key IN n.reports | [key, 0]] + [key IN fact_reports | [key, 1]] AS tagged
WITH n, tagged[0] AS key, min(tagged[1]) AS listed, sum(tagged[1]) AS facts
WHERE listed = 0
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
