// name: alleged_vs_reported
// description: For each relationship type, how many facts are reported as fact and how many alleged.
// param report = null -- a report key to look at one report, or null for the whole graph
// note: LadybugDB dialect (label(e) for the type); see alleged_vs_reported.cypher.
// With graphkit: graphkit query alleged_vs_reported   (or --param report=report:...)
MATCH ()-[e]->()
WHERE e.report = $report OR $report IS NULL
RETURN
  label(e) AS type,
  sum(CASE WHEN e.certainty = 'reported' THEN 1 ELSE 0 END) AS reported,
  sum(CASE WHEN e.certainty = 'alleged' THEN 1 ELSE 0 END) AS alleged,
  count(e) AS total
ORDER BY type;
