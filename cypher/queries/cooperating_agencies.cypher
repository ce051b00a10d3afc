// name: cooperating_agencies
// description: The pairs of agencies that cooperate most, by reports and operations in common.
// param limit = 20 -- how many pairs to return
//
// In Neo4j Browser or cypher-shell, set the parameter, then paste the query:
//   :param limit => 20
// or: cypher-shell -P 'limit => 20' -f cypher/queries/cooperating_agencies.cypher
// With graphkit: graphkit query cooperating_agencies --param limit=20
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
