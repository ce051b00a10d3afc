// name: operations_timeline
// description: Operations in date order, with their report, arrests and the countries they touched.
// param since = "2023" -- keep operations dated (or reported) on or after this ISO date, or null
// param until = null -- keep operations dated (or reported) up to this ISO date, or null
// note: one row per operation and report describing it (the report's title is a column).
// note: dates may be partial (2023, 2023-04); an operation without a date takes its report's,
// note: and one whose date has no year (--04-07) is placed (filtered, sorted) by its report's
// note: (after the dated ones when its report has no year either).
//
// In Neo4j Browser or cypher-shell, set the parameters, then paste the query:
//   :param since => "2023"
//   :param until => null
// or: cypher-shell -P 'since => "2023"' -P 'until => null' -f cypher/queries/operations_timeline.cypher
// With graphkit: graphkit query operations_timeline --param since=2023 --param until=null
MATCH (r:Report)-[:DESCRIBES]->(o:Operation)
WITH o, r, coalesce(o.start_date, r.published) AS date
WITH o, r, date,
  CASE WHEN date STARTS WITH '--' AND r.published =~ '[0-9]{4}.*' THEN r.published ELSE date END AS placed
WHERE (placed >= $since OR $since IS NULL)
  AND (left(placed, size($until)) <= $until OR $until IS NULL)
OPTIONAL MATCH (o)-[:CONDUCTED_IN]->(c:Country)
WITH o, r, date, placed, c
ORDER BY c.iso2
WITH o, r, date, placed, collect(DISTINCT c.iso2) AS countries
RETURN
  date,
  o.end_date AS end_date,
  coalesce(o.display_name, o.name, 'operation of ' + date, o.key) AS operation,
  o.arrests AS arrests,
  countries,
  r.title AS report,
  o.key AS key
ORDER BY CASE WHEN placed STARTS WITH '--' THEN 1 ELSE 0 END, placed, date, operation, key;
