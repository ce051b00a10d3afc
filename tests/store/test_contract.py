"""The GraphStore contract, run unchanged against the embedded store and against Neo4j.

Every test takes the parametrised ``store`` fixture (a fresh, empty store of each kind)
and speaks only the interface of :class:`graphkit.store.base.GraphStore`. What a store
must hold is spelled out by :func:`factories.expected_graph`, a plain-Python reference,
plus explicit spot checks of the facts that matter most.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from factories import (
    BELGIAN_POLICE,
    DUTCH_POLICE,
    EUROPOL,
    FRENCH_POLICE,
    NDRANGHETA,
    S_LAUNDER,
    action_day,
    action_day_corrected,
    all_documents,
    expected_counts,
    expected_graph,
    follow_up,
    mare_nostrum,
    with_operation_property,
)

from graphkit import model
from graphkit.errors import GraphkitError, QueryError, StoreError
from graphkit.facts import FactsDocument, ReportInfo
from graphkit.store.base import GraphData, GraphEdge, GraphNode, GraphStore, Runner

EMPTY_COUNTS = {
    "nodes": dict.fromkeys(model.NODE_TYPES, 0),
    "relationships": dict.fromkeys(model.RELATIONSHIP_TYPES, 0),
}


def write_all(store: GraphStore, docs: list[FactsDocument]) -> None:
    for doc in docs:
        store.write(doc)


def node(graph: GraphData, label: str, key: str) -> GraphNode:
    found = [n for n in graph.nodes if n.id == (label, key)]
    assert len(found) == 1, f"{label} {key!r}: {len(found)} nodes"
    return found[0]


def ontology_properties(graph_node: GraphNode) -> dict[str, Any]:
    """The node's key, its ontology properties and the ``reports`` that support it."""
    spec = model.node_type(graph_node.label)
    return {
        spec.key: graph_node.key,
        **{p.name: graph_node.properties[p.name] for p in spec.properties if p.name != spec.key},
        "reports": graph_node.properties["reports"],
    }


def edges(graph: GraphData, rel_type: str, **match: Any) -> list[GraphEdge]:
    """Edges of one type, optionally filtered by src/dst key or by property values."""
    selected = []
    for edge in graph.edges:
        if edge.type != rel_type:
            continue
        values = {"src": edge.src[1], "dst": edge.dst[1], **edge.properties}
        if all(values.get(k) == v for k, v in match.items()):
            selected.append(edge)
    return selected


# --------------------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------------------


def test_a_new_store_is_empty_and_counts_every_ontology_name(store: GraphStore) -> None:
    assert store.counts() == EMPTY_COUNTS
    assert store.read_graph() == GraphData()
    assert store.reports() == []


def test_schema_creation_is_idempotent(store: GraphStore) -> None:
    store.write(action_day())
    store.ensure_schema()
    store.ensure_schema()
    assert store.read_graph() == expected_graph([action_day()])


def test_schema_makes_keys_unique(store: GraphStore) -> None:
    store.run("CREATE (:Country {iso2: 'BE', name: 'Belgium'})", write=True)
    with pytest.raises(QueryError):
        store.run("CREATE (:Country {iso2: 'BE', name: 'Belgique'})", write=True)
    assert store.run("MATCH (c:Country) RETURN c.name AS name").rows == [["Belgium"]]


# --------------------------------------------------------------------------------------
# Writing and reading back
# --------------------------------------------------------------------------------------


def test_a_report_reads_back_node_by_node_and_edge_by_edge(store: GraphStore) -> None:
    doc = action_day()
    store.write(doc)
    graph = store.read_graph()

    assert graph == expected_graph([doc])
    assert len(graph.nodes) == 1 + len(doc.nodes)
    assert len(graph.edges) == len(doc.relationships) == 20

    report = node(graph, "Report", doc.report.key)
    assert report.properties == {
        "source": "data/reports/be-albanian-network.txt",
        "title": "Belgian Federal Police dismantle an Albanian-speaking drug network",
        "published": "2024-03-14",
        "text": doc.report.text,
        "sha256": doc.report.sha256,
        "facts_sha256": doc.digest(),
    }
    # Entities: their ontology properties and the reports that support them (the
    # analytics measures, absent until `analyze --write-back`, are covered by expected_graph).
    assert ontology_properties(node(graph, "Country", "BE")) == {
        "iso2": "BE",
        "name": "Belgium",
        "reports": [doc.report.key],
    }
    assert ontology_properties(node(graph, "Agency", EUROPOL)) == {
        "key": EUROPOL,
        "name": "Europol",
        "country": "EU",
        "kind": "eu_agency",
        "reports": [doc.report.key],
    }
    (operation,) = [n for n in graph.nodes if n.label == "Operation"]
    assert ontology_properties(operation) == {
        "key": operation.key,
        "name": None,
        "start_date": "2024-03-12",
        "end_date": "2024-03-12",
        "arrests": 17,
        "officers": None,
        "searches": 23,
        "crimes": ["drug_trafficking", "money_laundering"],
        "display_name": "operation in Belgium and France, 12 Mar 2024",  # derived, stored
        "reports": [doc.report.key],
    }
    (cannabis,) = [n for n in graph.nodes if n.properties.get("item") == "cannabis"]
    assert cannabis.properties["quantity"] == 1200.0
    assert isinstance(cannabis.properties["quantity"], float)

    # Every relationship carries its provenance, and the evidence is found again in the text.
    text = report.properties["text"]
    for edge in graph.edges:
        props = edge.properties
        assert props["report"] == doc.report.key
        assert text[props["evidence_start"] : props["evidence_end"]] == props["evidence"]
        assert props["certainty"] in model.CERTAINTIES
    (be_arrests,) = edges(graph, "ARRESTED_IN", dst="BE")
    assert be_arrests.properties["count"] == 14
    assert isinstance(be_arrests.properties["count"], int)
    roles = {e.src[1]: e.properties["role"] for e in edges(graph, "PARTICIPATED_IN")}
    assert roles == {BELGIAN_POLICE: "led", EUROPOL: "supported", FRENCH_POLICE: "participated"}
    (laundering,) = edges(graph, "OPERATED_IN", dst="NL")
    assert laundering.properties["certainty"] == "reported"
    assert laundering.properties["evidence"].startswith("The Belgian Federal Police")
    assert S_LAUNDER in text


def test_relationship_ends_are_the_right_nodes(store: GraphStore) -> None:
    doc = follow_up()
    store.write(doc)
    graph = store.read_graph()
    (member,) = edges(graph, "MEMBER_OF")
    assert member.src[0] == "Person"
    assert node(graph, *member.src).properties["name"] == "Dritan Kola"
    assert member.dst[0] == "CriminalGroup"
    assert member.properties["certainty"] == "alleged"
    (describes,) = edges(graph, "DESCRIBES")
    assert describes.src == ("Report", doc.report.key)
    (person_arrest,) = edges(graph, "ARRESTED_IN")
    assert person_arrest.src == member.src and person_arrest.dst == ("Country", "NL")
    assert person_arrest.properties["count"] is None


def test_shared_entities_are_one_node_supported_by_every_report(store: GraphStore) -> None:
    docs = all_documents()
    write_all(store, docs)
    graph = store.read_graph()
    assert graph == expected_graph(docs)
    keys = sorted(d.report.key for d in docs)
    assert node(graph, "Agency", EUROPOL).properties["reports"] == keys
    assert node(graph, "Agency", BELGIAN_POLICE).properties["reports"] == keys
    assert node(graph, "Country", "BE").properties["reports"] == keys
    # The same fact read from two reports is two relationships, one per report.
    based = edges(graph, "BASED_IN", src=BELGIAN_POLICE)
    assert sorted(e.properties["report"] for e in based) == sorted(
        [action_day().report.key, follow_up().report.key]
    )
    assert store.counts() == expected_counts(docs)


def test_awkward_text_survives_the_round_trip(store: GraphStore) -> None:
    doc = mare_nostrum()
    store.write(doc)
    graph = store.read_graph()
    assert graph == expected_graph([doc])
    report = node(graph, "Report", doc.report.key)
    assert report.properties["text"] == doc.report.text
    assert report.properties["source"] == "data/reports/mare-nostrum « é ».txt"
    group = node(graph, "CriminalGroup", NDRANGHETA)
    assert group.properties["name"] == "'Ndrangheta"
    (targeted,) = edges(graph, "TARGETED")
    assert "C:\\shell\\companies & <script>." in targeted.properties["evidence"]


# --------------------------------------------------------------------------------------
# Reloading and correcting
# --------------------------------------------------------------------------------------


def test_reloading_the_same_document_changes_nothing(store: GraphStore) -> None:
    docs = all_documents()
    write_all(store, docs)
    counts, graph = store.counts(), store.read_graph()
    for doc in [docs[0], *docs, docs[1]]:
        store.write(doc)
        assert store.counts() == counts
        assert store.read_graph() == graph


def test_a_corrected_document_replaces_the_old_contribution(store: GraphStore) -> None:
    write_all(store, [action_day(), follow_up()])
    corrected = action_day_corrected()
    assert corrected.report.key == action_day().report.key
    store.write(corrected)

    graph = store.read_graph()
    assert graph == expected_graph([corrected, follow_up()])
    key = corrected.report.key
    (be_arrests,) = edges(graph, "ARRESTED_IN", dst="BE", report=key)
    assert be_arrests.properties["count"] == 13
    assert not [
        n
        for n in graph.nodes
        if n.label == "Seizure"
        and n.properties["item"] == "cash"
        and key in n.properties["reports"]
    ]
    assert edges(graph, "OPERATED_IN", dst="NL", report=key) == []
    # The Netherlands stays: the follow-up report (and the corrected one) still name it.
    assert node(graph, "Country", "NL").properties["reports"] == sorted(
        [key, follow_up().report.key]
    )
    assert len(store.reports()) == 2


# --------------------------------------------------------------------------------------
# All or nothing
# --------------------------------------------------------------------------------------


class InjectedFault(Exception):
    """Raised in place of a statement, to fail a write part-way through its transaction."""


@contextmanager
def fails_after(store: GraphStore, statements: int) -> Iterator[list[int]]:
    """Make the store's next transactions fail after running ``statements`` statements.

    The statements before the fault really run in the database's open transaction; the
    fault then reaches the backend's own transaction handling, which must roll back.
    Yields a one-item list holding how many statements actually ran.
    """
    ran = [0]
    real_transaction = store.transaction

    def transaction(work: Callable[[Runner], Any]) -> Any:
        ran[0] = 0

        def guarded(run: Runner) -> Any:
            def run_or_fail(statement: str, params: dict[str, Any]) -> list[list[Any]]:
                if ran[0] == statements:
                    raise InjectedFault(f"after {statements} statements")
                ran[0] += 1
                return run(statement, params)

            return work(run_or_fail)

        return real_transaction(guarded)

    store.transaction = transaction  # type: ignore[method-assign]
    try:
        yield ran
    finally:
        del store.transaction


def fail_at_every_statement(store: GraphStore, change: Callable[[], Any]) -> int:
    """Fail ``change()`` after 0, 1, 2, ... statements; check each attempt leaves no trace.

    Returns how many statements the change takes when nothing fails (it then succeeds).
    """
    graph = store.read_graph()  # every node and relationship with every property
    for limit in itertools.count():
        with fails_after(store, limit) as ran:
            try:
                change()
            except InjectedFault:
                assert ran[0] == limit
                assert store.read_graph() == graph, f"trace left after {limit} statements"
                continue
        return ran[0]
    raise AssertionError("unreachable")


def test_a_write_failing_part_way_leaves_no_trace(store: GraphStore) -> None:
    store.write(follow_up())
    total = fail_at_every_statement(store, lambda: store.write(action_day()))
    assert total > 10  # the fault really struck between statements of one report
    # ... and the store still works: the same write now succeeds.
    assert store.read_graph() == expected_graph([follow_up(), action_day()])


def test_a_replacement_failing_part_way_keeps_the_old_version(store: GraphStore) -> None:
    write_all(store, [action_day(), follow_up()])
    total = fail_at_every_statement(store, lambda: store.write(action_day_corrected()))
    assert total > 20  # removal of the old version and writing the new one: one transaction
    assert store.read_graph() == expected_graph([action_day_corrected(), follow_up()])


def test_a_removal_failing_part_way_removes_nothing(store: GraphStore) -> None:
    write_all(store, all_documents())
    total = fail_at_every_statement(store, lambda: store.remove(follow_up().report.key))
    assert total > 10
    assert store.read_graph() == expected_graph([action_day(), mare_nostrum()])


@pytest.mark.parametrize(
    ("prop", "value"),
    [("arrests", 2**63), ("crimes", ["fraud", 7])],
    ids=["integer-beyond-64-bits", "list-of-mixed-types"],
)
def test_a_value_the_database_rejects_fails_the_whole_report(
    store: GraphStore, prop: str, value: Any
) -> None:
    store.write(follow_up())
    counts, graph = store.counts(), store.read_graph()
    bad = with_operation_property(action_day(), prop, value)
    with pytest.raises(StoreError):
        store.write(bad)
    assert store.counts() == counts
    assert store.read_graph() == graph
    assert store.find_reports(bad.report.key) == []


# --------------------------------------------------------------------------------------
# Removal
# --------------------------------------------------------------------------------------


def test_remove_takes_back_a_report_and_keeps_what_others_support(store: GraphStore) -> None:
    first, second = action_day(), follow_up()
    write_all(store, [first, second])
    assert store.remove(first.report.key) is True

    graph = store.read_graph()
    assert graph == expected_graph([second])
    assert all(e.properties["report"] == second.report.key for e in graph.edges)
    # Shared nodes stay, now supported by the other report only ...
    assert node(graph, "Agency", EUROPOL).properties["reports"] == [second.report.key]
    assert node(graph, "Country", "BE").properties["reports"] == [second.report.key]
    assert node(graph, "Agency", DUTCH_POLICE).properties["name"] == "Dutch National Police"
    # ... while what only the removed report said is gone.
    labels_keys = {n.id for n in graph.nodes}
    assert ("Country", "FR") not in labels_keys
    assert ("Agency", FRENCH_POLICE) not in labels_keys
    assert ("Report", first.report.key) not in labels_keys
    assert all(first.report.key.removeprefix("report:") not in key for _, key in labels_keys)

    assert store.remove(first.report.key) is False
    assert store.remove(second.report.key) is True
    assert store.counts() == EMPTY_COUNTS


def test_removing_an_unknown_report_changes_nothing(store: GraphStore) -> None:
    write_all(store, all_documents())
    graph = store.read_graph()
    assert store.remove("report:0000000000000000") is False
    assert store.remove("data/reports/be-albanian-network.txt") is False  # a source, not a key
    assert store.read_graph() == graph


def test_remove_then_reload_restores_the_same_graph(store: GraphStore) -> None:
    docs = all_documents()
    write_all(store, docs)
    graph = store.read_graph()
    assert store.remove(docs[1].report.key)
    store.write(docs[1])
    assert store.read_graph() == graph


# --------------------------------------------------------------------------------------
# Subgraphs, reports, counts
# --------------------------------------------------------------------------------------


def test_read_graph_by_labels(store: GraphStore) -> None:
    docs = all_documents()
    write_all(store, docs)
    full = store.read_graph()
    sub = store.read_graph(labels=["Agency", "Country"])
    assert sub.nodes == [n for n in full.nodes if n.label in ("Agency", "Country")]
    assert sub.edges == [e for e in full.edges if e.type in ("BASED_IN", "COOPERATED_WITH")]
    assert store.read_graph(labels=["Person"]).edges == []
    assert store.read_graph(labels=[]) == GraphData()
    with pytest.raises(ValueError, match="Gang"):
        store.read_graph(labels=["Gang"])


def test_read_graph_by_reports(store: GraphStore) -> None:
    docs = all_documents()
    write_all(store, docs)
    second = docs[1].report.key
    sub = store.read_graph(reports=[second])
    # The nodes the report supports (with all their support) and the edges read from it.
    own = expected_graph([docs[1]])
    own_ids = {n.id for n in own.nodes}
    assert sub.nodes == [n for n in expected_graph(docs).nodes if n.id in own_ids]
    assert sub.edges == own.edges
    assert node(sub, "Agency", EUROPOL).properties["reports"] == sorted(d.report.key for d in docs)
    assert {e.properties["report"] for e in sub.edges} == {second}
    both = store.read_graph(reports=[docs[0].report.key, second])
    assert {e.properties["report"] for e in both.edges} == {docs[0].report.key, second}
    assert store.read_graph(reports=["report:0000000000000000"]) == GraphData()

    only = store.read_graph(labels=["Agency", "Operation"], reports=[second])
    assert {n.label for n in only.nodes} == {"Agency", "Operation"}
    assert {e.type for e in only.edges} == {"PARTICIPATED_IN", "COOPERATED_WITH"}
    assert len(only.edges) == 5


def without_support(graph: GraphData) -> GraphData:
    return GraphData(
        [
            GraphNode(n.label, n.key, {k: v for k, v in n.properties.items() if k != "reports"})
            for n in graph.nodes
        ],
        graph.edges,
    )


@pytest.mark.parametrize("labels", [None, ["Agency", "Country"], ["Person", "CriminalGroup"]])
@pytest.mark.parametrize("evidence", [True, False])
def test_read_graph_without_support_is_the_graph_without_node_reports(
    store: GraphStore, labels: list[str] | None, evidence: bool
) -> None:
    docs = all_documents()
    write_all(store, docs)
    full = store.read_graph(labels, evidence=evidence)
    assert any(n.properties.get("reports") for n in full.nodes)
    light = store.read_graph(labels, evidence=evidence, support=False)
    assert light == without_support(full)
    assert all("named_in" not in n.properties for n in light.nodes)
    # a read by reports needs every node's support: asked for, it is there
    second = docs[1].report.key
    assert store.read_graph(labels, [second], support=False) == store.read_graph(labels, [second])


def test_reports_and_find_reports(store: GraphStore) -> None:
    docs = all_documents()
    write_all(store, docs)
    listed = store.reports()
    assert listed == sorted(
        (
            {
                "key": d.report.key,
                "source": d.report.source,
                "title": d.report.title,
                "published": d.report.published,
            }
            for d in docs
        ),
        key=lambda r: r["key"],
    )
    first = docs[0].report
    assert store.find_reports(first.key) == [first.key]
    assert store.find_reports(first.source) == [first.key]
    assert store.find_reports("data/reports/nowhere.txt") == []


def test_counts_by_label_and_type(store: GraphStore) -> None:
    docs = all_documents()
    write_all(store, docs)
    counts = store.counts()
    assert counts == expected_counts(docs)
    assert counts["nodes"]["Country"] == 4
    assert counts["nodes"]["Agency"] == 5
    assert counts["relationships"]["PARTICIPATED_IN"] == 9
    assert sum(counts["relationships"].values()) == sum(len(d.relationships) for d in docs)


# --------------------------------------------------------------------------------------
# Users' Cypher
# --------------------------------------------------------------------------------------


def test_run_with_parameters(store: GraphStore) -> None:
    write_all(store, all_documents())
    result = store.run(
        "MATCH (a:Agency) WHERE a.country = $country RETURN a.name AS name, a.kind AS kind "
        "ORDER BY name",
        {"country": "BE"},
    )
    assert result.columns == ["name", "kind"]
    assert result.rows == [["Belgian Federal Police", "police"]]
    assert result.records() == [{"name": "Belgian Federal Police", "kind": "police"}]

    result = store.run(
        "MATCH (g:CriminalGroup)-[e:ARRESTED_IN]->(c:Country) "
        "WHERE e.count >= $least AND c.iso2 IN $countries "
        "RETURN c.iso2 AS country, sum(e.count) AS arrests ORDER BY country",
        {"least": 3, "countries": ["BE", "IT", "FR"]},
    )
    assert result.rows == [["BE", 14], ["FR", 3], ["IT", 5]]

    quoted = store.run(
        "MATCH (g:CriminalGroup) WHERE g.name = $name RETURN g.key AS key", {"name": "'Ndrangheta"}
    )
    assert quoted.rows == [[NDRANGHETA]]


def test_run_rejects_bad_queries_with_a_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError):
        store.run("MATCH (c:Country RETURN c")
    with pytest.raises(QueryError):
        store.run("MATCH (c:Country) WHERE c.iso2 = $iso2 RETURN c.name AS name")  # no $iso2
    assert issubclass(QueryError, GraphkitError)


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (:Country {iso2: 'XX', name: 'Nowhere'})",
        "MATCH (c:Country) SET c.name = 'renamed'",
        "MATCH (n) DETACH DELETE n",
        "MATCH (a:Agency), (b:Country) WHERE a.country = b.iso2 CREATE (a)-[:BASED_IN]->(b)",
    ],
    ids=["create", "set", "delete", "create-relationship"],
)
def test_run_refuses_writes_unless_asked(store: GraphStore, cypher: str) -> None:
    write_all(store, all_documents())
    graph = store.read_graph()
    with pytest.raises(QueryError, match="--write"):
        store.run(cypher)
    assert store.read_graph() == graph


def test_run_writes_when_asked(store: GraphStore) -> None:
    store.run(
        "CREATE (:Country {iso2: $iso2, name: $name})",
        {"iso2": "LU", "name": "Luxembourg"},
        write=True,
    )
    rows = store.run("MATCH (c:Country) RETURN c.iso2 AS iso2, c.name AS name").rows
    assert rows == [["LU", "Luxembourg"]]
    assert store.counts()["nodes"]["Country"] == 1
    store.run("MATCH (c:Country {iso2: $iso2}) DELETE c", {"iso2": "LU"}, write=True)
    assert store.counts() == EMPTY_COUNTS


def test_an_embedded_database_from_an_older_schema_gains_the_new_columns(tmp_path) -> None:
    """Upgrading graphkit must not strand graphs: missing ontology columns are added on open."""
    import ladybug

    from graphkit.store.ladybug import LadybugStore, database_file

    path = database_file(tmp_path / "old")
    path.parent.mkdir(parents=True)
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Country(iso2 STRING PRIMARY KEY, name STRING)")
    conn.execute("CREATE (:Country {iso2: 'BE', name: 'Belgium'})")
    conn.close()
    db.close()
    with LadybugStore(tmp_path / "old") as store:
        graph = store.read_graph(labels={"Country"})
        assert [(n.key, n.properties["name"], n.properties["pagerank"]) for n in graph.nodes] == [
            ("BE", "Belgium", None)
        ]
        store.write(action_day())
        assert store.counts()["nodes"]["Country"] >= 1


def test_support_is_stored_only_where_no_relationship_carries_it(store: GraphStore) -> None:
    """A hub's reports come from its relationships, so its stored list stays empty however
    many reports name it; a report that names a node without tying it to anything is kept
    in the node's ``named_in``, and taking that report back removes the node."""
    corrected, later = action_day_corrected(), follow_up()
    store.write_many([corrected, later])

    def stored(label: str, key: str) -> list[Any]:
        prop = model.node_type(label).key
        rows = store.run(f"MATCH (n:{label}) WHERE n.{prop} = $k RETURN n.named_in", {"k": key})
        return [sorted(row[0] or []) for row in rows.rows]

    def read(label: str, key: str) -> list[str] | None:
        nodes = [n for n in store.read_graph().nodes if n.id == (label, key)]
        return nodes[0].properties["reports"] if nodes else None

    both = sorted([corrected.report.key, later.report.key])
    assert stored("Agency", EUROPOL) == [[]] and read("Agency", EUROPOL) == both
    loose = [  # nodes of the corrected report that none of its relationships touches
        (n.label, n.key)
        for n in corrected.nodes
        if not any(
            (e.label, e.key) == (n.label, n.key)
            for r in corrected.relationships
            for e in (r.src, r.dst)
        )
    ]
    assert loose
    for label, key in loose:
        assert corrected.report.key in stored(label, key)[0]
        assert corrected.report.key in read(label, key)
    store.remove(corrected.report.key)
    for label, key in loose:
        mentioned_later = any((n.label, n.key) == (label, key) for n in later.nodes)
        assert read(label, key) == ([later.report.key] if mentioned_later else None)


def test_an_older_reports_list_becomes_named_in_on_upgrade(tmp_path) -> None:
    """graphkit once kept every supporting report in ``reports``; opened for writing, an
    older embedded database renames that column to ``named_in`` (a valid one: support is
    the list and the relationships' reports), so no node loses its support."""
    import ladybug

    from graphkit.store.ladybug import LadybugStore, database_file

    path = database_file(tmp_path / "old")
    path.parent.mkdir(parents=True)
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute(
        "CREATE NODE TABLE Country(iso2 STRING PRIMARY KEY, name STRING, reports STRING[])"
    )
    conn.execute("CREATE (:Country {iso2: 'BE', name: 'Belgium', reports: ['report:old']})")
    conn.close()
    db.close()
    with pytest.raises(StoreError, match=r"older graphkit .it has no .*graphkit load"):
        LadybugStore(tmp_path / "old", read_only=True)  # a reader cannot upgrade it
    with LadybugStore(tmp_path / "old") as store:
        (belgium,) = store.read_graph(labels={"Country"}).nodes
        assert belgium.properties["reports"] == ["report:old"]
        columns = {row[0] for row in store.run("CALL table_info('Country') RETURN name").rows}
        assert "named_in" in columns and "reports" not in columns
    with LadybugStore(tmp_path / "old", read_only=True) as reader:
        assert reader.read_graph(labels={"Country"}).nodes[0].properties["reports"] == [
            "report:old"
        ]


def test_an_older_reports_property_becomes_named_in_on_neo4j(neo4j_store) -> None:
    neo4j_store._driver.execute_query(  # an older graphkit's node, written as it wrote them
        "CREATE (:Country {iso2: 'BE', name: 'Belgium', reports: ['report:old']})",
        database_=neo4j_store.database,
    )
    from graphkit.store.neo4j import Neo4jStore

    with Neo4jStore(neo4j_store.uri, read_only=True) as reader:  # a reader changes nothing
        rows = reader.run("MATCH (c:Country) RETURN c.named_in, c.reports").rows
        assert rows == [[None, ["report:old"]]]
    neo4j_store.ensure_schema()
    (belgium,) = neo4j_store.read_graph(labels={"Country"}).nodes
    assert belgium.properties["reports"] == ["report:old"]
    rows = neo4j_store.run("MATCH (c:Country) RETURN c.named_in, c.reports").rows
    assert rows == [[["report:old"], None]]


def test_a_query_beyond_the_embedded_buffer_pool_says_what_to_do(tmp_path, monkeypatch) -> None:
    """The original ``connections`` form filled a 1 GiB buffer pool on 300 reports: the
    error names the limit and the way out instead of a buffer-manager message."""
    from many_reports import small_report

    from graphkit.store import ladybug
    from graphkit.store.ladybug import LadybugStore

    monkeypatch.setattr(ladybug, "BUFFER_POOL_BYTES", 1 << 30)  # the pool is sized from RAM

    with LadybugStore(tmp_path / "db") as store:
        store.write_many([small_report(i) for i in range(300)])
        with pytest.raises(QueryError, match=r"GiB of working memory.*graphkit path") as failed:
            store.run(
                "MATCH (a) WHERE a.key = $a OR toLower(a.name) = toLower($a) "
                "MATCH (b) WHERE b.iso2 = $b OR toLower(b.name) = toLower($b) "
                "WITH a, b WHERE a <> b "
                "MATCH p = (a)-[* ALL SHORTEST 1..4]-(b) RETURN count(*)",
                {"a": "agency:eu:europol", "b": "IT"},
            )
        assert "\n" not in str(failed.value)


def test_writing_the_same_facts_again_writes_nothing(store: GraphStore) -> None:
    """An unchanged report is left as it is, even where a later report wrote newer values:
    re-loading an old report never makes its scalar values newest again."""
    first, second = action_day(), action_day()
    second = second.model_copy(
        update={"report": ReportInfo.from_text(second.report.text + " More.", "later.txt")}
    )
    assert store.write_many([first]) == set()
    assert store.write_many([second]) == set()
    before = store.read_graph()
    assert store.write_many([first, second]) == {first.report.key, second.report.key}
    assert store.write(first) is False
    assert store.read_graph() == before
    changed = first.model_copy(update={"nodes": first.nodes[:-1]})
    assert store.write(changed) is True  # other facts from the same text: replaced


# --- what a write and a removal say they did (issue 13: no difference of totals) --------


def total(counts: dict[str, dict[str, int]]) -> tuple[int, int]:
    return sum(counts["nodes"].values()), sum(counts["relationships"].values())


def net(changes: Any) -> tuple[int, int]:
    return (
        changes.nodes_created - changes.nodes_deleted,
        changes.relationships_created - changes.relationships_deleted,
    )


def test_a_batch_says_what_it_created_and_nothing_for_unchanged_reports(store: GraphStore):
    docs = all_documents()
    first = store.write_batch(docs)
    assert first.unchanged == set()
    assert (first.changes.nodes_created, first.changes.relationships_created) == total(
        expected_counts(docs)
    )
    assert (first.changes.nodes_deleted, first.changes.relationships_deleted) == (0, 0)
    again = store.write_batch(docs)
    assert again.unchanged == {d.report.key for d in docs}
    assert net(again.changes) == (0, 0) and again.changes.nodes_created == 0


def test_a_corrected_report_counts_what_it_took_back_and_wrote(store: GraphStore):
    store.write_batch([action_day(), follow_up()])
    before = total(store.counts())
    done = store.write_batch([action_day_corrected()])
    after = total(store.counts())
    assert net(done.changes) == (after[0] - before[0], after[1] - before[1])
    old, new = action_day(), action_day_corrected()
    assert done.changes.relationships_deleted == len(old.relationships)
    assert done.changes.relationships_created == len(new.relationships)


def test_a_removal_counts_what_it_deleted(store: GraphStore):
    docs = all_documents()
    store.write_batch(docs)
    before = total(store.counts())
    removed = store.remove_report(docs[0].report.key)
    after = total(store.counts())
    assert removed is not None
    assert (removed.nodes_deleted, removed.relationships_deleted) == (
        before[0] - after[0],
        before[1] - after[1],
    )
    assert removed.relationships_deleted == len(docs[0].relationships)
    assert store.remove_report(docs[0].report.key) is None
