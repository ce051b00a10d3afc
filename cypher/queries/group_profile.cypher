// name: group_profile
// description: A criminal group's profile: countries, crimes, the operations against it, arrests.
// param name = "'Ndrangheta" -- the group's key, name or descriptor (any case)
// note: arrests_by_country lists "ISO2:count" per report's statement, summed per country.
//
// In Neo4j Browser or cypher-shell, set the parameter, then paste the query:
//   :param name => "'Ndrangheta"
// or: cypher-shell -P "name => \"'Ndrangheta\"" -f cypher/queries/group_profile.cypher
// With graphkit: graphkit query group_profile --param "name='Ndrangheta"
MATCH (g:CriminalGroup)
WHERE g.key = $name OR toLower(g.name) = toLower($name)
  OR toLower(g.descriptor) = toLower($name) OR toLower(g.display_name) = toLower($name)
OPTIONAL MATCH (g)-[:OPERATED_IN]->(c:Country)
WITH g, c
ORDER BY c.iso2
WITH g, collect(DISTINCT c.iso2) AS countries
OPTIONAL MATCH (o:Operation)-[:TARGETED]->(g)
WITH g, countries, coalesce(o.display_name, o.name, o.key) AS operation
ORDER BY operation
WITH g, countries, collect(DISTINCT operation) AS operations
OPTIONAL MATCH (g)-[a:ARRESTED_IN]->(ac:Country)
WITH g, countries, operations, ac.iso2 AS iso2, sum(coalesce(a.count, 0)) AS arrested
ORDER BY iso2
WITH g, countries, operations,
  collect(CASE WHEN iso2 IS NULL THEN null ELSE iso2 + ':' + toString(arrested) END) AS arrests_by_country,
  coalesce(sum(arrested), 0) AS arrests
// its reports: its relationships' and those that name it without one (named_in)
OPTIONAL MATCH (g)-[e]-()
WITH g, countries, operations, arrests_by_country, arrests, collect(DISTINCT e.report) AS linked
RETURN
  g.key AS key,
  coalesce(g.display_name, g.name, g.descriptor) AS group_name,
  g.crimes AS crimes,
  countries,
  operations,
  arrests,
  arrests_by_country,
  size(linked + [k IN coalesce(g.named_in, []) WHERE NOT k IN linked]) AS reports
ORDER BY key;
