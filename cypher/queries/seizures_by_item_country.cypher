// name: seizures_by_item_country
// description: What was seized, by item, unit and the country the report places each seizure in.
// param item = null -- a word to look for in the item ("cocaine"), or null for everything
// note: each seizure counts once, under its own country (Seizure.country): the place the
// note: report gives for it, not every country its operation acted in. A seizure the text
// note: places nowhere is listed under iso2 "unknown". Two reports telling of the same
// note: haul give two seizures (each report's statement).
//
// In Neo4j Browser or cypher-shell, set the parameter, then paste the query:
//   :param item => "cocaine"
// or: cypher-shell -P 'item => "cocaine"' -f cypher/queries/seizures_by_item_country.cypher
// With graphkit: graphkit query seizures_by_item_country --param item=cocaine
MATCH (s:Seizure)
WHERE toLower(s.item) CONTAINS toLower($item) OR $item IS NULL
RETURN
  toLower(s.item) AS item,
  coalesce(s.unit, '') AS unit,
  coalesce(s.country, 'unknown') AS iso2,
  count(s) AS seizures,
  CASE WHEN count(s.quantity) = 0 THEN null ELSE sum(s.quantity) END AS quantity
ORDER BY item, unit, iso2;
