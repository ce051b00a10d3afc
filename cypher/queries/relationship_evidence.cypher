// name: relationship_evidence
// description: The evidence behind the relationships between two entities: report, sentence, certainty.
// param source = "Europol" -- one entity: its key, ISO2 code or name (any case)
// param target = "Belgian Federal Police" -- the other entity, the same way
// param type = null -- one relationship type (COOPERATED_WITH, ...), or null for all
// note: relationships are read in both directions.
//
// In Neo4j Browser or cypher-shell, set the parameters, then paste the query:
//   :param source => "Europol"
//   :param target => "Belgian Federal Police"
//   :param type => null
// or: cypher-shell -P 'source => "Europol"' -P 'target => "Belgian Federal Police"' -P 'type => null' -f cypher/queries/relationship_evidence.cypher
// With graphkit: graphkit query relationship_evidence --param source=Europol --param "target=Belgian Federal Police"
MATCH (a)-[e]-(b)
WHERE (a.key = $source OR a.iso2 = $source OR toLower(a.name) = toLower($source))
  AND (b.key = $target OR b.iso2 = $target OR toLower(b.name) = toLower($target))
  AND (type(e) = $type OR $type IS NULL)
  AND a <> b
MATCH (r:Report {key: e.report})
RETURN DISTINCT
  type(e) AS type,
  e.certainty AS certainty,
  e.report AS report,
  r.title AS title,
  r.published AS published,
  e.evidence AS evidence,
  e.evidence_start AS evidence_start,
  e.evidence_end AS evidence_end
ORDER BY type, report, evidence_start;
