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
UNWIND n.reports AS key
MATCH (r:Report {key: key})
OPTIONAL MATCH (n)-[e]-()
WHERE e.report = key
WITH n, r, count(e) AS facts
RETURN
  labels(n)[0] AS label,
  coalesce(n.name, n.iso2, n.key) AS entity,
  r.key AS report,
  r.title AS title,
  r.published AS published,
  r.source AS source,
  facts
ORDER BY published DESC, report, label, entity;
