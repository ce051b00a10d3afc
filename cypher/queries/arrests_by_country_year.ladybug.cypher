// name: arrests_by_country_year
// description: Arrests by country and year (of the operation, else of the report; "unknown" when neither has one).
// note: LadybugDB dialect (label(x) for the label); see arrests_by_country_year.cypher.
// note: a group's arrests carry a count (at least one when the text gives none); a named
// note: person's arrest counts as one. Per report and country, named persons are taken to be
// note: among the arrests the report counts there: the larger of the two is the number.
// note: the year is the operation's start date (the earliest of the report's operations),
// note: else the report's publication date; a date without a year ("--04-07") gives none.
// note: two reports telling of the same arrests count them twice; reports says how many told.
// With graphkit: graphkit query arrests_by_country_year
MATCH (x)-[e:ARRESTED_IN]->(c:Country)
WITH c, e.report AS report,
  sum(CASE WHEN label(x) = 'Person' THEN 1 ELSE 0 END) AS named,
  sum(CASE WHEN label(x) = 'Person' THEN 0 ELSE coalesce(e.count, 1) END) AS counted
MATCH (r:Report {key: report})
OPTIONAL MATCH (r)-[:DESCRIBES]->(o:Operation)
WITH c, report, r.published AS published, named, counted,
  min(CASE WHEN o.start_date =~ '[0-9]{4}.*' THEN o.start_date ELSE null END) AS started
WITH c, report,
  CASE
    WHEN started IS NOT NULL THEN left(started, 4)
    WHEN published =~ '[0-9]{4}.*' THEN left(published, 4)
    ELSE 'unknown'
  END AS year,
  CASE WHEN named > counted THEN named ELSE counted END AS arrests
RETURN
  c.iso2 AS iso2,
  c.name AS country,
  year,
  sum(arrests) AS arrests,
  count(DISTINCT report) AS reports
ORDER BY iso2, year;
