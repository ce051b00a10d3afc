// name: alleged_facts
// description: The facts stated only as allegations ("believed to", "suspected"), with their evidence.
// param type = null -- one relationship type (MEMBER_OF, ...), or null for all
//
// In Neo4j Browser or cypher-shell, set the parameter, then paste the query:
//   :param type => null
// or: cypher-shell -P 'type => null' -f cypher/queries/alleged_facts.cypher
// With graphkit: graphkit query alleged_facts --param type=MEMBER_OF
MATCH (a)-[e]->(b)
WHERE e.certainty = 'alleged' AND (type(e) = $type OR $type IS NULL)
RETURN
  type(e) AS type,
  coalesce(a.display_name, a.name, a.descriptor, a.title, a.item, a.iso2, a.key) AS source,
  coalesce(b.display_name, b.name, b.descriptor, b.title, b.item, b.iso2, b.key) AS target,
  e.report AS report,
  e.evidence AS evidence
ORDER BY type, source, target, report;
