// name: cooperating_agencies
// description: The pairs of agencies that cooperate most, by reports and operations in common.
// param limit = 20 -- how many pairs to return (default 20)
//
// In Neo4j Browser or cypher-shell, set the parameter, then paste the query:
//   :param limit => 20
// or: cypher-shell -P 'limit => 20' -f cypher/queries/cooperating_agencies.cypher
// With graphkit: graphkit query cooperating_agencies   (or --param limit=5)
// Relationships first, pairs after: each pair's reports and shared operations come from
// one pass over COOPERATED_WITH and one over PARTICIPATED_IN (not a search of the
// operations of both agencies for every pair, which is slow for hubs such as Europol).
MATCH (a:Agency)-[e:COOPERATED_WITH]-(b:Agency)
WHERE a.key < b.key
WITH collect({a: a.key, b: b.key, report: e.report, operation: null}) AS cooperation
OPTIONAL MATCH (a:Agency)-[:PARTICIPATED_IN]->(o:Operation)<-[:PARTICIPATED_IN]-(b:Agency)
WHERE a.key < b.key
WITH cooperation, collect({a: a.key, b: b.key, report: null, operation: o.key}) AS shared
UNWIND cooperation + shared AS fact
WITH fact.a AS a_key, fact.b AS b_key,
  count(DISTINCT fact.report) AS reports, count(DISTINCT fact.operation) AS operations
WHERE reports > 0
MATCH (a:Agency {key: a_key}), (b:Agency {key: b_key})
RETURN
  a.name AS agency,
  b.name AS partner,
  reports,
  operations
ORDER BY reports DESC, operations DESC, agency, partner
LIMIT $limit;
