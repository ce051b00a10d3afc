"""Property-based checks: both stores, side by side, against the plain-Python reference.

Each test uses both stores at once (so it is marked ``neo4j``). Hypothesis reuses the
function-scoped stores across examples, so every example starts by emptying them.
"""

from __future__ import annotations

import pytest
from factories import (
    FactsBuilder,
    action_day,
    action_day_corrected,
    all_documents,
    expected_counts,
    expected_graph,
    follow_up,
    mare_nostrum,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.facts import FactsDocument
from graphkit.store.base import GraphStore
from graphkit.store.ladybug import LadybugStore
from graphkit.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j


def shared_stores(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Strings that have broken string handling somewhere, plus anything Unicode allows
# (surrogates cannot be encoded in UTF-8, so no store could take them).
AWKWARD = st.sampled_from(
    [
        "'",
        '"',
        "\\",
        "\\'",
        "</script><script>alert(1)</script>",
        "${x} $x {x} `x`",
        "'Ndrangheta",
        "Liège « Mare Nostrum » — €2.5m",
        "Zürich/Łódź/Ελλάδα/Україна/中国/العربية",
        "😀 emoji and \u200d joiners",
        "line\nbreak\ttab",
        "\u2028\u2029",
        "NUL\x00inside",
        "x" * 5000,
    ]
)
TEXT = AWKWARD | st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


def wipe(*stores: GraphStore) -> None:
    for store in stores:
        store.run("MATCH (n) DETACH DELETE n", write=True)


def document_with(value: str, other: str) -> FactsDocument:
    """A small report whose keys, names and evidence all carry the awkward strings."""
    b = FactsBuilder(
        f"Report about {value}.\nSecond line: {other}.\nEnd.",
        source=f"inbox/{value}",
        title=other,
    )
    text = b.report.text
    v, o = value[:200], other[:200]  # keys are short (facts.MAX_KEY_LENGTH); values need not be
    op = b.node("Operation", f"operation:{v}", name=value, crimes=["other"])
    group = b.node("CriminalGroup", f"criminalgroup:{o}", descriptor=other, name=value)
    seizure = b.node("Seizure", f"seizure:{v}:{o}", item=value, unit=other, quantity=1.5)
    person = b.node("Person", f"person:{o}", name=other, age=40)
    b.rel("DESCRIBES", ("Report", b.key), op, text)
    b.rel("TARGETED", op, group, text.splitlines()[0])
    b.rel("SEIZED", op, seizure, text.splitlines()[1], certainty="alleged")
    b.rel("MEMBER_OF", person, group, text[1:-1])
    return b.build()


@shared_stores(max_examples=20)
@given(value=TEXT, other=TEXT)
def test_any_string_round_trips_through_both_stores(
    embedded_store: LadybugStore, neo4j_store: Neo4jStore, value: str, other: str
) -> None:
    wipe(embedded_store, neo4j_store)
    doc = document_with(value, other)
    expected = expected_graph([doc])
    for store in (embedded_store, neo4j_store):
        store.write(doc)
        assert store.read_graph() == expected, store.kind
        assert store.find_reports(doc.report.source) == [doc.report.key]
        rows = store.run(
            "MATCH (o:Operation) WHERE o.name = $name RETURN o.key AS key", {"name": value}
        ).rows
        assert rows == [[f"operation:{value[:200]}"]]
        assert store.remove(doc.report.key)
        assert store.counts() == expected_counts([])


POOL = [action_day(), action_day_corrected(), follow_up(), mare_nostrum()]
OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["write", "remove"]), st.integers(0, len(POOL) - 1)),
    min_size=1,
    max_size=6,
)


@shared_stores(max_examples=12)
@given(operations=OPERATIONS)
def test_any_sequence_of_writes_and_removals_gives_the_same_graph_in_both_stores(
    embedded_store: LadybugStore, neo4j_store: Neo4jStore, operations: list[tuple[str, int]]
) -> None:
    wipe(embedded_store, neo4j_store)
    stored: dict[str, FactsDocument] = {}  # report key -> its current version, oldest first
    for action, index in operations:
        doc = POOL[index]
        key = doc.report.key
        if action == "write":
            stored.pop(key, None)
            stored[key] = doc
            for store in (embedded_store, neo4j_store):
                store.write(doc)
        else:
            was_there = key in stored
            stored.pop(key, None)
            for store in (embedded_store, neo4j_store):
                assert store.remove(key) is was_there
        expected = expected_graph(list(stored.values()))
        assert embedded_store.read_graph() == expected
        assert neo4j_store.read_graph() == expected


def test_both_stores_give_the_same_answers_for_the_same_facts(
    embedded_store: LadybugStore, neo4j_store: Neo4jStore
) -> None:
    docs = all_documents()
    for store in (embedded_store, neo4j_store):
        for doc in docs:
            store.write(doc)
        store.write(action_day_corrected())
    assert embedded_store.read_graph() == neo4j_store.read_graph()
    assert embedded_store.counts() == neo4j_store.counts()
    assert embedded_store.reports() == neo4j_store.reports()
    for cypher, params in [
        (
            "MATCH (a:Agency)-[p:PARTICIPATED_IN]->(o:Operation) "
            "RETURN a.name AS agency, p.role AS role, count(o) AS operations "
            "ORDER BY agency, role",
            {},
        ),
        (
            "MATCH (g:CriminalGroup)-[e:ARRESTED_IN]->(c:Country) WHERE e.count > $n "
            "RETURN c.name AS country, sum(e.count) AS arrests ORDER BY country",
            {"n": 2},
        ),
        (
            "MATCH (r:Report)-[:DESCRIBES]->(o:Operation)-[:CONDUCTED_IN]->(c:Country) "
            "RETURN r.published AS published, c.iso2 AS iso2 ORDER BY published, iso2",
            {},
        ),
        (
            "MATCH (a:Agency)-[:COOPERATED_WITH]-(b:Agency) WHERE a.key = $key "
            "RETURN DISTINCT b.name AS partner ORDER BY partner",
            {"key": "agency:eu:europol"},
        ),
    ]:
        embedded = embedded_store.run(cypher, params)
        neo4j = neo4j_store.run(cypher, params)
        assert embedded.columns == neo4j.columns
        assert embedded.rows == neo4j.rows, cypher
        assert embedded.rows
