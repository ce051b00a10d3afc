// name: arrests_by_country_year
// description: Arrests by country and year (the year of the report; "unknown" when it has none).
// note: a group's arrests carry a count; a named person's arrest counts as one.
//
// No parameters. In Neo4j Browser or cypher-shell, paste the query as it is,
// or: cypher-shell -f cypher/queries/arrests_by_country_year.cypher
// With graphkit: graphkit query arrests_by_country_year
MATCH (x)-[e:ARRESTED_IN]->(c:Country)
MATCH (r:Report {key: e.report})
WITH
  c,
  CASE WHEN r.published =~ '[0-9]{4}.*' THEN left(r.published, 4) ELSE 'unknown' END AS year,
  coalesce(e.count, 1) AS arrests,
  e.report AS report
RETURN
  c.iso2 AS iso2,
  c.name AS country,
  year,
  sum(arrests) AS arrests,
  count(DISTINCT report) AS reports
ORDER BY iso2, year;
