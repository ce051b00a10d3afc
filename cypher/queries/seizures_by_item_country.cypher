// name: seizures_by_item_country
// description: What was seized, by item, unit and the countries the seizing operation acted in.
// param item = null -- a word to look for in the item ("cocaine"), or null for everything
// note: an operation acting in several countries lists its seizures under each of them.
//
// In Neo4j Browser or cypher-shell, set the parameter, then paste the query:
//   :param item => "cocaine"
// or: cypher-shell -P 'item => "cocaine"' -f cypher/queries/seizures_by_item_country.cypher
// With graphkit: graphkit query seizures_by_item_country --param item=cocaine
MATCH (o:Operation)-[:SEIZED]->(s:Seizure)
WHERE toLower(s.item) CONTAINS toLower($item) OR $item IS NULL
OPTIONAL MATCH (o)-[:CONDUCTED_IN]->(c:Country)
WITH DISTINCT s, coalesce(c.iso2, '?') AS iso2
RETURN
  toLower(s.item) AS item,
  coalesce(s.unit, '') AS unit,
  iso2,
  count(s) AS seizures,
  CASE WHEN count(s.quantity) = 0 THEN null ELSE sum(s.quantity) END AS quantity
ORDER BY item, unit, iso2;
