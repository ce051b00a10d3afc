// name: alleged_facts
// description: The facts stated only as allegations ("believed to", "suspected"), with their evidence.
// param type = null -- one relationship type (MEMBER_OF, ...), or null for all
// note: LadybugDB dialect (label(e) for the type); see alleged_facts.cypher.
// With graphkit: graphkit query alleged_facts --param type=MEMBER_OF
MATCH (a)-[e]->(b)
WHERE e.certainty = 'alleged' AND (label(e) = $type OR $type IS NULL)
RETURN
  label(e) AS type,
  coalesce(a.display_name, a.name, a.descriptor, a.title, a.item, a.iso2, a.key) AS source,
  coalesce(b.display_name, b.name, b.descriptor, b.title, b.item, b.iso2, b.key) AS target,
  e.report AS report,
  e.evidence AS evidence
ORDER BY type, source, target, report;
