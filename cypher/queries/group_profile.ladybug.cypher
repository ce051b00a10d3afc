// name: group_profile
// description: A criminal group's profile: countries, crimes, the operations against it, arrests.
// param name = "'Ndrangheta" -- the group's key, name or descriptor (any case)
// note: LadybugDB dialect (list_sort for deterministic lists); see group_profile.cypher.
// With graphkit: graphkit query group_profile --param "name='Ndrangheta"
MATCH (g:CriminalGroup)
WHERE g.key = $name OR toLower(g.name) = toLower($name)
  OR toLower(g.descriptor) = toLower($name) OR toLower(g.display_name) = toLower($name)
OPTIONAL MATCH (g)-[:OPERATED_IN]->(c:Country)
WITH g, list_sort(collect(DISTINCT c.iso2)) AS countries
OPTIONAL MATCH (o:Operation)-[:TARGETED]->(g)
WITH g, countries, list_sort(collect(DISTINCT coalesce(o.display_name, o.name, o.key))) AS operations
OPTIONAL MATCH (g)-[a:ARRESTED_IN]->(ac:Country)
WITH g, countries, operations, ac.iso2 AS iso2, sum(coalesce(a.count, 0)) AS arrested
WITH g, countries, operations,
  list_sort(collect(CASE WHEN iso2 IS NULL THEN null ELSE iso2 + ':' + CAST(arrested AS STRING) END)) AS arrests_by_country,
  coalesce(sum(arrested), 0) AS arrests
OPTIONAL MATCH (g)-[e]-()
WITH g, countries, operations, arrests_by_country, arrests, collect(DISTINCT e.report) AS linked
RETURN
  g.key AS key,
  coalesce(g.display_name, g.name, g.descriptor) AS group_name,
  list_sort(g.crimes) AS crimes,
  countries,
  operations,
  arrests,
  arrests_by_country,
  size(list_distinct(list_concat(linked, coalesce(g.named_in, CAST([] AS STRING[]))))) AS reports
ORDER BY key;
