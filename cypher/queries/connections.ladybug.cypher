// name: connections
// description: How two entities are connected: the shortest chains between them, up to 4 hops.
// param source = "Europol" -- the first entity: its key, ISO2 code or name (any case)
// param target = "Italy" -- the second entity, the same way
// param through_countries = false -- true: chains may pass through countries (and BASED_IN); false or null
// note: LadybugDB dialect (ALL SHORTEST, list_transform, list_reduce, label(r)); see connections.cypher.
// note: the filter (r, n | WHERE ...) keeps countries out of the middle of a chain and BASED_IN
// note: out of it unless through_countries is true (see connections.cypher). It lets a country
// note: named as an end pass: with unlabelled ends, LadybugDB applies the node filter to them too.
// note: hop bounds must be literals in Cypher; edit the 4 in [* ALL SHORTEST 1..4] to search farther.
// note: no WITH between the endpoints and the path: after one, LadybugDB searched from every node
// and filled its buffer pool on a few hundred reports; the (r, n | {}, {...}) projection keeps
// only the node properties the chain shows. Between two hubs of a big graph (Europol and a
// country in 10,000 reports) the paths still outgrow the buffer pool: use graphkit path A B.
// With graphkit: graphkit query connections --param source=Europol --param target=Italy
MATCH (a)
WHERE a.key = $source OR a.iso2 = $source OR toLower(a.name) = toLower($source)
MATCH (b)
WHERE b.key = $target OR b.iso2 = $target OR toLower(b.name) = toLower($target)
MATCH p = (a)-[* ALL SHORTEST 1..4 (r, n |
  WHERE (coalesce($through_countries, false) OR label(n) <> 'Country'
      OR n.iso2 IN [$source, $target] OR toLower(n.name) IN [toLower($source), toLower($target)])
    AND (coalesce($through_countries, false) OR label(r) <> 'BASED_IN')
  | {}, {n.key, n.display_name, n.name, n.descriptor, n.title, n.item, n.iso2})]-(b)
WHERE a <> b
WITH
  length(p) AS hops,
  list_transform(nodes(p), n -> coalesce(n.display_name, n.name, n.descriptor, n.title, n.item, n.iso2, n.key)) AS names,
  list_transform(rels(p), r -> label(r)) AS kinds
RETURN DISTINCT
  hops,
  list_reduce(names, (s, x) -> s + ' > ' + x) AS chain,
  list_reduce(kinds, (s, x) -> s + ', ' + x) AS types
ORDER BY hops, chain, types
LIMIT 50;
