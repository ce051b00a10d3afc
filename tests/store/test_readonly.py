"""The read-only allow-list (graphkit/store/readonly.py), without a database: what it lets
through, what it refuses, and that no spelling of a refused statement gets past it.

The end-to-end corpus (each attempt run by the CLI on both stores, with the graph, the file
system, the home folder and a local web server checked before and after) is in
tests/reliability/test_read_only_bypass.py.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit import queries
from graphkit.errors import QueryRefused
from graphkit.store.readonly import check_read_only, tokens

KINDS = ("embedded", "neo4j")

READS = [
    "MATCH (n) RETURN n",
    "MATCH (c:Country) RETURN c.iso2 AS iso2 ORDER BY iso2 DESC SKIP 1 LIMIT 3",
    "UNWIND range(1, 50) AS x RETURN x, x * 2 AS y",
    "RETURN 1 AS x; RETURN 2 AS x",
    "MATCH (n) WHERE n.name STARTS WITH 'a' AND NOT n.x IS NULL RETURN n {.name, .key} AS m",
    "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) WHERE m.create = 1 } RETURN count(*) AS c",
    "MATCH (n) WHERE COUNT { MATCH (n)--() } > 1 RETURN n",
    "MATCH (n) WITH * RETURN n",
    "MATCH (n) WITH DISTINCT n.name AS name RETURN name",
    "RETURN CASE WHEN 1 = 1 THEN 'a' ELSE 'b' END AS x",
    "RETURN CASE 1 WHEN 1 THEN 'a' END AS x",
    "CALL { MATCH (n) RETURN n } RETURN n",
    "OPTIONAL MATCH (n:Agency) RETURN n.name AS name",
    "RETURN 'a\\'b // CREATE' AS x, \"CREATE\" AS y",
    "RETURN `CREATE` AS x",
    "MATCH (n) RETURN n.delete AS create, n.set AS set",
    "EXPLAIN MATCH (n) RETURN n",
    "PROFILE MATCH (n) RETURN n",
    "RETURN 1 AS x UNION ALL RETURN 2 AS x",
    "RETURN 1 AS x UNION RETURN 2 AS x",
    "MATCH (a)-[e:BASED_IN*1..2]->(b) RETURN a, e, b",
    "MATCH (n) WHERE n.x IN [1, 2] OR n.y =~ 'a.*' XOR n.z CONTAINS 'q' RETURN n",
    "MATCH (n) RETURN [x IN n.crimes WHERE x <> 'fraud' | toUpper(x)] AS crimes",
    "MATCH (n) RETURN n.name AS name ORDER BY name ASCENDING",
    "MATCH (n) WHERE n.key = $key RETURN n // a comment\n",
    "/* leading */ MATCH (n) RETURN n",
]
NEO4J_READS = [
    "CALL db.labels() YIELD label RETURN label ORDER BY label",
    "CALL db.labels",
    "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name",
    "SHOW RANGE INDEXES",
    "MATCH p = ANY SHORTEST (a)-->+(b) RETURN p",
    "MATCH ((a)-->(b)){1,3} RETURN a",
    "MATCH (n) RETURN n IS :: STRING NOT NULL AS typed",
]
EMBEDDED_READS = [
    "CALL show_tables() RETURN name ORDER BY name",
    "CALL table_info('Country') RETURN *",
    "MATCH p = (a)-[* ALL SHORTEST 1..4 (r, n | {}, {n.key})]-(b) RETURN length(p) AS hops",
    "RETURN list_transform([1, 2], x -> x + 1) AS l",
]

# Each is refused on both stores (a statement one store does not know is refused as well).
WRITES = [
    "CREATE (n)",
    "MERGE (n:Country {iso2: 'ZZ'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) SET n.x = 1",
    "MATCH (n) REMOVE n.x",
    "MATCH (n) WITH * CREATE (m)",
    "RETURN 1; CREATE (n)",
    "RETURN 1 AS x UNION CREATE (n)",
    "COMMIT; MATCH (n) DETACH DELETE n",
    "BEGIN TRANSACTION",
    "UNWIND [1] AS x CREATE (n)",
    "FOREACH (x IN [1] | CREATE (n))",
    "MATCH (n) CALL { CREATE (m) } RETURN n",
    "CALL (n) { CREATE (m) }",
    "MATCH (n) WHERE COUNT { CREATE (m) } > 0 RETURN n",
    "PROFILE CREATE (n)",
    "MATCH (n) RETURN n SKIP 1 LIMIT 1 DELETE n",
    "RETURN 1 AS x ORDER BY x DESC CREATE (n)",
    # files, extensions, settings and other databases (LadybugDB)
    "INSTALL json",
    "install json from 'http://127.0.0.1:9/'",
    "LOAD EXTENSION '/tmp/x.so'",
    "LOAD json",
    "LOAD FROM '/etc/hostname' RETURN *",
    "COPY (RETURN 1) TO 'x.csv'",
    "COPY Country FROM 'x.csv'",
    "EXPORT DATABASE 'x'",
    "IMPORT DATABASE 'x'",
    "ATTACH 'x' AS y (dbtype lbug)",
    "DETACH y",
    "USE y",
    "CALL threads=4",
    "CALL home_directory='/tmp'",
    "CALL project_graph('g', ['Country'], [])",
    "CREATE MACRO m(x) AS x",
    # files, the server and its users (Neo4j)
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS",
    "SHOW SETTINGS",
    "SHOW USERS",
    "SHOW DATABASES",
    "SHOW ALL PRIVILEGES",
    "SHOW INDEXES YIELD * TERMINATE TRANSACTIONS 'x'",
    "USE system SHOW USERS",
    "CALL db.createLabel('x')",
    "CALL dbms.listConfig()",
    "CALL db.clearQueryCaches()",
    "CALL apoc.load.json('x')",
    "OPTIONAL CALL { CREATE (n) }",
    "CYPHER runtime=slotted CREATE (n)",
    "CREATE INDEX i FOR (n:Country) ON (n.name)",
    "DROP CONSTRAINT c",
    "ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'",
    # text that might read differently to the database than to the check
    "RETURN 1 // x\rCREATE (n)",
    "RETURN 1 // x\u2028CREATE (n)",
    "RETURN 1 /* x */ CREATE (n)",
    "RETURN 'x' CREATE (n)",
    "RETURN 1\u200bCREATE (n)",
    "RETURN 1\u00a0CREATE (n)",
    "RETURN 1\u3000CREATE (n)",
    "RETURN '\\u0027' CREATE (n)",
    "RETURN \\u0043REATE",
    "RETURN 'never ends",
    "RETURN 1 /* never ends",
    "RETURN `never ends",
    "RETURN (1; CREATE (n))",
    "RETURN [1] ] CREATE (n)",
    "RETURN 1 AS x \x00 CREATE (n)",
    "ＣＲＥＡＴＥ (n)",
]


def test_every_library_query_reads_on_its_store() -> None:
    """The query library (and its LadybugDB siblings) passes the check it must pass to run."""
    checked = 0
    for query in queries.library().values():
        for kind in KINDS:
            check_read_only(query.text_for(kind), kind)
            checked += 1
    assert checked >= 2 * 12


@pytest.mark.parametrize("cypher", READS)
@pytest.mark.parametrize("kind", KINDS)
def test_reading_queries_are_allowed(cypher: str, kind: str) -> None:
    check_read_only(cypher, kind)


@pytest.mark.parametrize(
    ("kind", "cypher"),
    [("neo4j", q) for q in NEO4J_READS] + [("embedded", q) for q in EMBEDDED_READS],
)
def test_each_store_s_own_reads_are_allowed(kind: str, cypher: str) -> None:
    check_read_only(cypher, kind)


@pytest.mark.parametrize("cypher", WRITES)
@pytest.mark.parametrize("kind", KINDS)
def test_everything_else_is_refused(cypher: str, kind: str) -> None:
    with pytest.raises(QueryRefused, match="pass --write"):
        check_read_only(cypher, kind)


def test_procedures_and_show_are_per_store() -> None:
    with pytest.raises(QueryRefused, match=r"CALL db\.labels"):
        check_read_only("CALL db.labels()", "embedded")
    with pytest.raises(QueryRefused, match="CALL show_tables"):
        check_read_only("CALL show_tables() RETURN *", "neo4j")
    with pytest.raises(QueryRefused, match="SHOW"):
        check_read_only("SHOW INDEXES", "embedded")


def test_the_refusal_names_what_was_refused() -> None:
    with pytest.raises(QueryRefused, match=r"\(INSTALL\)"):
        check_read_only("MATCH (n) RETURN n; /* */ INSTALL json", "embedded")
    with pytest.raises(QueryRefused, match="LOAD"):
        check_read_only("LOAD CSV FROM 'x' AS l RETURN l", "neo4j")


def test_tokens_keep_strings_names_and_comments_apart() -> None:
    found = [(t.kind, t.text) for t in tokens("RETURN 'a\\'b' AS `x``y` // c\n, $p")]
    assert found == [
        ("word", "RETURN"),
        ("literal", "'a\\'b'"),
        ("word", "AS"),
        ("name", "x`y"),
        ("punct", ","),
        ("param", "$p"),
    ]


# Ways of spelling the same statement: case, and anything the databases read as a gap
# between tokens (spaces of every kind, line breaks, comments).
GAPS = st.sampled_from(
    [
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\u00a0",
        "\u2003",
        "\u3000",
        "/* x */",
        "/**/",
        "// c\n",
        " /* ; CREATE */ ",
    ]
)


@st.composite
def respelled(draw: st.DrawFn, text: str) -> str:
    out = []
    for piece in text.split(" "):
        if piece.isalpha():
            piece = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in piece)
        out.append(piece)
    gaps = [draw(GAPS) for _ in out[1:]]
    return out[0] + "".join(gap + piece for gap, piece in zip(gaps, out[1:], strict=True))


WRITE_TEMPLATES = [
    "MATCH ( n ) DETACH DELETE n",
    "RETURN 1 ; CREATE ( n )",
    "MATCH ( n ) WITH * SET n.x = 1",
    "INSTALL json FROM 'http://127.0.0.1:9/'",
    "LOAD EXTENSION '/tmp/x.so'",
    "COPY ( RETURN 1 ) TO 'x.csv'",
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "TERMINATE TRANSACTIONS 'x'",
    "CALL { CREATE ( n ) } RETURN 1",
    "RETURN 1 AS x UNION ALL CREATE ( n )",
]
READ_TEMPLATES = [
    "MATCH ( n : Country ) WHERE n.iso2 STARTS WITH 'B' RETURN n.name AS name ORDER BY name",
    "OPTIONAL MATCH ( a ) -- ( b ) WITH a , count ( b ) AS c RETURN a , c",
    "MATCH ( n ) WHERE EXISTS { MATCH ( n ) -- ( ) } RETURN count ( * ) AS c",
]


@settings(max_examples=300, deadline=None)
@given(data=st.data(), kind=st.sampled_from(KINDS))
def test_no_spelling_of_a_write_gets_through(data: st.DataObject, kind: str) -> None:
    text = data.draw(respelled(data.draw(st.sampled_from(WRITE_TEMPLATES))))
    with pytest.raises(QueryRefused):
        check_read_only(text, kind)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), kind=st.sampled_from(KINDS))
def test_no_spelling_of_a_read_is_refused(data: st.DataObject, kind: str) -> None:
    text = data.draw(respelled(data.draw(st.sampled_from(READ_TEMPLATES))))
    check_read_only(text, kind)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_any_text_is_either_allowed_or_refused(text: str) -> None:
    """Nothing crashes the check: arbitrary text ends in a verdict, never another error."""
    for kind in KINDS:
        with contextlib.suppress(QueryRefused):
            check_read_only(text, kind)
