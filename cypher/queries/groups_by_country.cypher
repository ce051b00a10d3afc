// name: groups_by_country
// description: Criminal groups by the countries they are active in, with how many reports say so.
// param country = null -- an ISO2 code to show one country, or null for all
//
// In Neo4j Browser or cypher-shell, set the parameter, then paste the query:
//   :param country => null        (or :param country => "BE")
// or: cypher-shell -P 'country => null' -f cypher/queries/groups_by_country.cypher
// With graphkit: graphkit query groups_by_country --param country=BE
MATCH (g:CriminalGroup)-[e:OPERATED_IN]->(c:Country)
WHERE c.iso2 = toUpper($country) OR $country IS NULL
RETURN
  c.iso2 AS iso2,
  c.name AS country,
  coalesce(g.display_name, g.name, g.descriptor, g.key) AS group_name,
  g.key AS group_key,
  count(DISTINCT e.report) AS reports,
  sum(CASE WHEN e.certainty = 'alleged' THEN 1 ELSE 0 END) AS alleged
ORDER BY iso2, reports DESC, group_name, group_key;
