// name: connections
// description: How two entities are connected: the shortest chains between them, up to 4 hops.
// param source = "Europol" -- the first entity: its key, ISO2 code or name (any case)
// param target = "Italy" -- the second entity, the same way
// param through_countries = false -- true: chains may pass through countries (and BASED_IN); false or null
// note: hop bounds must be literals in Cypher; edit the 4 in [*..4] to search farther.
// note: parallel relationships (one per report) give the same chain once.
// note: by default a chain does not pass through a Country (two entities that only touched
// note: the same country are not connected) nor use BASED_IN (an agency's home); a country
// note: may still be an end. through_countries = true lifts both rules.
//
// In Neo4j Browser or cypher-shell, set the parameters, then paste the query:
//   :param source => "Europol"
//   :param target => "Italy"
//   :param through_countries => false
// or: cypher-shell -P 'source => "Europol"' -P 'target => "Italy"' -P 'through_countries => false' -f cypher/queries/connections.cypher
// With graphkit: graphkit query connections --param source=Europol --param target=Italy
MATCH (a)
WHERE a.key = $source OR a.iso2 = $source OR toLower(a.name) = toLower($source)
MATCH (b)
WHERE b.key = $target OR b.iso2 = $target OR toLower(b.name) = toLower($target)
WITH a, b
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..4]-(b))
WHERE coalesce($through_countries, false)
  OR (all(n IN nodes(p)[1..-1] WHERE NOT n:Country)
    AND none(r IN relationships(p) WHERE type(r) = 'BASED_IN'))
WITH
  length(p) AS hops,
  [n IN nodes(p) | coalesce(n.display_name, n.name, n.descriptor, n.title, n.item, n.iso2, n.key)] AS names,
  [r IN relationships(p) | type(r)] AS kinds
RETURN DISTINCT
  hops,
  reduce(s = head(names), x IN tail(names) | s + ' > ' + x) AS chain,
  reduce(s = head(kinds), x IN tail(kinds) | s + ', ' + x) AS types
ORDER BY hops, chain, types
LIMIT 50;
