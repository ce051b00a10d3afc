"""The translation of Neo4j's Cypher for the embedded store, and the ontology's names
checked before a query runs (graphkit/store/translate.py), without a database; and on
both stores, the "did you mean" a misspelt name gets."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_readonly import respelled

from graphkit.errors import QueryError, QueryRefused
from graphkit.store.base import GraphStore
from graphkit.store.readonly import check_read_only
from graphkit.store.translate import (
    NEO4J,
    UnknownName,
    Untranslatable,
    check_names,
    explain_unknown,
    to_ladybug,
)


@pytest.mark.parametrize(
    ("neo4j", "ladybug"),
    [
        ("MATCH ()-[r]->() RETURN type(r) AS t", "MATCH ()-[r]->() RETURN label(r) AS t"),
        ("MATCH (n) RETURN labels(n) AS l", "MATCH (n) RETURN [label(n)] AS l"),
        ("MATCH (n) RETURN labels(n)[0] AS l", "MATCH (n) RETURN [label(n)][1] AS l"),
        (
            "MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p) AS n",
            "MATCH p = (a)-[* SHORTEST 1..6]-(b) RETURN length(p) AS n",
        ),
        (
            "MATCH p = allShortestPaths((a)-[:COOPERATED_WITH*]-(b)) RETURN p",
            "MATCH p = (a)-[:COOPERATED_WITH* ALL SHORTEST]-(b) RETURN p",
        ),
        ("MATCH (a)-[*2]-(b) RETURN b", "MATCH (a)-[* TRAIL 2..2]-(b) RETURN b"),
        ("MATCH (a)-[:T*1..3]-(b) RETURN b", "MATCH (a)-[:T* TRAIL 1..3]-(b) RETURN b"),
        ("MATCH (a)-[*]-(b) RETURN b", "MATCH (a)-[*]-(b) RETURN b"),
        (
            "RETURN [c IN $xs | toUpper(c)] AS u",
            "RETURN list_transform($xs, c -> toUpper(c)) AS u",
        ),
        (
            "RETURN [c IN $xs WHERE c > 1] AS f",
            "RETURN list_filter($xs, c -> c > 1) AS f",
        ),
        (
            "RETURN [c IN $xs WHERE c > 1 | c * 2] AS g",
            "RETURN list_transform(list_filter($xs, c -> c > 1), c -> c * 2) AS g",
        ),
        (
            "RETURN [x IN [y IN $xs | y + 1] | x * 2] AS nested",
            "RETURN list_transform(list_transform($xs, y -> y + 1), x -> x * 2) AS nested",
        ),
        (
            "MATCH (a) WHERE EXISTS { (a)-->(b) } RETURN a",
            "MATCH (a) WHERE EXISTS { MATCH (a)-->(b) } RETURN a",
        ),
        (
            "MATCH (a) WHERE EXISTS { MATCH (a)-->(b) } RETURN a",
            "MATCH (a) WHERE EXISTS { MATCH (a)-->(b) } RETURN a",
        ),
        (
            "MATCH (a) RETURN COUNT { (a)--() } AS n",
            "MATCH (a) RETURN COUNT { MATCH (a)--() } AS n",
        ),
        ("MATCH (n) WHERE n:Agency RETURN n", "MATCH (n) WHERE label(n) = 'Agency' RETURN n"),
        (
            "MATCH (n) WHERE n:Agency|Country RETURN n",
            "MATCH (n) WHERE label(n) IN ['Agency', 'Country'] RETURN n",
        ),
        ("RETURN $xs[0] AS a, $xs[1..3] AS b", "RETURN $xs[1] AS a, $xs[2:3] AS b"),
        ("RETURN $xs[..2] AS a, $xs[-1] AS b", "RETURN $xs[:2] AS a, $xs[-1] AS b"),
        ("RETURN $m['key'] AS v", "RETURN $m['key'] AS v"),
        ("RETURN substring($s, 0, 4) AS y", "RETURN substring($s, 1, 4) AS y"),
        ("RETURN substring($s, 5) AS y", "RETURN substring($s, 6, 2147483647) AS y"),
        ("RETURN substring($s, $i, 2) AS y", "RETURN substring($s, ($i) + 1, 2) AS y"),
        ("RETURN toString(1) AS s", "RETURN CAST(1 AS STRING) AS s"),
        ("RETURN toInteger('7') AS i", "RETURN CAST('7' AS INT64) AS i"),
        ("RETURN toFloat('2.5') AS f", "RETURN CAST('2.5' AS DOUBLE) AS f"),
        ("RETURN split($s, ' ') AS w", "RETURN string_split($s, ' ') AS w"),
        ("RETURN round($x) AS r", "RETURN round($x, 0) AS r"),
        (
            "RETURN head($xs) AS h",
            "RETURN (CASE WHEN size($xs) = 0 THEN NULL ELSE list_extract($xs, 1) END) AS h",
        ),
        ("RETURN tail($xs) AS t", "RETURN list_slice($xs, 2, size($xs)) AS t"),
        (
            "MATCH p = (a)-->(b) RETURN relationships(p) AS r",
            "MATCH p = (a)-->(b) RETURN rels(p) AS r",
        ),
        # an expression without AS keeps the column name Neo4j gives it
        ("MATCH ()-[r]->() RETURN type(r)", "MATCH ()-[r]->() RETURN label(r) AS `type(r)`"),
        ("MATCH (n) RETURN count(*), n.name", "MATCH (n) RETURN count(*) AS `count(*)`, n.name"),
        # names LadybugDB reserves are quoted where they are used
        (
            "MATCH (g) RETURN g.name AS group ORDER BY group",
            "MATCH (g) RETURN g.name AS `group` ORDER BY `group`",
        ),
        # one relationship is never matched twice in a MATCH (Neo4j's rule)
        (
            "MATCH (a)-[:T]->(o)<-[:T]-(b) WHERE b.x = 1 OR b.y = 2 RETURN b",
            "MATCH (a)-[graphkit_r1:T]->(o)<-[graphkit_r2:T]-(b) "
            "WHERE graphkit_r1 <> graphkit_r2 AND (b.x = 1 OR b.y = 2) RETURN b",
        ),
        (
            "MATCH (a)--(b)-[r]->(c) RETURN c",
            "MATCH (a)-[graphkit_r1]-(b)-[r]->(c) WHERE graphkit_r1 <> r RETURN c",
        ),
        ("MATCH (a)-[:S]->(b)-[:T]->(c) RETURN c", "MATCH (a)-[:S]->(b)-[:T]->(c) RETURN c"),
        # an ordered WITH with a LIMIT keeps the top rows on both (the order of what
        # collect() gathers from them is not promised on either)
        (
            "MATCH (a) WITH a ORDER BY a.name LIMIT 3 RETURN a.name",
            "MATCH (a) WITH a ORDER BY a.name LIMIT 3 RETURN a.name",
        ),
        (
            "MATCH (a) WITH a WHERE a.name STARTS WITH 'E' RETURN a.name ORDER BY a.name",
            "MATCH (a) WITH a WHERE a.name STARTS WITH 'E' RETURN a.name ORDER BY a.name",
        ),
        # what both spell the same is left alone
        (
            "MATCH (a:Agency) WHERE toLower(a.name) =~ 'e.*' RETURN coalesce(a.name, '') AS n",
            "MATCH (a:Agency) WHERE toLower(a.name) =~ 'e.*' RETURN coalesce(a.name, '') AS n",
        ),
    ],
)
def test_neo4j_idioms_are_spelt_the_ladybug_way(neo4j: str, ladybug: str) -> None:
    assert to_ladybug(neo4j) == ladybug


def test_backquoted_names_keep_their_backquotes() -> None:
    assert to_ladybug("RETURN [`my x` IN $xs | `my x` + 1] AS y") == (
        "RETURN list_transform($xs, `my x` -> `my x` + 1) AS y"
    )
    assert to_ladybug("MATCH (a)-[`r``1`:T]->(b)<-[:T]-(c) RETURN c") == (
        "MATCH (a)-[`r``1`:T]->(b)<-[graphkit_r2:T]-(c) WHERE `r``1` <> graphkit_r2 RETURN c"
    )


def test_strings_parameters_and_comments_are_never_rewritten() -> None:
    text = (
        "MATCH (n) // type(r) in a comment\n"
        "WHERE n.name = 'type(r) [x IN y | z] shortestPath(' AND n.key = $type "
        'RETURN "labels(n)" AS `type(r)`, n.`type` AS t'
    )
    assert to_ladybug(text) == text


def test_text_that_does_not_tokenize_is_left_to_the_read_only_check() -> None:
    assert to_ladybug("MATCH (n) RETURN 'open") == "MATCH (n) RETURN 'open"
    assert to_ladybug("MATCH (n RETURN n") == "MATCH (n RETURN n"


@pytest.mark.parametrize(
    ("cypher", "alternative"),
    [
        ("MATCH (a) CALL { WITH a RETURN 1 AS x } RETURN x", "use WITH and OPTIONAL MATCH"),
        ("RETURN reduce(t = 0, x IN [1, 2] | t + x) AS s", "use list_sum"),
        ("MATCH (a) RETURN [(a)-->(b) | b.name] AS names", "use OPTIONAL MATCH"),
        ("MATCH ()-[r]->() RETURN startNode(r) AS s", "match the direction"),
        ("MATCH ()-[r]->() RETURN endNode(r) AS s", "match the direction"),
        ("MATCH (n) RETURN id(n) AS i", "use the key"),
        ("MATCH (n) RETURN elementId(n) AS i", "use the key"),
        ("MATCH (n) RETURN stDev(n.age) AS s", "compute it"),
        ("MATCH (n) RETURN percentileCont(n.age, 0.5) AS p", "use percentileDisc"),
        ("MATCH (n) RETURN apoc.text.join(['a'], ',') AS j", "graphkit analyze"),
        ("MATCH (n) RETURN COLLECT { MATCH (n)-->(m) RETURN m.key } AS k", "OPTIONAL MATCH"),
        ("MATCH p = (a)-->(b) RETURN nodes(p)[0].key AS k", "use WITH nodes(p)"),
        ("MATCH (a) WITH a ORDER BY a.name RETURN collect(a.name) AS n", "list_sort(collect"),
        ("MATCH (a:Agency) RETURN a {.name, .kind} AS m", "use a map, {name: n.name}"),
    ],
)
def test_what_cannot_be_translated_says_so_in_one_line_with_the_alternative(
    cypher: str, alternative: str
) -> None:
    with pytest.raises(Untranslatable) as raised:
        to_ladybug(cypher)
    message = str(raised.value)
    assert message.startswith("the embedded store has no ")
    assert alternative in message and "\n" not in message


def test_a_translation_passes_the_read_only_check_when_the_original_does() -> None:
    for cypher in (
        "MATCH (a) WHERE EXISTS { (a)-->(b) } RETURN [x IN a.crimes | toUpper(x)] AS c",
        "MATCH p = shortestPath((a)-[*..4]-(b)) RETURN type(relationships(p)[0]) AS t",
        "MATCH (n) WHERE n:Agency RETURN labels(n), substring(n.name, 1) AS s",
    ):
        check_read_only(cypher, "embedded")
        check_read_only(to_ladybug(cypher), "embedded")


def test_a_bare_pattern_subquery_is_read_like_a_match() -> None:
    check_read_only("MATCH (a) WHERE EXISTS { (a)-->(b) WHERE b.x = 1 } RETURN a", "neo4j")
    check_read_only("MATCH (a) RETURN COUNT { (a)-->() } AS n", "embedded")
    with pytest.raises(QueryRefused):
        check_read_only("MATCH (a) WHERE EXISTS { (a) CREATE (b) } RETURN a", "neo4j")
    with pytest.raises(QueryRefused):
        check_read_only("MATCH (a) WHERE EXISTS { (a)-->(b) SET b.x = 1 } RETURN a", "neo4j")


def test_the_translated_text_is_checked_too(embedded_store: GraphStore, monkeypatch) -> None:
    """Whatever a translation produced, it runs only if it passes the read-only check."""
    monkeypatch.setattr(
        type(embedded_store), "translate", lambda self, cypher: "CREATE (:Country {iso2: 'XX'})"
    )
    with pytest.raises(QueryRefused):
        embedded_store.run("MATCH (c:Country) RETURN c.iso2", dialect=NEO4J)
    monkeypatch.undo()
    assert embedded_store.run("MATCH (c:Country) RETURN c.iso2", dialect=NEO4J).rows == []


# -- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cypher", "message"),
    [
        ("MATCH (a:Agencie) RETURN a", "unknown label :Agencie; did you mean :Agency?"),
        ("MATCH (a:agency) RETURN a", "did you mean :Agency?"),
        ("MATCH (a)-[:PARTICIPATE]->(o) RETURN a", "did you mean :PARTICIPATED_IN?"),
        ("MATCH (a)-[:BASED_IN|COOPERATES_WITH]-(o) RETURN a", "did you mean :COOPERATED_WITH?"),
        ("MATCH (a:Agency) RETURN a.nme", "Agency has no property nme; did you mean name?"),
        ("MATCH (c:Country) RETURN c.key", "Country has no property key; did you mean"),
        ("MATCH (a:Agency {nam: 'x'}) RETURN a", "Agency has no property nam; did you mean name?"),
        ("MATCH ()-[r:BASED_IN]->() RETURN r.evidance", "did you mean evidence?"),
        ("MATCH (x:Zebra) RETURN x", "the labels are :Agency, :Country"),
        ("MATCH (x) WHERE x:Agencie RETURN x", "did you mean :Agency?"),
    ],
)
def test_unknown_names_get_did_you_mean_and_the_valid_names(cypher: str, message: str) -> None:
    with pytest.raises(UnknownName) as raised:
        check_names(cypher)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (a:Agency)-[p:PARTICIPATED_IN {role: 'led'}]->(o:Operation) RETURN a.name, p.role",
        "MATCH (a:Agency) WITH a.name AS a RETURN a",  # a rebound: not an Agency any more
        "MATCH (g:CriminalGroup) RETURN [c IN g.crimes | c] AS c, {key: g.key} AS m",
        "MATCH (a:Agency)-[r:BASED_IN|PARTICIPATED_IN]->(x) RETURN r.role, r.evidence",
        "MATCH (n) RETURN n.whatever",  # no label: nothing to check against
        "MATCH (a:Agency) RETURN a.reports, a.pagerank, a.display_name IS NULL AS d",
        "RETURN $x:y",
    ],
)
def test_known_names_pass(cypher: str) -> None:
    if "display_name" in cypher:
        with pytest.raises(UnknownName):  # Agency has none: only operations and groups
            check_names(cypher)
        return
    check_names(cypher)


def test_the_embedded_stores_own_errors_about_names_get_the_hint_as_well() -> None:
    assert "did you mean :Agency?" in explain_unknown(
        "Binder exception: Table Agencie does not exist."
    )
    assert "did you mean :SEIZED?" in explain_unknown(
        "Binder exception: Table SEIZE does not exist."
    )
    assert "did you mean name?" in explain_unknown(
        "Binder exception: Cannot find property nme for a."
    )
    assert explain_unknown("Binder exception: something else") is None


def test_an_unknown_label_is_an_error_on_both_stores(store: GraphStore) -> None:
    """Neo4j alone would answer no rows (and LadybugDB "Table Agencie does not exist")."""
    for cypher in ("MATCH (a:Agencie) RETURN a.name", "MATCH (a:Agency) RETURN a.nme"):
        with pytest.raises(QueryError, match="did you mean"):
            store.run(cypher, dialect=NEO4J)


# -- any text -----------------------------------------------------------------------------

IDIOM_READS = [
    "MATCH ( a ) - [ r ] -> ( b ) RETURN type ( r ) , labels ( a ) [ 0 ]",
    "MATCH p = shortestPath ( ( a ) - [ * .. 4 ] - ( b ) ) RETURN length ( p ) AS n",
    "MATCH ( g ) RETURN [ c IN g.crimes WHERE c <> 'x' | toUpper ( c ) ] AS c",
    "MATCH ( a ) WHERE EXISTS { ( a ) -- ( ) } AND a : Agency RETURN COUNT { ( a ) --> ( ) }",
    "MATCH ( a ) - - ( o ) - - ( b ) WHERE b.x STARTS WITH 'y' RETURN b.name AS group",
    "MATCH ( o ) RETURN substring ( o.d , 0 , 4 ) , o.crimes [ 1 .. 2 ] , head ( o.crimes )",
]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_read_stays_a_read_however_it_is_spelt(data: st.DataObject) -> None:
    """Case, spaces and comments change nothing: the translation of a read passes the
    read-only check."""
    text = data.draw(respelled(data.draw(st.sampled_from(IDIOM_READS))))
    check_read_only(text, "embedded")
    try:
        translated = to_ladybug(text)
    except UnknownName:  # a label respelt (a : agency)
        assert "a : Agency" not in text
        return
    check_read_only(translated, "embedded")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("()[]{}-<>:|.,*'$ aInWHEREtype")), max_size=60))
def test_any_text_translates_or_gets_a_message(text: str) -> None:
    """Nothing crashes the translation: text comes back, or a one-line QueryError."""
    with contextlib.suppress(QueryError):
        assert isinstance(to_ladybug(text), str)
    with contextlib.suppress(QueryError):
        check_names(text)


VOCABULARY = [
    *("MATCH", "RETURN", "WITH", "WHERE", "ORDER BY", "LIMIT 1", "AS", "STARTS WITH", ","),
    *("a", "b.x", "group", "-", "->", "<-", "--", ":", "|", "*", "..", "0", "'type(r)'", "$p"),
    *("( a )", "( a : Agency )", "[ r ]", "[ : PARTICIPATED_IN * 1 .. 2 ]", "{ ( a ) }"),
    *("EXISTS { ( a ) -- ( ) }", "COUNT { MATCH ( a ) }", "[ x IN a | x ]", "[ x IN a WHERE x ]"),
    *("type ( r )", "labels ( a ) [ 0 ]", "substring ( a , 1 )", "head ( a )", "a [ 1 .. ]"),
    *("shortestPath ( ( a ) - [ * ] - ( b ) )", "reduce ( s = 0 , x IN a | s )", "a : Agency"),
]


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(VOCABULARY), max_size=30))
def test_any_sequence_of_cypher_words_translates_or_gets_a_message(words: list[str]) -> None:
    text = " ".join(words)
    with contextlib.suppress(QueryError):
        translated = to_ladybug(text)
        assert "'type(r)'" in translated or "'type(r)'" not in text  # strings untouched
    with contextlib.suppress(QueryError):
        check_names(text)
