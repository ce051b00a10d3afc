// name: agency_operations
// description: An agency's operations, its role in each, and the partner agencies taking part.
// param agency = "Europol" -- the agency's key or name (any case)
// note: one row per operation and role; an operation without a date takes its earliest report's.
// note: LadybugDB dialect (list_sort for a deterministic list); see agency_operations.cypher.
// With graphkit: graphkit query agency_operations --param agency=Europol
MATCH (a:Agency)-[p:PARTICIPATED_IN]->(o:Operation)
WHERE a.key = $agency OR toLower(a.name) = toLower($agency)
OPTIONAL MATCH (r:Report)-[:DESCRIBES]->(o)
WITH a, o, p.role AS role, min(r.published) AS published
WITH a, o, role, coalesce(o.start_date, published) AS date
OPTIONAL MATCH (partner:Agency)-[:PARTICIPATED_IN]->(o)
WHERE partner <> a
WITH a, o, role, date, list_sort(collect(DISTINCT partner.name)) AS partners
RETURN
  a.name AS agency,
  coalesce(o.display_name, o.name, o.key) AS operation,
  date,
  role,
  partners,
  o.key AS key
ORDER BY date, operation, role;
