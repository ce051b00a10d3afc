"""Reading a whole graph from Neo4j in records of many rows (``Dialect.rows_per_record``).

The Bolt driver's cost is per record, so Neo4j sends a table's rows as lists of rows; the
graph read must be the same whatever the size of those lists, at every boundary.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import neo4j.time
import pytest
from factories import all_documents, expected_graph
from many_reports import small_report

from graphkit.store.base import GraphStore
from graphkit.store.ladybug import LadybugDialect
from graphkit.store.neo4j import Neo4jStore, _plain
from graphkit.store.statements import (
    Dialect,
    read_nodes_statement,
    read_relationships_statement,
    read_rows,
)


def records_of(size: int | None) -> Dialect:
    """Neo4j's dialect with ``size`` rows to a record."""
    dialect = Dialect()
    dialect.rows_per_record = size
    return dialect


@pytest.mark.parametrize("size", [1, 2, 3, 7, None])
def test_neo4j_reads_the_same_graph_in_records_of_any_size(
    neo4j_store: Neo4jStore, size: int | None
) -> None:
    docs = all_documents()
    neo4j_store.write_many(docs)
    expected = expected_graph(docs)
    assert neo4j_store.read_graph() == expected  # the default size
    neo4j_store.dialect = records_of(size)
    assert neo4j_store.read_graph() == expected
    light = neo4j_store.read_graph(evidence=False)
    assert [e.properties.get("evidence") for e in light.edges] == [None] * len(light.edges)
    assert [(e.type, e.src, e.dst) for e in light.edges] == [
        (e.type, e.src, e.dst) for e in expected.edges
    ]
    for labels in (["Agency", "Country"], ["Person"], ["CriminalGroup", "Operation"]):
        neo4j_store.dialect = records_of(None)
        one_per_record = neo4j_store.read_graph(labels=labels)
        neo4j_store.dialect = records_of(size)
        assert neo4j_store.read_graph(labels=labels) == one_per_record


@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_table_comes_in_records_of_at_most_the_size(neo4j_store: Neo4jStore, size: int) -> None:
    neo4j_store.write_many(all_documents())
    countries = neo4j_store.counts()["nodes"]["Country"]
    assert countries > size  # several records, the last one possibly short
    statement, _ = read_nodes_statement("Country", records_of(size))
    (records,) = neo4j_store.read_all([statement])
    assert len(records) == math.ceil(countries / size)
    assert all(len(record) == 1 and 1 <= len(record[0]) <= size for record in records)
    assert len(read_rows(records, records_of(size))) == countries


def test_an_empty_table_is_no_record(neo4j_store: Neo4jStore) -> None:
    statement, _ = read_relationships_statement(
        "BASED_IN", "Agency", "Country", dialect=records_of(3)
    )
    assert neo4j_store.read_all([statement]) == [[]]


def test_ladybug_reads_a_row_per_record() -> None:
    """LadybugDB's rows come from the process's memory: nothing to batch."""
    dialect = LadybugDialect()
    statement, props = read_nodes_statement("Country", dialect)
    assert statement == read_nodes_statement("Country")[0]
    assert statement.startswith("MATCH (n:Country) RETURN n.")
    assert "collect" not in statement
    assert read_rows([["a", 1], ["b", 2]], dialect) == [["a", 1], ["b", 2]]
    assert len(props) == statement.count(" AS ")


def test_rows_of_records_in_order() -> None:
    records = [[[["a", 1], ["b", 2]]], [[["c", 3]]]]
    assert read_rows(records, records_of(2)) == [["a", 1], ["b", 2], ["c", 3]]
    assert read_rows([], records_of(2)) == []


def test_values_in_lists_of_rows_are_made_plain() -> None:
    """The scalar shortcut must not skip a value that needs converting, however deep."""
    date = neo4j.time.Date(2024, 3, 1)
    assert _plain([["a", 1, None], ["b", date, [date]]]) == [
        ["a", 1, None],
        ["b", "2024-03-01", ["2024-03-01"]],
    ]
    rows = [["a", 1.5, True]]
    assert _plain(rows) == rows
    assert _plain({"k": [date]}) == {"k": ["2024-03-01"]}


def test_every_store_reads_its_graph_the_same(store: GraphStore) -> None:
    """Both stores, their own dialects: the contract's graph."""
    docs = all_documents()
    store.write_many(docs)
    assert store.read_graph() == expected_graph(docs)


@pytest.mark.neo4j
def test_lists_of_rows_hold_little_of_the_servers_memory(tmp_path: Path) -> None:
    """While it sends a pattern's rows as lists, the server holds references to the matched
    relationships, not their properties: a server that gives a transaction only 4 MiB (the
    least it starts with) reads 12,000 relationships of one pattern, with their evidence."""
    server = sys.modules["graphkit_test_neo4j_server"]  # tests/neo4j/server.py (conftest)
    docs = [small_report(i) for i in range(6_000)]
    small = server.Neo4jServer(settings={"db.memory.transaction.max": "4m"})
    with small as uri, Neo4jStore(uri) as store:
        for i in range(0, len(docs), 10):  # a write of more fails at 4 MiB
            store.write_many(docs[i : i + 10])
        graph = store.read_graph()
        store.dialect = records_of(None)
        assert graph == store.read_graph()
    participations = [e for e in graph.edges if e.type == "PARTICIPATED_IN"]
    assert len(participations) == 12_000
    assert all(e.properties["evidence"] for e in participations)


class PausingStore(Neo4jStore):
    """A Neo4jStore whose read stops after the first record of the statement naming
    ``label`` and lets ``meanwhile`` (another client's write) commit before reading on: the
    read committed isolation a concurrent write meets, made deterministic."""

    def __init__(self, uri: str, label: str, meanwhile: Callable[[], None]) -> None:
        super().__init__(uri)
        self.label, self.meanwhile = label, meanwhile

    def read_all(self, statements: Sequence[str]) -> list[list[list[Any]]]:
        out: list[list[list[Any]]] = []
        session = self._driver.session(database=self.database, fetch_size=1)
        with session, session.begin_transaction() as tx:
            for statement in statements:
                records = []
                for record in tx.run(statement):
                    records.append([_plain(v) for v in record.values()])
                    if len(records) == 1 and f":{self.label})" in statement:
                        self.meanwhile()
                out.append(records)
        return out


@pytest.mark.parametrize("label", ["Operation", "Agency"])
def test_what_another_client_deletes_while_it_is_sent_is_left_out(
    neo4j_uri: str, neo4j_store: Neo4jStore, label: str
) -> None:
    """Nodes and relationships deleted after the server matched them come as rows of
    nulls: the graph read leaves them out and stays a graph (no relationship without both
    ends), whatever the size of the records."""
    neo4j_store.write_many([small_report(i) for i in range(40)])

    def delete_operations() -> None:
        with Neo4jStore(neo4j_uri) as other:
            other.run("MATCH (n:Operation) DETACH DELETE n", write=True)

    for size in (1, 3, None):
        neo4j_store.run("MATCH (n) DETACH DELETE n", write=True)
        neo4j_store.write_many([small_report(i) for i in range(40)])
        paused = PausingStore(neo4j_uri, label, delete_operations)
        paused.dialect = records_of(size)
        try:
            graph = paused.read_graph()
        finally:
            paused.close()
        ids = {node.id for node in graph.nodes}
        assert all(key for _, key in ids)
        assert all(e.src in ids and e.dst in ids for e in graph.edges)
        assert graph.nodes and graph.edges
        operations = [n for n in graph.nodes if n.label == "Operation"]
        # paused in Operation's table: the first record's operations; in Agency's, read
        # after Operation's (the ontology's order): all 40, their relationships gone
        assert len(operations) == (40 if label == "Agency" else size or 1)
