// name: reports_mentioning
// description: The reports that mention an entity, newest first, with how many facts each gives about it.
// param entity = "Europol" -- the entity's key, ISO2 code or name (any case)
// note: LadybugDB dialect (label(n) for the label); see reports_mentioning.cypher.
// With graphkit: graphkit query reports_mentioning --param entity=Europol
MATCH (n)
WHERE (n.key = $entity OR n.iso2 = $entity OR toLower(n.name) = toLower($entity))
  AND label(n) <> 'Report'
OPTIONAL MATCH (n)-[e]-()
WITH n, coalesce(n.named_in, CAST([] AS STRING[])) AS named, collect(e.report) AS fact_reports
UNWIND list_concat(named, fact_reports) AS key
WITH n, named, key, count(*) AS mentions
WITH n, key, mentions - CASE WHEN list_contains(named, key) THEN 1 ELSE 0 END AS facts
MATCH (r:Report {key: key})
RETURN
  label(n) AS label,
  coalesce(n.name, n.iso2, n.key) AS entity,
  r.key AS report,
  r.title AS title,
  r.published AS published,
  r.source AS source,
  facts
ORDER BY published DESC, report, label, entity;
