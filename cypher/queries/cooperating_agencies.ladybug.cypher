// name: cooperating_agencies
// description: The pairs of agencies that cooperate most, by reports and operations in common.
// param limit = 20 -- how many pairs to return (default 20)
// note: LadybugDB plan; see cooperating_agencies.cypher.
// note: operations counted per pair: quick here, slow in Neo4j for hubs; the Neo4j file's
// note: single pass (collect, then UNWIND) takes minutes here at 10,000 reports.
// With graphkit: graphkit query cooperating_agencies   (or --param limit=5)
MATCH (a:Agency)-[e:COOPERATED_WITH]-(b:Agency)
WHERE a.key < b.key
WITH a, b, count(DISTINCT e.report) AS reports
OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(o:Operation)<-[:PARTICIPATED_IN]-(b)
WITH a, b, reports, count(DISTINCT o) AS operations
RETURN
  a.name AS agency,
  b.name AS partner,
  reports,
  operations
ORDER BY reports DESC, operations DESC, agency, partner
LIMIT $limit;
